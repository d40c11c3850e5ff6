import AnalystCore

/// The one way from a corpus to events, called by the session (the product), `--eval` and the
/// benchmark: every article's mentions, found together (an undated article borrows the
/// collection's publication span), then consolidation into events.
///
/// Consolidation has two scopes. The product consolidates across the corpus: the same capture told
/// by three outlets is one event with three sources. Evaluation consolidates article by article,
/// because the gold annotates each article apart (docs/extraction.md).
public struct Pipeline {
    public enum Scope { case corpus, article }

    public let extractor: Extractor
    private let sideOf: [String: String]

    public init(corpus: Corpus) throws {
        extractor = try Extractor(corpus: corpus)
        sideOf = Pipeline.sideTable(corpus)
    }

    /// The side of each actor of the corpus's dictionary (consolidation keeps opposing sides apart).
    public static func sides(of corpus: Corpus) -> (String) -> String? {
        let table = sideTable(corpus)
        return { table[$0] }
    }

    private static func sideTable(_ corpus: Corpus) -> [String: String] {
        Dictionary(corpus.actors.actors.compactMap { a in a.side.map { (a.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Every mention of every article, in article order.
    public func mentions(_ articles: [Article]) -> [EventMention] { extractor.extract(articles) }

    /// The events the mentions make, consolidated across the corpus or within each article.
    public func events(_ mentions: [EventMention], scope: Scope = .corpus) -> [Event] {
        Pipeline.consolidate(mentions, scope: scope, sideOf: { sideOf[$0] })
    }

    /// Consolidation in either scope, for callers that hold mentions and actor sides already
    /// (the evaluator scores one article at a time).
    public static func consolidate(_ mentions: [EventMention], scope: Scope, sideOf: (String) -> String?) -> [Event] {
        switch scope {
        case .corpus:
            return Consolidator.consolidate(mentions, sideOf: sideOf)
        case .article:
            var order: [String] = []
            var byArticle: [String: [EventMention]] = [:]
            for m in mentions {
                if byArticle[m.articleID] == nil { order.append(m.articleID) }
                byArticle[m.articleID, default: []].append(m)
            }
            return order.flatMap { Consolidator.consolidate(byArticle[$0]!, sideOf: sideOf) }
        }
    }
}
