import XCTest
import AnalystCore
@testable import AnalystExtract

final class ItalianTests: XCTestCase {
    func testTriggersAndDates() {
        assertEvent("I ribelli hanno preso Hama giovedì.", "it", .capture, "Hama", date: "2024-12-05")
        assertEvent("La presa di Aleppo è avvenuta il 30 novembre.", "it", .capture, "Aleppo", date: "2024-11-30")
        assertEvent("La caduta di Damasco è arrivata l'8 dicembre 2024.", "it", .capture, "Damascus", date: "2024-12-08")
        assertEvent("I ribelli hanno conquistato Homs ieri.", "it", .capture, "Homs", date: "2024-12-05")
        assertEvent("L'offensiva su Idlib è iniziata lunedì.", "it", .offensive, "Idlib", date: "2024-12-02")
        assertEvent("I combattenti sono arrivati alle porte di Homs oggi.", "it", .reach, "Homs", date: "2024-12-06")
        assertEvent("L'esercito siriano si è ritirato da Hama due giorni fa.", "it", .withdrawal, "Hama", date: "2024-12-04")
        assertEvent("Scontri ad Aleppo mercoledì.", "it", .clash, "Aleppo", date: "2024-12-04")
        assertEvent("Raid aerei russi su Idlib il 2 dicembre.", "it", .airstrike, "Idlib", date: "2024-12-02")
        assertEvent("Secondo l'Osservatorio, i ribelli hanno preso Homs.", "it", .capture, "Homs", modality: .asserted)
        assertEvent("Secondo l'esercito, i ribelli hanno preso Homs.", "it", .capture, "Homs", modality: .claimed)
        assertEvent("I ribelli hanno preso villaggi nella provincia di Idlib.", "it", .capture, "Idlib Governorate", geo: 3)
    }
    func testGuards() {
        assertNoEvent("I ribelli non hanno preso Hama.", "it", .capture)
    }
}
