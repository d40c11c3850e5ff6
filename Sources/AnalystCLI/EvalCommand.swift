import AnalystCore
import AnalystExtract
import Foundation

/// `analyst --eval GOLD.tsv [--corpus DIR]`: precision, recall and F1 of the extractor against gold
/// annotations (formats in docs/extraction.md): per type, per language, modality agreement, date
/// accuracy, then every miss, spurious event and modality disagreement with its evidence.
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
            let pipeline = try Pipeline(corpus: corpus)
            let extractor = pipeline.extractor
            let mentions = pipeline.mentions(corpus.articles)   // consolidated per article by the evaluator
            let report = try Evaluator.evaluate(gold: URL(fileURLWithPath: gold), mentions: mentions,
                                                places: extractor.places, actors: extractor.actors,
                                                languages: Dictionary(corpus.articles.map { ($0.id, $0.language) }, uniquingKeysWith: { a, _ in a }))
            print("gold: \(gold)\ncorpus: \(dir) (\(corpus.articles.count) articles, \(mentions.count) mentions)\n")
            print(report.render())
            print(report.renderDetails(placeName: { id in id.flatMap { extractor.places.place($0)?.name } ?? "?" }), terminator: "")
            return .success
        } catch let e as GoldError {
            diagnostics.error(e.description)
            return .dataError
        } catch let e as CorpusError {
            diagnostics.error(e.description)
            return .dataError
        } catch {
            diagnostics.error("\(error)")
            return .dataError
        }
    }
}
