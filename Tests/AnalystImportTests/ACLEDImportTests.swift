import XCTest
@testable import AnalystCore
@testable import AnalystImport

final class ACLEDImportTests: XCTestCase {
    func testCurrentLayoutValuesAndQuirks() throws {
        let path = try ImportFixtures.write(ImportFixtures.acledCurrent, name: "acled-current.csv")
        let store = EventStore()
        let report = try EventImporter.importFile(path: path, format: .auto, into: store)
        XCTAssertEqual(report.format, "acled (current)")
        XCTAssertEqual(report.rowsRead, 6)
        // Every well-formed row is imported: the protest as type `other`.
        XCTAssertEqual(report.imported, 4)
        XCTAssertEqual(report.skipped, 2)
        XCTAssertEqual(report.skippedByReason, ["bad date": 1, "latitude out of range": 1])
        XCTAssertEqual(report.problems.map(\.line), [5, 6])
        XCTAssertEqual(report.problems.map(\.malformed), [true, true])
        XCTAssertTrue(report.problems[0].reason.contains("2024-13-01"))
        XCTAssertEqual(store.count, 4)
        XCTAssertEqual(store.type(try XCTUnwrap(store.row(withID: "SYR1005"))), .other)
        XCTAssertEqual(store.extra("event_type", try XCTUnwrap(store.row(withID: "SYR1005"))), "Protests")

        let r0 = try XCTUnwrap(store.row(withID: "SYR1001"))
        XCTAssertEqual(store.type(r0), .capture)
        XCTAssertEqual(store.originalTypeOf(r0), "Battles / Non-state actor overtakes territory")
        XCTAssertEqual(store.dates(r0), DayRange(Day(year: 2024, month: 11, day: 29)!))
        XCTAssertEqual(store.string(store.actor1[r0]), "Hayat Tahrir al-Sham")
        XCTAssertNil(store.string(store.actor2[r0]).flatMap { $0 == "NA" ? $0 : nil })
        XCTAssertEqual(store.notesOf(r0), "HTS took the city, after \"heavy\" clashes.")
        XCTAssertEqual(store.sources(r0), ["Syrian Observatory for Human Rights", "Enab Baladi"])
        XCTAssertEqual(store.corroboration[r0], 2)
        XCTAssertEqual(store.int(store.fatalities[r0]), 25)
        XCTAssertEqual(store.extra("inter1", r0), "Rebel group")
        XCTAssertEqual(store.extra("admin2", r0), "Jebel Saman")
        XCTAssertNil(store.extra("assoc_actor_1", r0))
        let p0 = try XCTUnwrap(store.place(r0))
        XCTAssertEqual(p0.name, "Aleppo"); XCTAssertEqual(p0.admin1, "Aleppo"); XCTAssertEqual(p0.country, "Syria")
        XCTAssertEqual(p0.latitude, 36.2021); XCTAssertEqual(p0.longitude, 37.1343)
        XCTAssertFalse(p0.inGazetteer)
        XCTAssertLessThan(p0.id, 0)
        guard case .imported(let fid, let line) = store.origin(r0) else { return XCTFail() }
        XCTAssertEqual(store.importedFiles[Int(fid)], path); XCTAssertEqual(line, 2)

        // Week precision: +-3 days; newline inside quoted notes; blank fatalities.
        let r1 = try XCTUnwrap(store.row(withID: "SYR1002"))
        XCTAssertEqual(store.type(r1), .airstrike)
        XCTAssertEqual(store.timePrecisionOf(r1), 2)
        XCTAssertEqual(store.dates(r1), DayRange(Day(year: 2024, month: 12, day: 2)!, Day(year: 2024, month: 12, day: 8)!))
        XCTAssertEqual(store.date(r1), Day(year: 2024, month: 12, day: 5))
        XCTAssertEqual(store.notesOf(r1), "Strike on Hama;\nfirst line, second line.")
        XCTAssertNil(store.int(store.fatalities[r1]))
        XCTAssertEqual(store.geoPrecision[r1], 2)
        guard case .imported(_, let line1) = store.origin(r1) else { return XCTFail() }
        XCTAssertEqual(line1, 3)

        let r2 = try XCTUnwrap(store.row(withID: "SYR1006"))
        XCTAssertEqual(store.place(r2)?.name, "الميادين")
        XCTAssertEqual(store.notesOf(r2), "Réoccupation")
        guard case .imported(_, let line2) = store.origin(r2) else { return XCTFail() }
        XCTAssertEqual(line2, 8)
    }

