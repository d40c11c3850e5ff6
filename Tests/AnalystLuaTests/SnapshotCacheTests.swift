@testable import AnalystCore
import AnalystImport
import AnalystLua
import Foundation
import LuaKit
import XCTest

/// The import cache (ImportCache.swift) and the snapshot file under it (EventStore+Snapshot.swift):
/// a reopened store is the imported one, field by field; a damaged, truncated or foreign snapshot
/// is an error (or a cache miss), never a crash; a changed source file is a miss.
final class SnapshotCacheTests: XCTestCase {
    /// Every field of every event, one line per event, in both views (read through Lua).
    static let dump = """
        local fields = {"id", "type", "date", "date_min", "date_max", "time_precision", "geo_precision", "fatalities",
          "count", "modality", "confidence", "corroboration", "conflict", "actor", "actor_name", "actor2", "actor2_name",
          "place_id", "place_name", "admin1", "country", "latitude", "longitude", "file", "line", "notes",
          "original_type", "language", "claimed_by", "denied_by", "event_type", "sub_event_type", "disorder_type",
          "inter1", "inter2"}
        local function val(v)
          if type(v) == "table" or type(v) == "userdata" then
            local keys, out = {}, {}
            for k in pairs(v) do keys[#keys + 1] = tostring(k) end
            table.sort(keys)
            for _, k in ipairs(keys) do
              local x = v[k]
              out[#out + 1] = k .. "=" .. ((type(x) == "table" or type(x) == "userdata") and type(x) or tostring(x))
            end
            return "{" .. table.concat(out, ",") .. "}"
          end
          return tostring(v)
        end
        local lines = {}
        for _, view in ipairs{events{}, events{consolidated = false}} do
          for _, e in ipairs(view) do
            local parts = {}
            for _, f in ipairs(fields) do parts[#parts + 1] = f .. "=" .. val(e[f]) end
            parts[#parts + 1] = "place=" .. (e.place and e.place.name or "nil")
            parts[#parts + 1] = "extra=" .. val(e.extra)
            local src = {}
            for _, s in ipairs(e.sources) do src[#src + 1] = tostring(s.name) .. "@" .. tostring(s.id) .. "@" .. tostring(s.line) end
            parts[#parts + 1] = "sources=" .. table.concat(src, ";")
            lines[#lines + 1] = table.concat(parts, "|")
          end
        end
        return table.concat(lines, "\\n"), #lines
        """

    func session(cache: String) throws -> (LuaState, Session) {
        let (lua, s) = try makeLua()
        s.importCache = ImportCache(directory: cache)
        return (lua, s)
    }

