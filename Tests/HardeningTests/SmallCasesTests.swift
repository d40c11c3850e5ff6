import Foundation
import XCTest

/// The smaller cases of the hostile review (docs/reliability.md): lexicons checked by --check,
/// GeoJSON never holding inf/nan, 244-byte file names.
final class SmallCasesTests: XCTestCase {
    func testCheckValidatesLexicons() throws {
        let corpus = try H.corpusCopy()
        defer { try? FileManager.default.removeItem(at: corpus.deletingLastPathComponent()) }
        let ok = try Bin.run(["--check", "--corpus", corpus.path])
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        // invalid UTF-8 in a lexicon: 65 with file:line (it used to pass --check)
        let triggers = corpus.appendingPathComponent("lexicons/en/triggers.tsv")
        let original = try Data(contentsOf: triggers)
        let lines = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count
        var bad = original
        bad += Data("held\tcapture\n".utf8) + Data([0xFF, 0xFE, 0x41]) + Data("\tcapture\n".utf8)
        try bad.write(to: triggers)
        let r = try Bin.run(["--check", "--corpus", corpus.path])
        XCTAssertEqual(r.status, 65, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("lexicons/en/triggers.tsv:\(lines + 1): error: invalid UTF-8"), r.stdout)
        // an unknown event type: named with its line
        try (original + Data("stormed\tnot-a-type\n".utf8)).write(to: triggers)
        let t = try Bin.run(["--check", "--corpus", corpus.path])
        XCTAssertEqual(t.status, 65, t.stdout + t.stderr)
        XCTAssertTrue(t.stdout.contains("en/triggers.tsv:\(lines): error:"), t.stdout)
        // an empty lexicons folder: no event could ever be found
        let lexicons = corpus.appendingPathComponent("lexicons")
        try FileManager.default.removeItem(at: lexicons)
        try FileManager.default.createDirectory(at: lexicons, withIntermediateDirectories: true)
        let e = try Bin.run(["--check", "--corpus", corpus.path])
        XCTAssertEqual(e.status, 65, e.stdout + e.stderr)
        XCTAssertTrue(e.stdout.contains("lexicons: error: no language folders"), e.stdout)
    }

    func testGeoJSONNeverWritesInfOrNan() throws {
        let dir = try H.tempDir("geojson")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("g.json").path
        let r = try Bin.run(["-e", "geojson.write('\(path)', {{lat = 1/0, lon = 0/0, name = 'x'}, {from_lat = 1, from_lon = 2, to_lat = -1/0, to_lon = 3}, {lat = 1, lon = 2, v = 0/0}})"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for bad in ["inf", "nan", "Inf", "NaN"] { XCTAssertFalse(text.contains(bad), text) }
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)))
        XCTAssertTrue(text.contains("\"geometry\":null"), text)
    }

    func testLongestFileNamesCanBeWritten() throws {
        let dir = try H.tempDir("names")
        defer { try? FileManager.default.removeItem(at: dir) }
        for length in [244, 250, 255] {
            let name = String(repeating: "é", count: (length - 4) / 2) + String(repeating: "r", count: (length - 4) % 2) + ".csv"
            XCTAssertEqual(name.utf8.count, length)
            let path = dir.appendingPathComponent(name).path
            let r = try Bin.run(["-e", "csv.write('\(path)', {{a = 1}}) local f <close> = atomic.open('\(path)') f:write('x')"])
            XCTAssertEqual(r.status, 0, "\(length): \(r.stderr)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(length)")
        }
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: dir.path).contains { $0.contains(".tmp-") })
        // a megabyte-long name: a quick "File name too long" (shortening the temporary name was
        // quadratic and ran past --timeout; found by the fuzzer)
        let huge = try Bin.run(["--timeout", "5", "-e", "csv.write(string.rep('x', 1 << 20), {{a = 1}})"], directory: dir, timeout: 30)
        XCTAssertEqual(huge.status, 73, String(huge.stderr.suffix(300)))
        XCTAssertLessThan(huge.seconds, 3)
    }
}
