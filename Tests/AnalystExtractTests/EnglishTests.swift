import XCTest
import AnalystCore
@testable import AnalystExtract

// Published Friday 2024-12-06 unless stated.
final class EnglishTests: XCTestCase {
    func testCaptureForms() {
        assertEvent("Opposition fighters seized Hama on 5 December.", "en", .capture, "Hama", date: "2024-12-05")
        assertEvent("Homs fell to HTS yesterday.", "en", .capture, "Homs", date: "2024-12-05")
        assertEvent("The fall of Damascus came on December 8, 2024.", "en", .capture, "Damascus", date: "2024-12-08")
        assertEvent("Rebels took control of Idlib last Thursday.", "en", .capture, "Idlib", date: "2024-12-05")
    }
    func testOtherTypes() {
        assertEvent("The army launched an offensive on Idlib on Monday.", "en", .offensive, "Idlib", date: "2024-12-02")
        assertEvent("Fighters reached the outskirts of Homs this morning.", "en", .reach, "Homs", date: "2024-12-06", geo: 2)
        assertEvent("Government troops withdrew from Hama on Thursday.", "en", .withdrawal, "Hama", date: "2024-12-05")
        assertEvent("Heavy clashes broke out in Aleppo on 3 December.", "en", .clash, "Aleppo", date: "2024-12-03")
        assertEvent("Russian air strikes hit Idlib two days ago.", "en", .airstrike, "Idlib", date: "2024-12-04")
        assertEvent("Artillery shelling of Hama continued today.", "en", .shelling, "Hama", date: "2024-12-06")
        assertEvent("More than 14,000 people have been displaced from Aleppo since Sunday.", "en", .displacement, "Aleppo")
        assertEvent("Rebels announced the release of 900 prisoners in Homs.", "en", .prisonerRelease, "Homs", modality: .claimed)
    }
    func testCasualtyCount() {
        let m = Fixture.run("At least 12 civilians were killed in Aleppo on Tuesday.", "en").first { $0.type == .casualties }
        XCTAssertEqual(m?.fatalities, 12)
        XCTAssertEqual(m?.dates?.description, "2024-12-03")
    }
    func testProvinceAndModality() {
        assertEvent("Militants captured villages in Hama province on Wednesday.", "en", .capture, "Hama Governorate", geo: 3)
        // a monitor reports (sourced assertion); a party claims
        assertEvent("According to the Observatory, rebels captured Homs.", "en", .capture, "Homs", modality: .asserted)
        assertEvent("According to the army, rebels captured Homs.", "en", .capture, "Homs", modality: .claimed)
        assertEvent("The army denied that rebels had captured Hama.", "en", .capture, "Hama", modality: .denied)
    }
    func testGuards() {
        assertNoEvent("The rebels failed to capture Hama.", "en", .capture)
        assertNoEvent("HTS threatened to take Homs.", "en", .capture)
        assertNoEvent("Rebels never captured Damascus.", "en", .capture)
    }
    func testRelativeOffsetsAndHistory() {
        let text = "On 27 November the offensive began. Two days later the rebels entered Aleppo."
        let m = Fixture.run(text, "en").first { $0.type == .reach }
        XCTAssertEqual(m?.dates?.description, "2024-11-29")
        let h = Fixture.run("In 2016 government forces recaptured Aleppo.", "en").first { $0.type == .capture }
        XCTAssertEqual(h?.dates?.description, "2016-01-01..2016-12-31")
    }
    func testUnknownPublicationLeavesRelativeDatesOpen() {
        let m = Fixture.run("Rebels captured Hama yesterday.", "en", published: nil).first
        XCTAssertNotNil(m)
        XCTAssertNil(m?.dates)
    }
    func testPublicationRangeGivesRange() {
        let m = Fixture.run("Rebels captured Hama yesterday.", "en", published: "2024-12-05..2024-12-07").first
        XCTAssertEqual(m?.dates?.description, "2024-12-04..2024-12-06")
        XCTAssertEqual(m?.timePrecision, 2)
    }
    func testUndatedGetsWindow() {
        let m = Fixture.run("Rebels captured Hama.", "en").first
        XCTAssertEqual(m?.dates?.description, "2024-11-22..2024-12-06")
        XCTAssertEqual(m?.timePrecision, 3)
    }
    func testStableIDs() {
        let a = Fixture.run("Rebels captured Hama.", "en").map(\.id)
        let b = Fixture.run("Rebels captured Hama.", "en").map(\.id)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.first?.count, 16)
    }
}
