import XCTest
@testable import AnalystCore

final class ActorTests: XCTestCase {
    var a: ActorDictionary { GazetteerTests.corpus.actors }

    func testLookupAcrossLanguages() {
        XCTAssertEqual(a.lookup("HTS")?.id, "hts")
        XCTAssertEqual(a.lookup("Hay’at Tahrir al-Sham")?.id, "hts")
        XCTAssertEqual(a.lookup("هيئة تحرير الشام")?.id, "hts")
        XCTAssertEqual(a.lookup("quân đội chính quy Syria", language: "vi")?.id, "syrian_army")
        XCTAssertEqual(a.lookup("l'armée syrienne", language: "fr")?.id, "syrian_army")
        XCTAssertEqual(a.lookup("el ejército sirio")?.id, "syrian_army")
        XCTAssertEqual(a.lookup("phe nổi dậy")?.id, "rebels")
        XCTAssertEqual(a.lookup("rebeldes", language: "es")?.id, "rebels")
        XCTAssertEqual(a.lookup("OSDH")?.id, "sohr")
        XCTAssertEqual(a.lookup("Đài Quan Sát Nhân Quyền Syria")?.id, "sohr")
        XCTAssertEqual(a.lookup("روسيا")?.id, "russia")
        XCTAssertEqual(a.lookup("Russian air force")?.id, "russia")
        XCTAssertEqual(a.lookup("Kurds")?.side, "kurdish")
        XCTAssertEqual(a.lookup("Syrian National Army")?.id, "sna")
        XCTAssertEqual(a.actor(id: "hts")?.kind, .rebelGroup)
        XCTAssertTrue(a.actor(id: "hts")?.notes?.contains("Jabhat al-Nusra") ?? false)
        for id in ["hts", "syrian_army", "rebels", "sna", "sdf", "russia", "iran", "hezbollah", "israel", "turkey",
                   "united_states", "sohr", "ocha", "un", "sana", "civilians"] {
            XCTAssertNotNil(a.actor(id: id), id)
        }
    }
}
