import Foundation
import AnalystCore

/// One gold event (a row of a gold TSV; formats in docs/extraction.md).
public struct GoldEvent: Sendable {
    public var articleID: String
    public var type: EventType
    public var place: String
    public var placeID: Int?
    public var dates: DayRange?
    public var actor: String?
    /// nil in the seeds' older format (no modality column).
    public var modality: Modality?
    public var note: String?
    public var line: Int
}

public struct TypeScore: Sendable {
    public var tp = 0, fp = 0, fn = 0
    public init() {}
    public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
    public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    mutating func add(_ o: TypeScore) { tp += o.tp; fp += o.fp; fn += o.fn }
}

/// A share: how many of `total` were right.
public struct Agreement: Sendable {
    public var right = 0, total = 0
    public var rate: Double { total == 0 ? 0 : Double(right) / Double(total) }
}

public struct EvaluationReport: Sendable {
    public var byType: [EventType: TypeScore]
    public var byLanguage: [String: TypeScore]
    public var overall: TypeScore
    /// Matched rows whose gold modality is known: extracted modality equal to gold.
    public var modality = Agreement()
    /// The same on matched gold rows that are claimed or denied.
    public var modalityClaimedDenied = Agreement()
    /// Matched single-day gold rows: the event's best day equals the gold day.
    public var dateExact = Agreement()
    /// Mean |best day - gold day| over those rows.
    public var meanDaysOff: Double = 0
    /// Gold rows not found, and extracted events with no gold row, for reading.
    public var missed: [GoldEvent]
    public var spurious: [Event]
    /// Matched pairs whose modality disagrees (gold, extracted).
    public var modalityErrors: [(GoldEvent, Event)] = []