    func testReopenedRowsEqualImportedOnesInEveryField() throws {
        let cache = try temporaryDirectory().path
        let path = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "snap.csv")
        let (lua1, s1) = try session(cache: cache)
        _ = try s1.corpus()
        let r1 = try s1.importEvents(path: path)
        XCTAssertFalse(r1.cached)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".snap") }
        XCTAssertEqual(entries.count, 1, "the import wrote one cache entry")
        let first = try lua1.run(Self.dump)

        let (lua2, s2) = try session(cache: cache)
        _ = try s2.corpus()
        let r2 = try s2.importEvents(path: path)
        XCTAssertTrue(r2.cached, "the second import of an unchanged file reads the snapshot")
        XCTAssertEqual(r2.imported, r1.imported)
        XCTAssertEqual(r2.rowsRead, r1.rowsRead)
        XCTAssertEqual(r2.warnings, r1.warnings)
        XCTAssertEqual(r2.warningList, r1.warningList)
        XCTAssertEqual(r2.placesLinked, r1.placesLinked)
        XCTAssertEqual(r2.actorsLinked, r1.actorsLinked)
        let second = try lua2.run(Self.dump)
        XCTAssertEqual(second[1], first[1])
        guard case .integer(let lines) = first[1] else { return XCTFail("no line count") }
        XCTAssertGreaterThan(Int(lines), 2 * RealDataFixtures.acledCurrentRows, "text events and imported rows, both views")
        XCTAssertEqual(second[0], first[0], "every field of every row is the same after reopening")
        // Filters that use the interned values and the linked names work on the reopened store.
        let q = try lua2.run("""
            return #events{event_type = "Battles"}, #events{actor = "HTS"}, #events{side = "opposition"}, #events{place = "Saraqab"}
            """)
        let q1 = try lua1.run("""
            return #events{event_type = "Battles"}, #events{actor = "HTS"}, #events{side = "opposition"}, #events{place = "Saraqab"}
            """)
        XCTAssertEqual(q, q1)
    }

    func testAChangedSourceFileIsACacheMiss() throws {
        let cache = try temporaryDirectory().path
        let path = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "changing.csv")
        func importOnce() throws -> ImportReport {
            // The Lua state stays alive while its session imports (the session calls back into it).
            let (lua, s) = try session(cache: cache)
            defer { withExtendedLifetime(lua) {} }
            _ = try s.corpus()
            return try s.importEvents(path: path)
        }
        XCTAssertFalse(try importOnce().cached)
        XCTAssertTrue(try importOnce().cached)
        // One more row: size, time and the tail's checksum change.
        let extra = RealDataFixtures.acledRow("SYR99901", "2024-12-02", "Political violence", "Battles", "Armed clash",
                                              "Military Forces of Syria (2000-2024)", "State forces", "Hayat Tahrir al-Sham", "Rebel group",
                                              "Hama", "Hama", "35.13", "36.75", fatalities: "4")
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        h.seekToEndOfFile(); h.write((extra + "\n").data(using: .utf8)!); try h.close()
        let changed = try importOnce()
        XCTAssertFalse(changed.cached, "a changed file is imported again")
        XCTAssertEqual(changed.imported, RealDataFixtures.acledCurrentRows + 1)
        XCTAssertTrue(try importOnce().cached)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".snap") }
        XCTAssertEqual(entries.count, 1, "the new entry replaced the old one of the same file")
        // Same content, new modification time: a miss too (the key has the time).
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path)
        XCTAssertFalse(try importOnce().cached)
        // A damaged entry is deleted and the file imported again.
        let entry = cache + "/" + (try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasSuffix(".snap") }!)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: entry))
        bytes[bytes.count / 2] ^= 0x40   // inside a section (the last bytes may be padding)
        try bytes.write(to: URL(fileURLWithPath: entry))
        let rebuilt = try importOnce()
        XCTAssertFalse(rebuilt.cached)
        XCTAssertEqual(rebuilt.imported, RealDataFixtures.acledCurrentRows + 1)
        XCTAssertTrue(try importOnce().cached, "the rebuilt entry is used next time")
    }
}