    func testPre2023LayoutDatesAndInterCodes() throws {
        let path = try ImportFixtures.write(ImportFixtures.acledOld, name: "acled-old.csv")
        let store = EventStore()
        let report = try EventImporter.importFile(path: path, into: store)
        XCTAssertEqual(report.format, "acled (pre-2023)")
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.skipped, 0)
        let a = try XCTUnwrap(store.row(withID: "SYR2001"))
        XCTAssertEqual(store.type(a), .shelling)
        XCTAssertEqual(store.date(a), Day(year: 2022, month: 12, day: 28))
        XCTAssertEqual(store.notesOf(a), "Shelling, no casualties.")
        XCTAssertEqual(store.extra("inter1", a), "State forces")
        XCTAssertNil(store.extra("inter2", a))   // 0 = no actor
        XCTAssertEqual(store.extra("iso3", a), "SYR")
        XCTAssertEqual(store.int(store.fatalities[a]), 0)
        let b = try XCTUnwrap(store.row(withID: "SYR2002"))
        XCTAssertEqual(store.type(b), .clash)
        XCTAssertEqual(store.date(b), Day(year: 2020, month: 5, day: 9))
        // Month precision: the whole of May 2020.
        XCTAssertEqual(store.dates(b), DayRange(Day(year: 2020, month: 5, day: 1)!, Day(year: 2020, month: 5, day: 31)!))
        XCTAssertEqual(store.sources(b), ["Step News Agency", "SOHR"])
        XCTAssertEqual(store.extra("inter1", b), "Rebel group")
        XCTAssertEqual(store.string(store.actor2[b]), "Military Forces of Syria (2000-)")
    }

    func testStrictStopsAtFirstMalformedRowWithFileAndLine() throws {
        let path = try ImportFixtures.write(ImportFixtures.acledCurrent, name: "acled-strict.csv")
        let store = EventStore()
        XCTAssertThrowsError(try EventImporter.importFile(path: path, into: store, strict: true)) { e in
            let err = e as! ImportError
            XCTAssertEqual(err.line, 5)
            XCTAssertEqual(err.description, "\(path):5: bad event_date '2024-13-01'")
        }
        XCTAssertEqual(store.count, 0, "a strict failure adds nothing")
    }

    func testWrongFieldCountAndUnterminatedQuote() throws {
        let text = ImportFixtures.acledCurrentHeader + "\n"
            + "X1,2024-12-01,2024,1,PV,Battles,Armed clash,A,,,B,,,,,,,Syria,Hama,,,Hama,35,36,1,S,,n,1,,1\n"
            + "X2,2024-12-01,2024\n"
            + "X3,2024-12-01,2024,1,PV,Battles,Armed clash,A,,,B,,,,,,,Syria,Hama,,,Hama,35,36,1,S,,\"never closed,1,,1\n"
            + "X4,2024-12-01,2024,1,PV,Battles,Armed clash,A,,,B,,,,,,,Syria,Hama,,,Hama,35,36,1,S,,n,1,,1\n"
        let path = try ImportFixtures.write(text, name: "acled-broken.csv")
        let store = EventStore()
        let report = try EventImporter.importFile(path: path, format: .acled, into: store)
        XCTAssertEqual(report.imported, 1)
        XCTAssertEqual(report.problems.map(\.line), [3, 4])
        XCTAssertEqual(report.skippedByReason, ["wrong field count": 1, "unterminated quote": 1])
        XCTAssertEqual(report.problems[0].reason, "expected 31 fields, found 3")
    }

    func testUnmappedCanBeImportedAsADefault() throws {
        let path = try ImportFixtures.write(ImportFixtures.acledCurrent, name: "acled-default.csv")
        var options = ImportOptions()
        options.unmappedAs = .clash
        let store = EventStore()
        let report = try EventImporter.importFile(path: path, into: store, options: options)
        XCTAssertEqual(report.imported, 4)
        let r = try XCTUnwrap(store.row(withID: "SYR1005"))
        XCTAssertEqual(store.type(r), .clash)
        XCTAssertEqual(store.originalTypeOf(r), "Protests / Peaceful protest")
        // Month precision on 7 Dec: all of December.
        XCTAssertEqual(store.dates(r)?.days, 31)
    }

    func testLinkerUsesNameAndDistance() throws {
        let path = try ImportFixtures.write(ImportFixtures.acledCurrent, name: "acled-link.csv")
        let aleppo = Place(id: 170063, name: "Aleppo", geonamesName: "Aleppo", kind: .city, latitude: 36.20124,
                           longitude: 37.16117, countryCode: "SY", admin1: "Aleppo", aliases: ["Halab", "حلب"])
        // Same name as the file's Hama but 50 km away: must not link.
        let farHama = Place(id: 1, name: "Hama", geonamesName: "Hama", kind: .city, latitude: 35.6, longitude: 36.7,
                            countryCode: "SY")
        let linker = NameAndDistanceLinker(places: [aleppo, farHama], countryNames: ["SY": "Syria"])
        let store = EventStore()
        let report = try EventImporter.importFile(path: path, into: store, linker: linker)
        XCTAssertEqual(report.placesLinked, 1)
        XCTAssertEqual(report.placesAdHoc, 3)
        let a = try XCTUnwrap(store.place(try XCTUnwrap(store.row(withID: "SYR1001"))))
        XCTAssertEqual(a.id, 170063); XCTAssertTrue(a.inGazetteer); XCTAssertEqual(a.country, "Syria")
        let h = try XCTUnwrap(store.place(try XCTUnwrap(store.row(withID: "SYR1002"))))
        XCTAssertFalse(h.inGazetteer); XCTAssertLessThan(h.id, 0)
    }

    func testDates() {
        XCTAssertEqual(ACLEDDate.parse("2024-12-08"), Day(year: 2024, month: 12, day: 8))
        XCTAssertEqual(ACLEDDate.parse("28 December 2022"), Day(year: 2022, month: 12, day: 28))
        XCTAssertEqual(ACLEDDate.parse("9-May-20"), Day(year: 2020, month: 5, day: 9))
        XCTAssertEqual(ACLEDDate.parse("09-may-1998"), Day(year: 1998, month: 5, day: 9))
        XCTAssertEqual(ACLEDDate.parse("3 Sept 2021"), Day(year: 2021, month: 9, day: 3))
        XCTAssertEqual(ACLEDDate.parse("1-Jan-97"), Day(year: 1997, month: 1, day: 1))
        XCTAssertNil(ACLEDDate.parse("31 February 2022"))
        XCTAssertNil(ACLEDDate.parse("12/08/2024"))
        XCTAssertNil(ACLEDDate.parse("9-Mayo-20"))
        XCTAssertNil(ACLEDDate.parse(""))
    }

    func testTypeMappingTable() {
        XCTAssertEqual(TypeMapping.acledType(eventType: "Battles", subEventType: "Armed clash"), .clash)
        XCTAssertEqual(TypeMapping.acledType(eventType: "Battles", subEventType: "Government regains territory"), .capture)
        XCTAssertEqual(TypeMapping.acledType(eventType: "Explosions/Remote violence", subEventType: "Air/drone strike"), .airstrike)
        XCTAssertEqual(TypeMapping.acledType(eventType: "Strategic developments", subEventType: "Headquarters or base established"), .reach)
        XCTAssertEqual(TypeMapping.acledType(eventType: "Battles", subEventType: "Something new"), .clash)
        XCTAssertNil(TypeMapping.acledType(eventType: "Riots", subEventType: "Mob violence"))
        XCTAssertEqual(TypeMapping.cameoType("190"), .clash)
        XCTAssertEqual(TypeMapping.cameoType("192"), .capture)
        XCTAssertEqual(TypeMapping.cameoType("194"), .shelling)
        XCTAssertEqual(TypeMapping.cameoType("1952"), .airstrike)
        XCTAssertEqual(TypeMapping.cameoType("201"), .displacement)
        XCTAssertEqual(TypeMapping.cameoType("1831"), .shelling)
        XCTAssertNil(TypeMapping.cameoType("042"))
    }
}
