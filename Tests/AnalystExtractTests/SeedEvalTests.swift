import Foundation
import XCTest
import AnalystCore
@testable import AnalystExtract

/// The seeds of the real corpus against Tests/Gold/seeds.tsv.
final class SeedEvalTests: XCTestCase {
    func testSeedScores() throws {
        let corpus = try Corpus.load(directory: Fixture.corpusDir.path)
        let ex = try Extractor(corpus: corpus)
        let mentions = ex.extract(corpus.articles)
        let report = try Evaluator.evaluate(gold: Fixture.goldFile, mentions: mentions, places: ex.places, actors: ex.actors)
        print(report.render())
        for g in report.missed { print("MISSED \(g.articleID) \(g.type.rawValue) \(g.place) \(g.dates?.description ?? "-")") }
        for e in report.spurious {
            print("SPURIOUS \(e.articleIDs) \(e.type.rawValue) \(ex.places.place(e.placeID ?? 0)?.name ?? "?") \(e.dates?.description ?? "-") \(e.mentions[0].rule) | \(e.mentions[0].evidence.prefix(90))")
        }
        if ProcessInfo.processInfo.environment["EXTRACT_DUMP"] != nil {
            for m in mentions { print("M \(m.articleID) \(m.type.rawValue) \(ex.places.place(m.placeID ?? 0)?.name ?? "?") \(m.dates?.description ?? "-") p\(m.timePrecision ?? 0) g\(m.geoPrecision) \(m.modality.rawValue) \(m.actorID ?? "-") c\(m.confidence) \(m.rule)") }
        }
        XCTAssertGreaterThanOrEqual(report.byType[.capture]?.f1 ?? 0, 0.85)
        XCTAssertGreaterThanOrEqual(report.overall.f1, 0.75)
    }
}
