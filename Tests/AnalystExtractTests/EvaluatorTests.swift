import Foundation
import XCTest
import AnalystCore
@testable import AnalystExtract

/// The evaluator reads both gold formats and reports per language, modality and date accuracy.
final class EvaluatorTests: XCTestCase {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gold-\(UUID().uuidString).tsv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testBothFormatsAndScores() throws {
        let ex = Fixture.extractor
        let a = Fixture.article("Rebels seized Hama on 5 December. The army said it had withdrawn from Homs on 4 December.", "en", id: "a1")
        let b = Fixture.article("Les rebelles ont pris Alep le 30 novembre.", "fr", id: "b1")
        let mentions = ex.extract(a) + ex.extract(b)
        let newFormat = """
        article\ttype\tplace\tdates\tactor\tmodality\tgeonameid\tnote
        a1\tcapture\tHama\t2024-12-05\trebels\tasserted\t170017\tseized
        a1\twithdrawal\tHoms\t2024-12-04\tarmy\tclaimed\t169577\twithdrawn
        a1\tclash\tIdlib\t\t\tasserted\t\tnot in the text
        b1\tcapture\tAleppo\t2024-11-30\t\tasserted\t170063\tpris
        """
        let r = try Evaluator.evaluate(gold: try write(newFormat), mentions: mentions, places: ex.places, actors: ex.actors,
                                       languages: ["a1": "en", "b1": "fr"])
        XCTAssertEqual(r.overall.tp, 3)
        XCTAssertEqual(r.overall.fn, 1)
        XCTAssertEqual(r.byLanguage["fr"]?.tp, 1)
        XCTAssertEqual(r.byLanguage["en"]?.fn, 1)
        XCTAssertEqual(r.modality.total, 3)
        XCTAssertEqual(r.modalityClaimedDenied.total, 1)
        XCTAssertEqual(r.modalityClaimedDenied.right, 1)
        XCTAssertEqual(r.dateExact.total, 3)
        XCTAssertEqual(r.dateExact.right, 3)
        XCTAssertEqual(r.missed.first?.note, "not in the text")
        XCTAssertTrue(r.render().contains("modality agreement"))

        // The seeds' older format: no modality, no geonameid.
        let old = "# comment\narticle\ttype\tplace\tdates\tactor\tnote\na1\tcapture\tHama\t2024-12-05\t\tx\n"
        let r2 = try Evaluator.evaluate(gold: try write(old), mentions: mentions, places: ex.places)
        XCTAssertEqual(r2.overall.tp, 1)
        XCTAssertEqual(r2.modality.total, 0)
    }

    func testBadRowNamesFileAndLine() throws {
        let url = try write("article\ttype\tplace\tdates\na1\tconquest\tHama\t\n")
        XCTAssertThrowsError(try Evaluator.loadGold(url, places: Fixture.extractor.places)) { e in
            XCTAssertTrue("\(e)".hasSuffix(":2: unknown event type 'conquest'"), "\(e)")
        }
    }
}
