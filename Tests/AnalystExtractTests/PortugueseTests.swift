import XCTest
import AnalystCore
@testable import AnalystExtract

final class PortugueseTests: XCTestCase {
    func testTriggersAndDates() {
        assertEvent("Os rebeldes tomaram Hama na quinta-feira.", "pt", .capture, "Hama", date: "2024-12-05")
        assertEvent("A tomada de Alepo ocorreu em 30 de novembro.", "pt", .capture, "Aleppo", date: "2024-11-30")
        assertEvent("A queda de Damasco veio em 8 de dezembro de 2024.", "pt", .capture, "Damascus", date: "2024-12-08")
        assertEvent("Os rebeldes conquistaram Homs ontem.", "pt", .capture, "Homs", date: "2024-12-05")
        assertEvent("A ofensiva contra Idlib começou na segunda-feira.", "pt", .offensive, "Idlib", date: "2024-12-02")
        assertEvent("Os combatentes chegaram aos arredores de Homs hoje.", "pt", .reach, "Homs", date: "2024-12-06")
        assertEvent("O exército sírio se retiraram de Hama há dois dias.", "pt", .withdrawal, "Hama", date: "2024-12-04")
        assertEvent("Confrontos em Alepo na quarta-feira.", "pt", .clash, "Aleppo", date: "2024-12-04")
        assertEvent("Ataques aéreos russos atingiram Idlib em 2 de dezembro.", "pt", .airstrike, "Idlib", date: "2024-12-02")
        assertEvent("Segundo o Observatório, os rebeldes tomaram Homs.", "pt", .capture, "Homs", modality: .asserted)
        assertEvent("Segundo o exército, os rebeldes tomaram Homs.", "pt", .capture, "Homs", modality: .claimed)
        assertEvent("Os rebeldes capturaram aldeias na província de Idlib.", "pt", .capture, "Idlib Governorate", geo: 3)
    }
    func testGuards() {
        assertNoEvent("Os rebeldes não tomaram Hama.", "pt", .capture)
    }
}
