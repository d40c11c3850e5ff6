import XCTest
@testable import AnalystCore
@testable import AnalystImport
#if canImport(Glibc)
import Glibc
#endif

/// Import files a careless user or an attacker controls: wide headers, old Mac line ends, files
/// that shrink while they are read, text that is not UTF-8, and random damage. None may crash;
/// every row is counted (`rowsRead == imported + skipped`); strict stops with file:line.
final class HostileImportTests: XCTestCase {
    func importText(_ text: String, name: String, strict: Bool = false) throws -> (ImportReport, EventStore) {
        let path = try ImportFixtures.write(text, name: name)
        let store = EventStore()
        return (try EventImporter.importFile(path: path, into: store, strict: strict), store)
    }

    func testHeaderWithThousandsOfFieldsImports() throws {
        let lines = ImportFixtures.acledCurrent.dropFirst().components(separatedBy: "\r\n")   // no BOM
        let extra = (0..<3000).map { ",x\($0)" }.joined()
        let blanks = String(repeating: ",", count: 3000)
        let text = lines[0] + extra + "\n" + lines[1] + blanks + "\n"
        let (r, store) = try importText(text, name: "wide.csv")
        XCTAssertEqual(r.rowsRead, 1)
        XCTAssertEqual(r.imported, 1)
        XCTAssertEqual(store.id(0), "SYR1001")
    }

    func testARecordWithAHundredThousandFieldsIsAWrongFieldCount() throws {
        let lines = ImportFixtures.acledCurrent.dropFirst().components(separatedBy: "\r\n")
        let text = lines[0] + "\n" + String(repeating: "a,", count: 100_000) + "\n" + lines[1] + "\n"
        let (r, _) = try importText(text, name: "many-fields.csv")
        XCTAssertEqual(r.rowsRead, 2)
        XCTAssertEqual(r.imported, 1)
        XCTAssertEqual(r.skippedByReason["wrong field count"], 1)
        XCTAssertEqual(r.problems.first?.line, 2)
    }

    func testCROnlyLineEndsReadLikeCRLF() throws {
        let crlf = ImportFixtures.acledCurrent
        let (a, sa) = try importText(crlf, name: "crlf.csv")
        let (b, sb) = try importText(crlf.replacingOccurrences(of: "\r\n", with: "\r"), name: "cr.csv")
        XCTAssertEqual(a.rowsRead, b.rowsRead)
        XCTAssertEqual(a.imported, b.imported)
        XCTAssertEqual(a.problems.map(\.line), b.problems.map(\.line), "lines are counted at CR too")
        XCTAssertEqual((0..<sa.count).map(sa.id), (0..<sb.count).map(sb.id))
        XCTAssertEqual((0..<sa.count).map(sa.notesOf), (0..<sb.count).map(sb.notesOf))
        // GDELT with CR-only ends is detected and read too.
        let (g, _) = try importText(ImportFixtures.gdelt.replacingOccurrences(of: "\n", with: "\r"), name: "gdelt-cr.CSV")
        XCTAssertEqual(g.format, "gdelt 2.0 events")
        XCTAssertEqual(g.rowsRead, 4)
    }

    func testLatin1IsAWarningAndAnErrorUnderStrict() throws {
        let lines = ImportFixtures.acledCurrent.dropFirst().components(separatedBy: "\r\n")
        var bytes = Array([lines[0], lines[1], lines[6]].joined(separator: "\r\n").utf8)
        // "Réoccupation" on line 3: make the é a single Latin-1 byte.
        let e = Array("occupation".utf8)
        let at = try XCTUnwrap((0...(bytes.count - e.count)).first { Array(bytes[$0..<$0 + e.count]) == e })
        bytes.replaceSubrange(at - 2..<at, with: [0xE9])   // the two bytes of é before it
        let path = try ImportFixtures.write("", name: "latin1.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try EventImporter.importFile(path: path, into: EventStore())
        XCTAssertEqual(r.warningsByReason["not UTF-8"], 1)
        XCTAssertEqual(r.warningList.first?.line, 3)
        XCTAssertEqual(r.imported, 2, "not strict: imported, with U+FFFD")
        XCTAssertThrowsError(try EventImporter.importFile(path: path, into: EventStore(), strict: true)) { e in
            XCTAssertTrue("\(e)".hasPrefix("\(path):3: byte 0xE9 is not UTF-8"), "\(e)")
        }
        XCTAssertNil(UTF8Check.firstInvalid(Array("ok é ü 漢 😀".utf8), from: 0))
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
            XCTAssertEqual(UTF8Check.firstInvalid([0x41] + bad, from: 0), 1, "\(bad)")
        }
    }

