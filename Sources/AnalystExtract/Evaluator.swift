import Foundation
import AnalystCore

/// One gold event (a row of Tests/Gold/*.tsv, format in docs/extraction.md).
public struct GoldEvent: Sendable {
    public var articleID: String
    public var type: EventType
    public var place: String
    public var placeID: Int?
    public var dates: DayRange?
    public var actor: String?
    public var line: Int
}

public struct TypeScore: Sendable {
    public var tp = 0, fp = 0, fn = 0
    public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
    public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

public struct EvaluationReport: Sendable {
    public var byType: [EventType: TypeScore]
    public var overall: TypeScore
    /// Gold rows not found, and extracted events with no gold row, for reading.
    public var missed: [GoldEvent]
    public var spurious: [Event]

    public func render() -> String {
        func row(_ name: String, _ s: TypeScore) -> String {
            name.padding(toLength: 17, withPad: " ", startingAt: 0)
            + String(format: "%4d %4d %4d   %5.2f  %5.2f  %5.2f", s.tp, s.fp, s.fn, s.precision, s.recall, s.f1)
        }
        var lines = ["type               tp   fp   fn   prec   rec    F1"]
        for t in EventType.allCases { if let s = byType[t], s.tp + s.fp + s.fn > 0 { lines.append(row(t.rawValue, s)) } }
        lines.append(row("ALL", overall))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Scores extracted events against gold. Per article, mentions are first consolidated (the same
/// happening said twice in one article counts once); then gold and extracted events are matched
/// one-to-one on type + place + date (the intervals overlap; a gold row without a date matches on
/// type + place). Place ids must be equal, or the gold name must name the extracted place.
public enum Evaluator {
    public static func loadGold(_ url: URL, places: PlaceIndex) throws -> [GoldEvent] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [GoldEvent] = []
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            if raw.hasPrefix("#") || raw.hasPrefix("article\t") || raw.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let c = raw.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard c.count >= 3, let type = EventType(rawValue: c[1]) else { continue }
            let dates = c.count > 3 && !c[3].isEmpty ? DayRange(iso: c[3]) : nil
            out.append(GoldEvent(articleID: c[0], type: type, place: c[2], placeID: resolve(c[2], places),
                                 dates: dates, actor: c.count > 4 && !c[4].isEmpty ? c[4] : nil, line: n))
        }
        return out
    }

    /// A gold place name -> place id: "Aleppo province" is the province, else the best-ranked name.
    static func resolve(_ name: String, _ places: PlaceIndex) -> Int? {
        var n = name
        var province = false
        for suffix in [" province", " governorate"] where n.lowercased().hasSuffix(suffix) {
            n = String(n.dropLast(suffix.count)); province = true
        }
        let toks = Tokenizer.tokenize(n).tokens
        guard let m = places.table.longest(in: toks, at: 0, end: toks.count, firstForms: [toks.first?.text ?? ""]) else { return nil }
        let id = m.value[0]
        return province ? places.province(of: id) ?? id : id
    }

    public static func evaluate(gold url: URL, mentions: [EventMention], places: PlaceIndex, actors: ActorIndex? = nil) throws -> EvaluationReport {
        evaluate(gold: try loadGold(url, places: places), mentions: mentions, places: places, actors: actors)
    }

    public static func evaluate(gold: [GoldEvent], mentions: [EventMention], places: PlaceIndex, actors: ActorIndex? = nil) -> EvaluationReport {
        var byType: [EventType: TypeScore] = [:]
        var missed: [GoldEvent] = []
        var spurious: [Event] = []
        let articles = Set(gold.map(\.articleID))
        let byArticle = Dictionary(grouping: mentions.filter { articles.contains($0.articleID) }, by: \.articleID)
        for a in articles.sorted() {
            let events = Consolidator.consolidate(byArticle[a] ?? [], sideOf: { actors?.byID[$0]?.side })
            var used = [Bool](repeating: false, count: events.count)
            for g in gold where g.articleID == a {
                // best candidate: matching, unused, tightest interval first
                let cands = events.indices.filter { !used[$0] && matches(g, events[$0], places) }
                if let k = cands.min(by: { (events[$0].dates?.days ?? 9999) < (events[$1].dates?.days ?? 9999) }) {
                    used[k] = true; byType[g.type, default: TypeScore()].tp += 1
                } else { byType[g.type, default: TypeScore()].fn += 1; missed.append(g) }
            }
            for (k, e) in events.enumerated() where !used[k] { byType[e.type, default: TypeScore()].fp += 1; spurious.append(e) }
        }
        var all = TypeScore()
        for s in byType.values { all.tp += s.tp; all.fp += s.fp; all.fn += s.fn }
        return EvaluationReport(byType: byType, overall: all, missed: missed, spurious: spurious)
    }

    static func matches(_ g: GoldEvent, _ e: Event, _ places: PlaceIndex) -> Bool {
        guard g.type == e.type else { return false }
        let placeOK = (g.placeID != nil && g.placeID == e.placeID)
            || (e.placeID.flatMap { places.place($0)?.name.lowercased() } == g.place.lowercased())
        guard placeOK else { return false }
        guard let gd = g.dates else { return true }
        guard let ed = e.dates else { return false }
        return gd.overlaps(ed)
    }
}
