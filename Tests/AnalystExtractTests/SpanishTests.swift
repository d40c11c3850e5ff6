import XCTest
import AnalystCore
@testable import AnalystExtract

final class SpanishTests: XCTestCase {
    func testTriggersAndDates() {
        assertEvent("Los rebeldes tomaron Hama el jueves.", "es", .capture, "Hama", date: "2024-12-05")
        assertEvent("La toma de Alepo se produjo el 30 de noviembre.", "es", .capture, "Aleppo", date: "2024-11-30")
        assertEvent("La caída de Damasco llegó el 8 de diciembre de 2024.", "es", .capture, "Damascus", date: "2024-12-08")
        assertEvent("Homs cayó ayer.", "es", .capture, "Homs", date: "2024-12-05")
        assertEvent("Los yihadistas lanzaron una ofensiva contra Idlib el miércoles pasado.", "es", .offensive, "Idlib", date: "2024-12-04")
        assertEvent("Los combatientes llegaron a las afueras de Homs este sábado.", "es", .reach, "Homs", date: "2024-11-30")
        assertEvent("El ejército sirio se retiró de Hama hace dos días.", "es", .withdrawal, "Hama", date: "2024-12-04")
        assertEvent("Hubo enfrentamientos en Alepo hoy.", "es", .clash, "Aleppo", date: "2024-12-06")
        assertEvent("Ataques aéreos rusos golpearon Idlib el 2 de diciembre.", "es", .airstrike, "Idlib", date: "2024-12-02")
        assertEvent("Según el Observatorio, los rebeldes tomaron Homs.", "es", .capture, "Homs", modality: .asserted)
        assertEvent("Según el ejército, los rebeldes tomaron Homs.", "es", .capture, "Homs", modality: .claimed)
        assertEvent("El régimen negó la caída de Homs.", "es", .capture, "Homs", modality: .denied)
        assertEvent("Los rebeldes capturaron aldeas en la provincia de Idlib.", "es", .capture, "Idlib Governorate", geo: 3)
    }
    func testGuards() {
        assertNoEvent("Los rebeldes no tomaron Hama.", "es", .capture)
        assertNoEvent("Los rebeldes amenazaron con tomar Homs.", "es", .capture)
    }
}
