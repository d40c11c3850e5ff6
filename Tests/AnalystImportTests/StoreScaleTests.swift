import XCTest
@testable import AnalystCore
@testable import AnalystImport

final class StoreScaleTests: XCTestCase {
    func testStringPoolInternStoreAbsorb() {
        var a = StringPool()
        let x = a.intern("Hama")
        XCTAssertEqual(a.intern("Hama"), x)
        let note = "a long unique note".utf8.withContiguousStorageIfAvailable { a.store(bytes: $0) }!
        XCTAssertNil(a.lookup("a long unique note"))
        XCTAssertEqual(a[note], "a long unique note")
        var b = StringPool()
        let h = b.intern("Hama"), i = b.intern("Idlib")
        let n = "x".utf8.withContiguousStorageIfAvailable { b.store(bytes: $0) }!
        let map = a.absorb(b)
        XCTAssertEqual(map[Int(h)], x)
        XCTAssertEqual(a[map[Int(i)]], "Idlib")
        XCTAssertEqual(a.lookup("Idlib"), map[Int(i)])
        XCTAssertEqual(a[map[Int(n)]], "x")
        // Copies do not see each other's later strings.
        var c = a
        let y = c.intern("only in c")
        let z = a.intern("only in a")
        XCTAssertEqual(y, z)
        XCTAssertEqual(c[y], "only in c")
        XCTAssertEqual(a[z], "only in a")
    }

    /// Chunks split at record boundaries in parallel give the same rows and lines as one thread,
    /// including when a split point falls inside a quoted field with newlines.
    func testParallelChunksMatchSequential() throws {
        var text = ImportFixtures.acledCurrentHeader + "\r\n"
        for i in 0..<400 {
            let notes = i % 7 == 0 ? "\"line one\nline two, \"\"quoted\"\"\nline three\"" : "plain \(i)"
            text += "SYR\(i),2024-12-0\(i % 9 + 1),2024,1,PV,Battles,Armed clash,Actor \(i % 5),,Rebel group,B,,State forces,12,,760,Middle East,Syria,Admin\(i % 4),,,Loc\(i % 10),35.\(i % 10),36.5,1,S\(i % 3);T,,\(notes),\(i % 6),,1\r\n"
        }
        let path = try ImportFixtures.write(text, name: "acled-chunks.csv")
        let one = EventStore()
        var o1 = ImportOptions(); o1.threads = 1
        _ = try EventImporter.importFile(path: path, into: one, options: o1)
        for threads in [2, 3, 5, 8] {
            var o = ImportOptions(); o.threads = threads; o.parallelThreshold = 0
            let many = EventStore()
            let report = try EventImporter.importFile(path: path, into: many, options: o)
            XCTAssertEqual(report.imported, 400)
            XCTAssertEqual(many.count, one.count)
            for r in 0..<one.count {
                XCTAssertEqual(many.id(r), one.id(r))
                XCTAssertEqual(many.notesOf(r), one.notesOf(r))
                XCTAssertEqual(many.sources(r), one.sources(r))
                XCTAssertEqual(many.place(r), one.place(r))
                guard case .imported(_, let l1) = one.origin(r), case .imported(_, let l2) = many.origin(r) else { return XCTFail() }
                XCTAssertEqual(l1, l2, "row \(r) threads \(threads)")
            }
        }
        // Line of row 7 (after a 3-line notes field at row 0): header 1, row 0 on 2-4, rows 1..6 on 5..10.
        guard case .imported(_, let l7) = one.origin(7) else { return XCTFail() }
        XCTAssertEqual(l7, 11)
        XCTAssertEqual(one.row(withID: "SYR399"), 399)
    }

    func testQueryByOriginalTypeAndWindow() throws {
        let path = try ImportFixtures.write(ImportFixtures.acledCurrent, name: "acled-group.csv")
        let store = EventStore()
        try EventImporter.importFile(path: path, into: store)
        var q = EventQuery()
        q.originalTypes = ["Battles"]
        q.from = Day(year: 2024, month: 11, day: 27); q.to = Day(year: 2024, month: 12, day: 8)
        XCTAssertEqual(q.select(from: store).map { store.id(Int($0)) }, ["SYR1001", "SYR1006"])
        var e = EventQuery()
        e.extraValues = ["event_type": ["battles"], "sub_event_type": ["Government regains territory"]]
        XCTAssertEqual(e.select(from: store).map { store.id(Int($0)) }, ["SYR1006"])
    }

    func testRowAppendsStillWorkAlongsideBulk() throws {
        let store = EventStore()
        store.append(.init(id: "t1", type: .capture, dates: nil, date: nil, timePrecision: nil, place: nil,
                           geoPrecision: 1, actor: "X", actor2: nil, fatalities: nil, count: nil, modality: .claimed,
                           confidence: 0.5, corroboration: 1, conflict: false, sources: ["art1"], language: "en",
                           origin: .extracted(eventIndex: 0), originalType: nil, notes: "n"))
        let path = try ImportFixtures.write(ImportFixtures.acledOld, name: "acled-mixed.csv")
        try EventImporter.importFile(path: path, into: store)
        XCTAssertEqual(store.count, 3)
        XCTAssertEqual(store.row(withID: "t1"), 0)
        XCTAssertEqual(store.row(withID: "SYR2002"), 2)
        XCTAssertEqual(store.modalityOf(0), .claimed)
        XCTAssertEqual(store.modalityOf(1), .asserted)
        XCTAssertEqual(store.sources(0), ["art1"])
        XCTAssertEqual(store.sources(2), ["Step News Agency", "SOHR"])
        XCTAssertNil(store.extra("inter1", 0))
        XCTAssertEqual(store.extra("inter1", 1), "State forces")
        var q = EventQuery(); q.article = "art1"
        XCTAssertEqual(q.select(from: store), [0])
    }
}

final class SplitInsideQuotedFieldTests: XCTestCase {
    /// The split point for two threads lands inside a long quoted field full of newlines: the
    /// second chunk's speculative start is wrong, is detected, and the rows come out the same.
    func testSpeculativeSplitInsideQuotedNotes() throws {
        var text = ImportFixtures.acledCurrentHeader + "\n"
        func row(_ i: Int, _ notes: String) -> String {
            "Q\(i),2024-12-01,2024,1,PV,Battles,Armed clash,A,,,B,,,,,,,Syria,Hama,,,Hama,35,36,1,S,,\(notes),1,,1\n"
        }
        text += row(1, "short")
        let longNotes = "\"" + (0..<400).map { "line \($0), with \"\"quotes\"\"" }.joined(separator: "\n") + "\""
        text += row(2, longNotes)
        text += row(3, "after")
        let path = try ImportFixtures.write(text, name: "acled-split.csv")
        var o = ImportOptions(); o.threads = 2; o.parallelThreshold = 0
        let store = EventStore()
        let report = try EventImporter.importFile(path: path, into: store, options: o)
        XCTAssertEqual(report.rowsRead, 3)
        XCTAssertEqual(report.imported, 3)
        XCTAssertEqual((0..<store.count).map { store.id($0) }, ["Q1", "Q2", "Q3"])
        XCTAssertEqual(store.notesOf(1)?.split(separator: "\n").count, 400)
        guard case .imported(_, let line3) = store.origin(2) else { return XCTFail() }
        XCTAssertEqual(line3, 403)   // header 1, Q1 2, Q2 3...402, Q3 403
    }
}
