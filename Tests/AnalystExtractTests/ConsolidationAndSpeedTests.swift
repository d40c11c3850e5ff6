import Foundation
import XCTest
import AnalystCore
@testable import AnalystExtract

final class ConsolidationTests: XCTestCase {
    func testSameHappeningAcrossArticles() {
        let a = Fixture.extractor.extract(Fixture.article("Rebels captured Hama on Thursday.", "en", published: "2024-12-06", id: "a"))
        let b = Fixture.extractor.extract(Fixture.article("Les rebelles ont pris Hama cette semaine.", "fr", published: "2024-12-06", id: "b"))
        let c = Fixture.extractor.extract(Fixture.article("Rebels captured Hama in 2012.", "en", published: "2024-12-06", id: "c"))
        let events = Consolidator.consolidate(a + b + c)
        let recent = events.filter { $0.corroboration == 2 }
        XCTAssertEqual(recent.count, 1)
        XCTAssertEqual(recent.first?.dates?.description, "2024-12-05")   // the intersection
        XCTAssertFalse(recent.first!.conflict)
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(Consolidator.consolidate(a + b + c).map(\.id), events.map(\.id))   // stable
    }
    func testConflictingDatesGiveUnionAndFlag() {
        let m1 = EventMention(id: "1", type: .capture, articleID: "x", evidence: "", evidenceRange: 0..<1, language: "en", rule: "r",
                              confidence: 0.8, dates: DayRange(iso: "2024-12-01..2024-12-05"), timePrecision: 2, placeID: 1)
        var m2 = m1; m2.id = "2"; m2.articleID = "y"; m2.dates = DayRange(iso: "2024-12-04..2024-12-09")
        var m3 = m1; m3.id = "3"; m3.articleID = "z"; m3.dates = DayRange(iso: "2024-12-01")
        let e = Consolidator.consolidate([m1, m2, m3])
        XCTAssertEqual(e.count, 1)
        XCTAssertTrue(e[0].conflict)
        XCTAssertEqual(e[0].dates?.description, "2024-12-01..2024-12-09")
        XCTAssertEqual(e[0].corroboration, 3)
    }
}

final class SeedCaptureTests: XCTestCase {
    /// Every capture of the four cities in the seeds holds the true day (general knowledge of the
    /// 2024 offensive: Aleppo 29-30 Nov, Hama 5 Dec, Homs 7-8 Dec, Damascus 8 Dec).
    func testCityCapturesHoldTrueDates() throws {
        let corpus = try Corpus.load(directory: Fixture.corpusDir.path)
        let ex = try Extractor(corpus: corpus)
        let truth: [String: [String]] = ["Aleppo": ["2024-11-29", "2024-11-30"], "Hama": ["2024-12-05"],
                                         "Homs": ["2024-12-07", "2024-12-08"], "Damascus": ["2024-12-08"]]
        var found: [String: Int] = [:]
        for a in corpus.articles {
            for m in ex.extract(a) where m.type == .capture {
                guard let name = ex.places.place(m.placeID ?? 0)?.name, let days = truth[name],
                      let d = m.dates, d.last.year == 2024 else { continue }
                found[name, default: 0] += 1
                XCTAssertTrue(days.contains { d.contains(Day(iso: $0)!) }, "\(a.id) \(name) \(d) «\(m.evidence.prefix(80))»")
            }
        }
        XCTAssertEqual(Set(found.keys), Set(truth.keys))
        let vi = corpus.articles.first { $0.language == "vi" }!
        XCTAssertTrue(ex.extract(vi).contains { $0.type == .capture && ex.places.place($0.placeID!)?.name == "Aleppo" })
    }
}

final class ThroughputTests: XCTestCase {
    /// Synthetic corpus: the seeds repeated to ~20 MB. Run in release for the real figure:
    /// `swift test -c release --scratch-path .build-extract --filter ThroughputTests`
    func testThroughput() throws {
        let corpus = try Corpus.load(directory: Fixture.corpusDir.path)
        let ex = try Extractor(corpus: corpus)
        let target = ProcessInfo.processInfo.environment["EXTRACT_BENCH_MB"].flatMap(Int.init) ?? 4
        var articles: [Article] = []
        var bytes = 0
        while bytes < target << 20 {
            for a in corpus.articles { var b = a; b.id = "\(a.id)#\(articles.count)"; articles.append(b); bytes += a.text.utf8.count }
        }
        let start = Date()
        var n = 0
        for a in articles { n += ex.extract(a).count }
        let secs = Date().timeIntervalSince(start)
        let mbps = Double(bytes) / 1_048_576 / secs
        print(String(format: "THROUGHPUT %.1f MB in %.2f s = %.1f MB/s, %d mentions", Double(bytes) / 1_048_576, secs, mbps, n))
        XCTAssertGreaterThan(n, 0)
    }
}
