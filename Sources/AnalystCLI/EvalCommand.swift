import AnalystCore
import AnalystExtract
import Foundation

/// `analyst --eval GOLD.tsv [--corpus DIR]`: precision, recall and F1 of the extractor against gold
/// annotations (format in docs/extraction.md), per type and overall.
enum EvalCommand {
    static func run(_ options: Options, gold: String, diagnostics: Diagnostics) -> ExitCode {
        guard FileManager.default.isReadableFile(atPath: gold) else {
            diagnostics.error("cannot open \(gold)")
            return .noInput
        }
        guard let dir = options.corpusDirectory ?? Corpus.bundledDirectory() else {
            diagnostics.error("no corpus found: pass --corpus DIR or set ANALYST_CORPUS")
            return .noInput
        }
        do {
            let corpus = try Corpus.load(directory: dir)
            let extractor = try Extractor(lexiconDirectory: URL(fileURLWithPath: corpus.lexiconsDirectory),
                                          gazetteer: corpus.gazetteer, actors: corpus.actors)
            let mentions = corpus.articles.flatMap { extractor.extract($0) }
            let report = try Evaluator.evaluate(gold: URL(fileURLWithPath: gold), mentions: mentions,
                                                places: extractor.places, actors: extractor.actors)
            print("gold: \(gold)\ncorpus: \(dir) (\(corpus.articles.count) articles, \(mentions.count) mentions)\n")
            print(report.render())
            return .success
        } catch let e as CorpusError {
            diagnostics.error(e.description)
            return .dataError
        } catch {
            diagnostics.error("\(error)")
            return .dataError
        }
    }
}
