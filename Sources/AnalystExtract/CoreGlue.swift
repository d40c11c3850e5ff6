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
    /// A collection: an article without publication date (nor dateline) takes the span of the others'
    /// publication dates to place its day-and-month dates in a year ("am 8. Dezember" in an undated
    /// article of a December 2024 collection); its relative dates stay unresolved.
    public func extract(_ articles: [Article]) -> [EventMention] {
        let dated = articles.compactMap(\.published)
        let window = dated.isEmpty ? nil : DayRange(dated.map(\.first).min()!, dated.map(\.last).max()!)
        return articles.flatMap { extract($0, collectionWindow: window) }
    }
}
