import AnalystCore

/// Mentions of the same happening -> one Event. Same type and place, overlapping date windows (or
/// no date on either side), compatible actors (equal, or one unknown). The event's interval is the
/// intersection of its sources' intervals; when they do not all overlap it is flagged `conflict`
/// and given the union. Ids are stable: a hash of the type, place and the smallest mention id.
public enum Consolidator {
    /// `sideOf` gives an actor's side (`opposition`, `government`): a generic "rebels" and a named
    /// rebel group on the same side are compatible. Without it, only equal or unknown actors are.
    public static func consolidate(_ mentions: [EventMention], sideOf: (String) -> String? = { _ in nil }) -> [Event] {
        // Deterministic order: by type, place, date, id.
        let sorted = mentions.sorted {
            ($0.type, $0.placeID ?? -1, $0.dates?.first.number ?? Int32.min, $0.id) <
            ($1.type, $1.placeID ?? -1, $1.dates?.first.number ?? Int32.min, $1.id)
        }
        var clusters: [[EventMention]] = []
        var current: [EventMention] = []
        var window: DayRange?
        var actor: String?
        func flush() { if !current.isEmpty { clusters.append(current) }; current = []; window = nil; actor = nil }
        for m in sorted {
            if let first = current.first {
                let sameKey = first.type == m.type && first.placeID == m.placeID
                let datesOK = window == nil || m.dates == nil || window!.overlaps(m.dates!)
                let actorOK = actor == nil || m.actorID == nil || actor == m.actorID
                    || (sideOf(actor!) != nil && sideOf(actor!) == sideOf(m.actorID!))
                if !(sameKey && datesOK && actorOK) { flush() }
            }
            current.append(m)
            if let d = m.dates { window = window.map { $0.union(d) } ?? d }
            if actor == nil { actor = m.actorID }
        }
        flush()
        return clusters.map(event)
    }

    static func event(_ ms: [EventMention]) -> Event {
        let dated = ms.compactMap(\.dates)
        var dates: DayRange? = dated.first
        var conflict = false
        for d in dated.dropFirst() {
            if let cur = dates, let i = cur.intersection(d), !conflict { dates = i } else {
                conflict = true
                dates = dated.dropFirst().reduce(dated[0]) { $0.union($1) }
            }
        }
        let best = ms.max { ($0.confidence, $1.id) < ($1.confidence, $0.id) }!
        let articles = Array(Set(ms.map(\.articleID))).sorted()
        let precision = dated.isEmpty ? nil : (dates!.isSingleDay ? 1 : dates!.days <= 10 ? 2 : 3)
        // Confidence grows with independent sources: 1 - Π(1 - c) over the best mention per article.
        var perArticle: [String: Double] = [:]
        for m in ms { perArticle[m.articleID] = max(perArticle[m.articleID] ?? 0, m.confidence) }
        let conf = 1 - perArticle.values.reduce(1) { $0 * (1 - $1) }
        let modality: Modality = ms.contains { $0.modality == .asserted } ? .asserted : ms.contains { $0.modality == .claimed } ? .claimed : .denied
        let id = StableID.hash(["event", best.type.rawValue, "\(best.placeID ?? -1)", ms.map(\.id).min()!])
        // Best day: that of the most precise mention when it lies in the interval, else the interval's end.
        let sharp = ms.filter { $0.date != nil && $0.dates != nil }.min { ($0.timePrecision ?? 9, $0.dates!.days, $0.id) < ($1.timePrecision ?? 9, $1.dates!.days, $1.id) }
        let bestDay = dates.map { d in sharp?.date.flatMap { d.contains($0) ? $0 : nil } ?? (d.isSingleDay ? d.first : d.last) }
        return Event(id: id, type: best.type, mentions: ms, dates: dates,
                     date: bestDay, timePrecision: precision,
                     placeID: best.placeID, geoPrecision: ms.map(\.geoPrecision).min() ?? 3,
                     actorID: ms.compactMap(\.actorID).first, actor2ID: ms.compactMap(\.actor2ID).first,
                     fatalities: ms.compactMap(\.fatalities).min(), count: ms.compactMap(\.count).min(),
                     modality: modality, confidence: (conf * 100).rounded() / 100, conflict: conflict,
                     corroboration: articles.count, articleIDs: articles)
    }
}

