import XCTest
@testable import AnalystCore
@testable import AnalystImport

final class GDELTImportTests: XCTestCase {
    func testGDELTRecords() throws {
        let path = try ImportFixtures.write(ImportFixtures.gdelt, name: "20241203.export.CSV")
        let store = EventStore()
        let report = try EventImporter.importFile(path: path, format: .auto, into: store)
        XCTAssertEqual(report.format, "gdelt 2.0 events")
        XCTAssertEqual(report.rowsRead, 4)
        XCTAssertEqual(report.imported, 3, "every well-formed row, the 042 visit as type other")
        XCTAssertEqual(report.skippedByReason, ["wrong field count": 1])
        XCTAssertEqual(report.problems.map(\.line), [4])
        XCTAssertEqual(report.problems[0].reason, "expected 61 fields, found 60")
        XCTAssertEqual(store.type(try XCTUnwrap(store.row(withID: "1210000003"))), .other)
        XCTAssertEqual(store.extra("event_code", try XCTUnwrap(store.row(withID: "1210000003"))), "042")

        let a = try XCTUnwrap(store.row(withID: "1210000001"))
        XCTAssertEqual(store.type(a), .airstrike)
        XCTAssertEqual(store.originalTypeOf(a), "CAMEO 19 / 1951")
        XCTAssertEqual(store.extra("event_code", a), "1951")
        XCTAssertEqual(store.extra("num_mentions", a), "12")
        XCTAssertEqual(store.dates(a), DayRange(Day(year: 2024, month: 12, day: 2)!))
        XCTAssertEqual(store.string(store.actor1[a]), "SYRIA")
        XCTAssertEqual(store.string(store.actor2[a]), "REBEL")
        XCTAssertEqual(store.sources(a), ["https://example.org/a"])
        XCTAssertEqual(store.corroboration[a], 7)
        let p = try XCTUnwrap(store.place(a))
        XCTAssertEqual(p.name, "Aleppo"); XCTAssertEqual(p.admin1, "Halab"); XCTAssertEqual(p.country, "Syria")
        XCTAssertEqual(p.latitude, 36.2028)
        XCTAssertEqual(store.geoPrecision[a], 1)

        let b = try XCTUnwrap(store.row(withID: "1210000002"))
        XCTAssertEqual(store.type(b), .shelling)
        XCTAssertNil(store.string(store.actor2[b]))

        var q = EventQuery()
        q.originalTypes = ["CAMEO 19"]
        XCTAssertEqual(q.select(from: store).count, 2)
    }

    func testStrictGDELT() throws {
        let path = try ImportFixtures.write(ImportFixtures.gdelt, name: "strict.export.CSV")
        XCTAssertThrowsError(try EventImporter.importFile(path: path, format: .gdelt, into: EventStore(), strict: true)) { e in
            XCTAssertEqual((e as! ImportError).line, 4)
        }
    }

    func testUnknownFormatIsAnError() throws {
        let path = try ImportFixtures.write("a,b,c\n1,2,3\n", name: "other.csv")
        XCTAssertThrowsError(try EventImporter.importFile(path: path, into: EventStore())) { e in
            XCTAssertTrue("\(e)".contains("unknown format"))
        }
    }
}