/// The snapshot file as untrusted input.
final class SnapshotFileTests: XCTestCase {
    func importedStore() throws -> EventStore {
        let path = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "file.csv")
        let store = EventStore()
        try EventImporter.importFile(path: path, into: store)
        return store
    }

    func snapshot(_ store: EventStore) throws -> (path: String, bytes: [UInt8]) {
        let path = try temporaryDirectory().path + "/s.snap"
        try store.writeSnapshot(to: path, extra: Array("extra".utf8))
        return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    func assertRejected(_ bytes: [UInt8], contains text: String? = nil, _ message: String,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try temporaryDirectory().path + "/bad.snap"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try EventStore.readSnapshot(path: path), message, file: file, line: line) { e in
            guard let e = e as? SnapshotError else { return XCTFail("not a SnapshotError: \(e)", file: file, line: line) }
            XCTAssertTrue(e.description.hasPrefix(path + ": not a usable snapshot: "), e.description, file: file, line: line)
            if let text { XCTAssertTrue(e.message.contains(text), "“\(e.message)” lacks “\(text)”", file: file, line: line) }
        }
    }

    /// Offsets where sections start and end, read from the table (32-byte entries after a 64-byte header).
    func boundaries(_ b: [UInt8]) -> [Int] {
        func u64(_ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(b[at + $1]) << (8 * $1) } }
        let count = (0..<4).reduce(0) { $0 | Int(b[12 + $1]) << (8 * $1) }
        var out = [0, 8, 12, 16, 24, 32, 56, 64, 64 + 32 * count]
        for i in 0..<count {
            let e = 64 + 32 * i
            out += [e, e + 8, u64(e + 8), u64(e + 8) + u64(e + 16)]
        }
        return Array(Set(out)).sorted()
    }

    func testRoundTripKeepsEveryColumn() throws {
        let store = try importedStore()
        let (path, _) = try snapshot(store)
        let (back, extra) = try EventStore.readSnapshot(path: path)
        XCTAssertEqual(extra, Array("extra".utf8))
        XCTAssertEqual(back.count, store.count)
        for r in 0..<store.count {
            XCTAssertEqual(back.id(r), store.id(r))
            XCTAssertEqual(back.type(r), store.type(r))
            XCTAssertEqual(back.dates(r), store.dates(r))
            XCTAssertEqual(back.place(r), store.place(r))
            XCTAssertEqual(back.string(back.actor1[r]), store.string(store.actor1[r]))
            XCTAssertEqual(back.notesOf(r), store.notesOf(r))
            XCTAssertEqual(back.sources(r), store.sources(r))
            for name in store.extraColumns.keys { XCTAssertEqual(back.extra(name, r), store.extra(name, r), name) }
        }
        XCTAssertEqual(back.strings.strings, store.strings.strings)
        // The reopened pool still interns: a known string keeps its id, a new one is added.
        XCTAssertEqual(back.strings.lookup(store.id(0)), store.strings.lookup(store.id(0)))
        XCTAssertEqual(back.intern("a string never seen"), Int32(store.strings.count))
        XCTAssertEqual(back.row(withID: store.id(3)), 3)
    }

    func testTruncationAtEverySectionBoundaryIsAnError() throws {
        let (_, bytes) = try snapshot(try importedStore())
        let cuts = boundaries(bytes).flatMap { [$0 - 1, $0, $0 + 1] }.filter { $0 >= 0 && $0 < bytes.count }
        XCTAssertGreaterThan(cuts.count, 60)
        for cut in cuts { try assertRejected(Array(bytes[0..<cut]), "truncated at \(cut) of \(bytes.count)") }
        try assertRejected([], contains: "truncated", "an empty file")
    }

    func testRandomByteFlipsAreErrorsOrHarmless() throws {
        let store = try importedStore()
        let (_, bytes) = try snapshot(store)
        var rng = SystemRandomNumberGenerator()
        var rejected = 0
        for _ in 0..<300 {
            var b = bytes
            let at = Int.random(in: 0..<b.count, using: &rng)
            b[at] ^= UInt8.random(in: 1...255, using: &rng)
            let path = try temporaryDirectory().path + "/flip.snap"
            try Data(b).write(to: URL(fileURLWithPath: path))
            do {
                // Only the zero padding between sections is outside every checksum: what loads is the same store.
                let (back, _) = try EventStore.readSnapshot(path: path)
                XCTAssertEqual(back.count, store.count, "flip at \(at) loaded")
                XCTAssertEqual((0..<store.count).map(back.id), (0..<store.count).map(store.id))
            } catch is SnapshotError {
                rejected += 1
            }
        }
        XCTAssertGreaterThan(rejected, 250)
    }

    func testForeignFilesAndOtherVersionsAreNamedErrors() throws {
        let (_, bytes) = try snapshot(try importedStore())
        var other = bytes
        other[8] = 2   // the format version, little-endian
        try assertRejected(other, contains: "snapshot format 2", "another version")
        try assertRejected(Array("event_id_cnty,event_date\n".utf8) + [UInt8](repeating: 65, count: 100),
                           contains: "not an analyst snapshot", "a CSV file")
        try assertRejected(bytes + [0], contains: "the header says", "an extended file")
    }

    /// A file whose checksums are right but whose values index outside their tables (as a crafted
    /// file could): each is refused by the bounds checks.
    func testValuesOutOfBoundsAreRefusedEvenWithGoodChecksums() throws {
        let cases: [(String, (EventStore) -> Void)] = [
            ("outside the pool", { $0.ids[2] = Int32($0.strings.count) }),
            ("outside the pool", { $0.notes[1] = 1 << 30 }),
            ("place outside", { $0.placeRow[0] = Int32($0.places.count) }),
            ("type code", { $0.types[0] = 200 }),
            ("modality code", { $0.modality[0] = 9 }),
            ("sources' ranges", { $0.sourceStart[1] = Int32($0.sourceList.count + 5) }),
            ("values for", { $0.dateMin.removeLast() }),
            ("outside the pool", { $0.extraColumns["admin2"]?[0] = -7 }),
        ]
        for (text, damage) in cases {
            let store = try importedStore()
            damage(store)
            let (_, bytes) = try snapshot(store)
            try assertRejected(bytes, contains: text, text)
        }
    }
}