    func testAMappedFileThatShrinksIsACleanError() throws {
        let path = try ImportFixtures.write(String(repeating: "x", count: 64 << 10), name: "shrinks.csv")
        let file = try MappedFile(path: path)
        XCTAssertEqual(truncate(path, 0), 0)
        // Without the guard this read ends the process with SIGBUS.
        XCTAssertEqual(file.base[file.count - 1], 0)
        XCTAssertThrowsError(try file.checkUnchanged()) { e in
            XCTAssertTrue("\(e)".contains("shrank while it was being imported"), "\(e)")
        }
    }

    func testTruncatingAFileDuringAnImportNeverCrashes() throws {
        // ~12 MB, parsed in parallel chunks; truncated from another thread part way.
        let body = ImportFixtures.acledCurrent.components(separatedBy: "\r\n")[1]
        let text = ImportFixtures.acledCurrentHeader + "\n" + (0..<40_000).map { body.replacingOccurrences(of: "SYR1001", with: "R\($0)") }.joined(separator: "\n") + "\n"
        let path = try ImportFixtures.write(text, name: "truncated-live.csv")
        for delay in [0, 2_000, 10_000, 40_000] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let t = Thread { usleep(useconds_t(delay)); _ = truncate(path, 4096) }
            t.start()
            do {
                let r = try EventImporter.importFile(path: path, into: EventStore())
                XCTAssertEqual(r.rowsRead, r.imported + r.skipped)
            } catch let e as ImportError {
                XCTAssertTrue(e.message.contains("while it was being imported"), e.description)
            }
            while !t.isFinished { usleep(1000) }
        }
    }

    func testRandomDamageNeverCrashesAndCountsEveryRow() throws {
        var rng = SplitMix(seed: 17)
        let seeds = [Array(ImportFixtures.acledCurrent.utf8), Array(ImportFixtures.acledOld.utf8), Array(ImportFixtures.gdelt.utf8)]
        let pieces: [[UInt8]] = [[13], [10], [13, 10], [34], [44], [9], [0], [0xE9], [0xFF], [34, 34], Array("NA".utf8),
                                 Array(String(repeating: ",", count: 400).utf8)]
        let path = try ImportFixtures.write("", name: "fuzz.csv")
        for i in 0..<300 {
            var b = seeds[i % seeds.count]
            for _ in 0..<(1 + Int(rng.next() % 6)) {
                let at = Int(rng.next() % UInt64(b.count + 1))
                switch rng.next() % 3 {
                case 0: b.insert(contentsOf: pieces[Int(rng.next() % UInt64(pieces.count))], at: at)
                case 1: if at < b.count { b.remove(at: at) }
                default: b = Array(b.prefix(at))
                }
            }
            try Data(b).write(to: URL(fileURLWithPath: path))
            for strict in [false, true] {
                do {
                    let r = try EventImporter.importFile(path: path, into: EventStore(), strict: strict)
                    XCTAssertEqual(r.rowsRead, r.imported + r.skipped, "case \(i)")
                } catch let e as ImportError {
                    XCTAssertTrue(e.path == path, "case \(i): \(e)")
                }
            }
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UTF8Check {
    static func firstInvalid(_ bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalid($0.baseAddress!, from: from, to: bytes.count) }
    }
}
