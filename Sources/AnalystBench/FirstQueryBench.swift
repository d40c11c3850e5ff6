import AnalystCore
import AnalystExtract
import Foundation

/// `analyst-bench --first-query`: where the first `events{}` of a session spends its time, phase
/// by phase, on the bundled corpus (median of 10 fresh runs in this process).
func runFirstQueryBench() {
    guard let dir = Corpus.bundledDirectory() else { print("no bundled corpus"); exit(66) }
    var phases: [String: [Double]] = [:]
    var order: [String] = []
    func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let t = now()
        let r = try body()
        if phases[name] == nil { order.append(name) }
        phases[name, default: []].append((now() - t) * 1000)
        return r
    }
    for _ in 0..<10 {
        let corpus = try! time("corpus load") { try Corpus.load(directory: dir) }
        let lex = try! time("lexicons") { try Lexicons(directory: URL(fileURLWithPath: corpus.lexiconsDirectory)) }
        let places = time("place index") { PlaceIndex(corpus.gazetteer) }
        let actors = time("actor index") { ActorIndex(corpus.actors) }
        let extractor = time("extractor tables") { Extractor(lexicons: lex, places: places, actors: actors) }
        let mentions = time("extraction") { extractor.extract(corpus.articles) }
        _ = time("consolidation") { Pipeline.consolidate(mentions, scope: .corpus, sideOf: Pipeline.sides(of: corpus)) }
    }
    var total = 0.0
    for name in order {
        let v = phases[name]!.sorted()
        total += v[v.count / 2]
        print("  " + name.padding(toLength: 18, withPad: " ", startingAt: 0) + String(format: "%7.1f ms wall (median of %d)", v[v.count / 2], v.count))
    }
    print("  " + "total".padding(toLength: 18, withPad: " ", startingAt: 0) + String(format: "%7.1f ms wall", total))
}
