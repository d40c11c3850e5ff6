import XCTest
import AnalystCore

/// Prints how long `Corpus.load` of the bundled corpus takes; asserts nothing about time.
/// Run in release with `Scripts/dev/time-load.sh`.
final class LoadTimingTests: XCTestCase {
    func testPrintLoadTime() throws {
        var times: [Double] = []
        for _ in 0..<15 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let c = try Corpus.load(directory: CorpusLoadTests.corpusDir)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            XCTAssertEqual(c.articles.count, 5)
        }
        times.sort()
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try Corpus.load(directory: CorpusLoadTests.corpusDir).gazetteer.lookup("Alep")
        let firstLookup = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6 - times[times.count / 2]
        print(String(format: "Corpus.load(bundled): min %.1f ms, median %.1f ms, max %.1f ms; first lookup (index build) ~%.1f ms",
                     times[0], times[times.count / 2], times[times.count - 1], firstLookup))
    }
}
