import XCTest
import AnalystCore
@testable import AnalystExtract

final class FrenchTests: XCTestCase {
    func testTriggersAndDates() {
        assertEvent("Les rebelles ont pris Hama jeudi.", "fr", .capture, "Hama", date: "2024-12-05")
        assertEvent("La prise d'Alep a eu lieu le 30 novembre.", "fr", .capture, "Aleppo", date: "2024-11-30")
        assertEvent("La chute de Damas est survenue le 8 décembre 2024.", "fr", .capture, "Damascus", date: "2024-12-08")
        assertEvent("Homs est tombée hier soir.", "fr", .capture, "Homs", date: "2024-12-05")
        assertEvent("Les insurgés ont lancé une offensive contre Idleb mercredi dernier.", "fr", .offensive, "Idlib", date: "2024-12-04")
        assertEvent("Les combattants sont arrivés aux portes de Homs ce matin.", "fr", .reach, "Homs", date: "2024-12-06")
        assertEvent("L'armée syrienne s'est retirée de Hama le 5/12/2024.", "fr", .withdrawal, "Hama", date: "2024-12-05")
        assertEvent("Des affrontements ont éclaté à Alep aujourd'hui.", "fr", .clash, "Aleppo", date: "2024-12-06")
        assertEvent("Des frappes aériennes russes ont visé Idleb il y a trois jours.", "fr", .airstrike, "Idlib", date: "2024-12-03")
        assertEvent("Selon l'OSDH, les rebelles ont pris Homs.", "fr", .capture, "Homs", modality: .claimed)
        assertEvent("Le régime a démenti la chute de Homs.", "fr", .capture, "Homs", modality: .denied)
        assertEvent("Les rebelles ont pris des villages dans la province d'Idleb.", "fr", .capture, "Idlib Governorate", geo: 3)
    }
    func testCasualtiesAndGuards() {
        let m = Fixture.run("Dix civils ont été tués à Alep.", "fr").first { $0.type == .casualties }
        XCTAssertEqual(m?.fatalities, 10)
        assertNoEvent("Les rebelles n'ont pas pris Hama.", "fr", .capture)
    }
}
