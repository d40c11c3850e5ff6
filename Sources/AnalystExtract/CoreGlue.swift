import Foundation
import AnalystCore

// The thin glue to core's gazetteer and actor dictionary.
extension Gazetteer: PlaceSource { public var allPlaces: [Place] { places } }
extension ActorDictionary: ActorSource { public var allActors: [Actor] { actors } }

extension Extractor {
    /// An extractor for a loaded corpus: its lexicons, gazetteer and actors.
    public init(corpus: Corpus) throws {
        try self.init(lexiconDirectory: URL(fileURLWithPath: corpus.lexiconsDirectory),
                      gazetteer: corpus.gazetteer, actors: corpus.actors)
    }

    /// Every mention of every article, in article order.
    public func extract(_ articles: [Article]) -> [EventMention] { articles.flatMap { extract($0) } }
}
