import XCTest
import AnalystCore
@testable import AnalystExtract

final class GermanTests: XCTestCase {
    func testTriggersAndDates() {
        assertEvent("Die Rebellen eroberten Hama am Donnerstag.", "de", .capture, "Hama", date: "2024-12-05")
        assertEvent("Die Einnahme von Aleppo erfolgte am 30. November.", "de", .capture, "Aleppo", date: "2024-11-30")
        assertEvent("Der Fall von Damaskus kam am 8. Dezember 2024.", "de", .capture, "Damascus", date: "2024-12-08")
        assertEvent("Homs wurde gestern erobert.", "de", .capture, "Homs", date: "2024-12-05")
        assertEvent("Die Offensive auf Idlib begann am Montag.", "de", .offensive, "Idlib", date: "2024-12-02")
        assertEvent("Kämpfer erreichten den Stadtrand von Homs heute.", "de", .reach, "Homs", date: "2024-12-06")
        assertEvent("Die syrische Armee zog sich aus Hama zurück, am 5.12.2024.", "de", .withdrawal, "Hama", date: "2024-12-05")
        assertEvent("Heftige Gefechte in Aleppo am Mittwoch.", "de", .clash, "Aleppo", date: "2024-12-04")
        assertEvent("Russische Luftangriffe trafen Idlib vor drei Tagen.", "de", .airstrike, "Idlib", date: "2024-12-03")
        assertEvent("Laut der Beobachtungsstelle eroberten Rebellen Homs.", "de", .capture, "Homs", modality: .claimed)
        assertEvent("Rebellen eroberten Dörfer in der Provinz Idlib.", "de", .capture, "Idlib Governorate", geo: 3)
    }
    func testGuards() {
        assertNoEvent("Die Rebellen scheiterten, Hama nicht eroberten.", "de", .capture)
    }
}
