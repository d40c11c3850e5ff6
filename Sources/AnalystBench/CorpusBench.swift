import AnalystCore
import AnalystExtract
import Foundation

/// `analyst-bench --corpus [MB]`: loading the bundled corpus (articles, gazetteer, actors) and
/// extraction throughput on one core over copies of its articles (about MB megabytes).
func runCorpusBench(megabytes: Int) {
    // BENCH_CORPUS=DIR measures on another corpus (e.g. the ten-language development set)
    guard let dir = ProcessInfo.processInfo.environment["BENCH_CORPUS"] ?? Corpus.bundledDirectory() else { print("no bundled corpus"); exit(66) }
    var loads: [Double] = []
    var corpus: Corpus!
    for _ in 0..<20 {
        let t = now()
        corpus = try! Corpus.load(directory: dir)
        loads.append(now() - t)
    }
    loads.sort()
    print(String(format: "corpus load (%d articles, %d places, %d actors): min %.1f ms, median %.1f ms over 20 loads",
                 corpus.articles.count, corpus.gazetteer.places.count, corpus.actors.actors.count,
                 loads[0] * 1000, loads[10] * 1000))
    let t0 = now()
    let pipeline = try! Pipeline(corpus: corpus)   // the product's own path (Session, --eval)
    _ = pipeline.events(pipeline.mentions(corpus.articles))   // first use builds the name indices
    print(String(format: "first extraction (indices built on first use): %.1f ms", (now() - t0) * 1000))
    var articles: [Article] = []
    var bytes = 0
    while bytes < megabytes << 20 {
        for a in corpus.articles {
            var copy = a
            copy.id = "\(a.id)#\(articles.count)"
            articles.append(copy)
            bytes += a.text.utf8.count
        }
    }
    let start = now()
    var mentions = 0
    mentions = pipeline.mentions(articles).count
    let secs = now() - start
    print(String(format: "extraction: %.1f MB of article text in %.2f s on one core = %.1f MB/s (%d mentions)",
                 Double(bytes) / 1_048_576, secs, Double(bytes) / 1_048_576 / secs, mentions))
}