    public func render() -> String {
        func row(_ name: String, _ s: TypeScore) -> String {
            name.padding(toLength: 17, withPad: " ", startingAt: 0)
            + String(format: "%4d %4d %4d   %5.2f  %5.2f  %5.2f", s.tp, s.fp, s.fn, s.precision, s.recall, s.f1)
        }
        var lines = ["type               tp   fp   fn   prec   rec    F1"]
        for t in EventType.allCases { if let s = byType[t], s.tp + s.fp + s.fn > 0 { lines.append(row(t.rawValue, s)) } }
        lines.append(row("ALL", overall))
        if byLanguage.count > 1 {
            lines.append("")
            lines.append("language           tp   fp   fn   prec   rec    F1")
            for l in byLanguage.keys.sorted() { lines.append(row(l, byLanguage[l]!)) }
        }
        lines.append("")
        if modality.total > 0 {
            lines.append(String(format: "modality agreement       %5.2f  (%d/%d matched rows)", modality.rate, modality.right, modality.total))
            lines.append(String(format: "  on claimed/denied rows %5.2f  (%d/%d)", modalityClaimedDenied.rate,
                                modalityClaimedDenied.right, modalityClaimedDenied.total))
        }
        lines.append(String(format: "best day exact           %5.2f  (%d/%d matched single-day rows), mean %.2f days off",
                            dateExact.rate, dateExact.right, dateExact.total, meanDaysOff))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Misses, spurious events and modality disagreements with their evidence, one a line.
    public func renderDetails(placeName: (Int?) -> String) -> String {
        var lines: [String] = []
        for g in missed {
            lines.append("MISSED   \(g.articleID) \(g.type.rawValue) \(g.place) \(g.dates?.description ?? "-") \(g.modality?.rawValue ?? "")"
                         + (g.note.map { " | \($0.prefix(110))" } ?? ""))
        }
        for e in spurious {
            let m = e.mentions.max { $0.confidence < $1.confidence }!
            lines.append("SPURIOUS \(e.articleIDs.joined(separator: ",")) \(e.type.rawValue) \(placeName(e.placeID)) \(e.dates?.description ?? "-") "
                         + "\(e.modality.rawValue) \(m.rule) | \(m.evidence.prefix(110))")
        }
        for (g, e) in modalityErrors {
            let m = e.mentions.max { $0.confidence < $1.confidence }!
            lines.append("MODALITY \(g.articleID) \(g.type.rawValue) \(g.place) gold \(g.modality?.rawValue ?? "-") got \(e.modality.rawValue) | \(m.evidence.prefix(110))")
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}

public enum GoldError: Error, CustomStringConvertible {
    case bad(file: String, line: Int, message: String)
    public var description: String { switch self { case let .bad(f, l, m): return "\(f):\(l): \(m)" } }
}

/// Scores extracted events against gold. Per article, mentions are first consolidated (the same
/// happening said twice in one article counts once); then gold and extracted events are matched
/// one-to-one on type + place + date (the intervals overlap; a gold row without a date matches on
/// type + place). Place ids must be equal, or the gold name must name the extracted place.
public enum Evaluator {
    /// Reads both gold formats: the development set's (`article type place dates actor modality
    /// geonameid note`, columns named by its header) and the seeds' older one (`article type place
    /// dates actor note`). A header row names the columns; without one the older order is assumed.
    public static func loadGold(_ url: URL, places: PlaceIndex) throws -> [GoldEvent] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [GoldEvent] = []
        var n = 0
        var col = ["article": 0, "type": 1, "place": 2, "dates": 3, "actor": 4, "note": 5]
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            if c.first == "article" {
                col = [:]
                for (i, name) in c.enumerated() { col[name] = i }
                guard col["type"] != nil, col["place"] != nil else {
                    throw GoldError.bad(file: url.path, line: n, message: "header lacks a type or place column")
                }
                continue
            }
            func field(_ name: String) -> String? {
                guard let i = col[name], i < c.count, !c[i].isEmpty else { return nil }
                return c[i]
            }
            guard let art = field("article"), let ts = field("type"), let place = field("place") else {
                throw GoldError.bad(file: url.path, line: n, message: "expected article, type and place")
            }
            guard let type = EventType(rawValue: ts) else {
                throw GoldError.bad(file: url.path, line: n, message: "unknown event type '\(ts)'")
            }
            var dates: DayRange?
            if let d = field("dates") {
                guard let r = DayRange(iso: d) else { throw GoldError.bad(file: url.path, line: n, message: "bad dates '\(d)'") }
                dates = r
            }
            var modality: Modality?
            if let m = field("modality") {
                guard let v = Modality(rawValue: m) else { throw GoldError.bad(file: url.path, line: n, message: "unknown modality '\(m)'") }
                modality = v
            }
            var pid = field("geonameid").flatMap { Int($0) }
            if pid == nil || places.place(pid!) == nil { pid = resolve(place, places) }
            out.append(GoldEvent(articleID: art, type: type, place: place, placeID: pid, dates: dates,
                                 actor: field("actor"), modality: modality, note: field("note"), line: n))
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
        guard !toks.isEmpty, let m = places.table.longest(in: toks, at: 0, end: toks.count, firstForms: [toks[0].text]) else { return nil }
        let id = m.value[0]
        return province ? places.province(of: id) ?? id : id
    }

    public static func evaluate(gold url: URL, mentions: [EventMention], places: PlaceIndex, actors: ActorIndex? = nil,
                                languages: [String: String] = [:]) throws -> EvaluationReport {
        evaluate(gold: try loadGold(url, places: places), mentions: mentions, places: places, actors: actors, languages: languages)
    }

    /// `languages`: article id -> language, for the per-language table (else the mentions' language).
    public static func evaluate(gold: [GoldEvent], mentions: [EventMention], places: PlaceIndex, actors: ActorIndex? = nil,
                                languages: [String: String] = [:]) -> EvaluationReport {
        var byType: [EventType: TypeScore] = [:]
        var byLanguage: [String: TypeScore] = [:]
        var report = EvaluationReport(byType: [:], byLanguage: [:], overall: TypeScore(), missed: [], spurious: [])
        var daysOff = 0
        let articles = Set(gold.map(\.articleID))
        let byArticle = Dictionary(grouping: mentions.filter { articles.contains($0.articleID) }, by: \.articleID)
        for a in articles.sorted() {
            let lang = languages[a] ?? byArticle[a]?.first?.language ?? "?"
            let events = Pipeline.consolidate(byArticle[a] ?? [], scope: .article, sideOf: { actors?.byID[$0]?.side })
            var used = [Bool](repeating: false, count: events.count)
            // Dated gold rows first, tightest first, so an undated row does not take a dated row's event.
            let rows = gold.filter { $0.articleID == a }.sorted { ($0.dates?.days ?? 99999, $0.line) < ($1.dates?.days ?? 99999, $1.line) }
            for g in rows {
                // best candidate: matching, unused, tightest interval first
                let cands = events.indices.filter { !used[$0] && matches(g, events[$0], places) }
                if let k = cands.min(by: { (events[$0].dates?.days ?? 9999, $0) < (events[$1].dates?.days ?? 9999, $1) }) {
                    used[k] = true
                    byType[g.type, default: TypeScore()].tp += 1; byLanguage[lang, default: TypeScore()].tp += 1
                    let e = events[k]
                    if let gm = g.modality {
                        report.modality.total += 1
                        let ok = gm == e.modality
                        if ok { report.modality.right += 1 } else { report.modalityErrors.append((g, e)) }
                        if gm != .asserted { report.modalityClaimedDenied.total += 1; if ok { report.modalityClaimedDenied.right += 1 } }
                    }
                    if let gd = g.dates, gd.isSingleDay, let best = e.date {
                        report.dateExact.total += 1
                        if best == gd.first { report.dateExact.right += 1 }
                        daysOff += abs(best - gd.first)
                    }
                } else {
                    byType[g.type, default: TypeScore()].fn += 1; byLanguage[lang, default: TypeScore()].fn += 1
                    report.missed.append(g)
                }
            }
            for (k, e) in events.enumerated() where !used[k] {
                byType[e.type, default: TypeScore()].fp += 1; byLanguage[lang, default: TypeScore()].fp += 1
                report.spurious.append(e)
            }
        }
        report.missed.sort { ($0.articleID, $0.line) < ($1.articleID, $1.line) }
        var all = TypeScore()
        for s in byType.values { all.add(s) }
        report.byType = byType; report.byLanguage = byLanguage; report.overall = all
        report.meanDaysOff = report.dateExact.total == 0 ? 0 : Double(daysOff) / Double(report.dateExact.total)
        return report
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
