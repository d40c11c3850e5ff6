/// Who held each place when: the changes of control the evidence supports, each with the interval
/// it happened in, a best day, the evidence behind it and how strong it is. See docs/advance.md.
///
/// The rules, in order:
/// 1. Evidence at one place is grouped into changes: captures and withdrawals whose windows lie
///    within `gapDays` of each other and whose sides agree (a capture by one side and one by the
///    other are two changes: taken, then retaken). Entries and denials join the change they bear on.
/// 2. Each piece is a constraint on the day of the change: a capture's window; a withdrawal's
///    window plus `withdrawalSlackDays` (the taker may enter the day after the holder leaves); an
///    entry only bounds it from below. Constraints are applied strongest first (asserted before
///    claimed, narrower before wider, entries last): each one that overlaps what is known narrows
///    it (intersection); one that does not is flagged as a conflict and left out.
/// 3. The best day is the single day that precise evidence (a one-day window) names, weighted by
///    independent sources, earliest on ties; without one, the middle of the interval.
/// 4. Reprints of one wire story (the same sentence in several articles, or one whose words are
///    80% those of the other) count as one source.
public struct ControlTimeline: Sendable {
    public struct Options: Sendable {
        /// Count claimed evidence too (weighed below assertions).
        public var claims = false
        public var withdrawalSlackDays = 1
        /// Evidence further apart than this is a separate change.
        public var gapDays = 14
        public init(claims: Bool = false) { self.claims = claims }
    }

    public enum Role: String, Sendable {
        /// Narrowed (or agreed with) the interval.
        case agrees
        /// Disagreed with stronger evidence: flagged, not used.
        case conflicts
        /// A denial of the change: lowers its strength.
        case denial
    }

    public struct Item: Sendable {
        public var evidence: ControlEvidence
        public var role: Role
    }

    public struct Change: Sendable {
        public var placeID: Int
        public var earliest: Day
        public var latest: Day
        public var best: Day
        /// The side (or actor, when its side is unknown) that lost and that took the place.
        public var fromHolder: String?
        public var toHolder: String?
        public var fromSide: String?
        public var toSide: String?
        public var items: [Item]
        /// 0...1: 1 - Π(1 - w) over independent sources, claims and entries weighed at half.
        public var strength: Double
        /// Independent sources among the agreeing evidence (reprints of one story count once).
        public var sources: Int
        /// asserted when an asserted capture or withdrawal agrees, else claimed.
        public var modality: Modality
        public var notes: [String]

        public var interval: DayRange { DayRange(earliest, latest) }
        public var agreeing: [ControlEvidence] { items.filter { $0.role == .agrees }.map(\.evidence) }
        public var conflicts: Int { items.filter { $0.role == .conflicts }.count }
        /// The agreeing entries (reach): when the taker first came in.
        public var entries: [ControlEvidence] { agreeing.filter { $0.kind == .entry } }
    }

    public let options: Options
    /// Changes by place id, in order of best day.
    public private(set) var byPlace: [Int: [Change]] = [:]
    /// Entries that belong to no change (a place entered but not reported taken), by place id.
    public private(set) var looseEntries: [Int: [ControlEvidence]] = [:]
    /// The side of every actor named in the evidence (resolved once).
    let sides: [String: String]

    public init(evidence: [ControlEvidence], options: Options = Options(), sideOf: (String) -> String? = { _ in nil }) {
        self.options = options
        var sides: [String: String] = [:]
        for a in Set(evidence.flatMap { [$0.actor, $0.actor2].compactMap { $0 } }) { sides[a] = sideOf(a) }
        self.sides = sides
        let usable = evidence.filter { e in
            e.kind == .denial || e.modality == .asserted || (options.claims && e.modality == .claimed)
        }
        for (place, items) in Dictionary(grouping: usable, by: \.placeID) {
            let (changes, loose) = build(items)
            if !changes.isEmpty { byPlace[place] = changes }
            if !loose.isEmpty { looseEntries[place] = loose }
        }
    }

    public func changes(at placeID: Int) -> [Change] { byPlace[placeID] ?? [] }

    /// Every change, in order of best day (then place id).
    public var all: [Change] {
        byPlace.values.flatMap { $0 }.sorted { ($0.best, $0.placeID) < ($1.best, $1.placeID) }
    }

    /// Who held the place on `day`: the taker of the last change completed by then (`certain`), or,
    /// inside a change's interval, the taker from its best day on and the former holder before it
    /// (not certain). Before the first known change: its former holder, not certain.
    public func holder(at placeID: Int, on day: Day) -> (holder: String?, side: String?, certain: Bool, change: Change?) {
        let cs = changes(at: placeID)
        guard let c = cs.last(where: { $0.earliest <= day }) else {
            guard let first = cs.first else { return (nil, nil, false, nil) }
            return (first.fromHolder, first.fromSide, false, first)
        }
        if day >= c.latest { return (c.toHolder, c.toSide, true, c) }
        return day >= c.best ? (c.toHolder, c.toSide, false, c) : (c.fromHolder, c.fromSide, false, c)
    }

    // MARK: building

    func side(_ actor: String?) -> String? { actor.flatMap { sides[$0] } }
    func takerSide(_ e: ControlEvidence) -> String? { e.kind == .withdrawal ? nil : side(e.actor) }
    func loserSide(_ e: ControlEvidence) -> String? { e.kind == .withdrawal ? side(e.actor) : side(e.actor2) }

    struct Cluster {
        var items: [ControlEvidence] = []
        var span: DayRange
        var taker: String?
        var loser: String?
    }

    func compatible(_ c: Cluster, _ e: ControlEvidence) -> Bool {
        if let t = takerSide(e), (c.taker != nil && c.taker != t) || c.loser == t { return false }
        if let l = loserSide(e), (c.loser != nil && c.loser != l) || c.taker == l { return false }
        return true
    }

    func build(_ evidence: [ControlEvidence]) -> ([Change], [ControlEvidence]) {
        let seeds = evidence.filter { $0.kind == .capture || $0.kind == .withdrawal }
            .sorted { ($0.window.first, $0.window.last, $0.eventID) < ($1.window.first, $1.window.last, $1.eventID) }
        var clusters: [Cluster] = []
        for e in seeds {
            // The most recent change this evidence can belong to: close in time, sides compatible.
            if let k = clusters.indices.reversed().first(where: {
                e.window.first <= clusters[$0].span.last + options.gapDays && compatible(clusters[$0], e)
            }) {
                clusters[k].items.append(e)
                clusters[k].span = clusters[k].span.union(e.window)
                clusters[k].taker = clusters[k].taker ?? takerSide(e)
                clusters[k].loser = clusters[k].loser ?? loserSide(e)
            } else {
                clusters.append(Cluster(items: [e], span: e.window, taker: takerSide(e), loser: loserSide(e)))
            }
        }
        var loose: [ControlEvidence] = []
        for e in evidence where e.kind == .entry || e.kind == .denial {
            // An entry comes before the change it leads to; a denial overlaps the change it denies.
            let fits = clusters.indices.filter { k in
                let s = clusters[k].span
                guard compatible(clusters[k], e) else { return false }
                return e.kind == .entry
                    ? e.window.first <= s.last && e.window.last + options.gapDays >= s.first
                    : e.window.overlaps(DayRange(s.first - options.gapDays, s.last + options.gapDays))
            }
            if let k = fits.first { clusters[k].items.append(e) } else if e.kind == .entry { loose.append(e) }
        }
        let changes = clusters.map(change).sorted { $0.best < $1.best }
        return (changes, loose)
    }

    /// The interval, best day, holders and strength of one change.
    func change(_ c: Cluster) -> Change {
        struct Constraint { var index: Int; var lo: Day; var hi: Day?; var tier: Int; var width: Int }
        var constraints: [Constraint] = []
        for (i, e) in c.items.enumerated() {
            let tier = e.modality == .asserted ? 0 : 1
            switch e.kind {
            case .capture: constraints.append(.init(index: i, lo: e.window.first, hi: e.window.last, tier: tier, width: e.window.days))
            case .withdrawal:
                let hi = e.window.last + options.withdrawalSlackDays
                constraints.append(.init(index: i, lo: e.window.first, hi: hi, tier: tier, width: hi - e.window.first + 1))
            case .entry: constraints.append(.init(index: i, lo: e.window.first, hi: nil, tier: 2 + tier, width: Int.max))
            case .denial: break
            }
        }
        // Strongest first: asserted before claimed, entries last; narrower first; imported rows
        // (a dataset's coded day) before text at equal width; then by id for a stable order.
        constraints.sort {
            let a = c.items[$0.index], b = c.items[$1.index]
            return ($0.tier, $0.width, a.imported ? 0 : 1, a.eventID) < ($1.tier, $1.width, b.imported ? 0 : 1, b.eventID)
        }
        var roles = [Role](repeating: .agrees, count: c.items.count)
        for (i, e) in c.items.enumerated() where e.kind == .denial { roles[i] = .denial }
        var lo: Day? = nil, hi: Day? = nil
        for k in constraints {
            let newLo = lo.map { max($0, k.lo) } ?? k.lo
            let newHi: Day? = [hi, k.hi].compactMap { $0 }.min()
            if let h = newHi, newLo > h { roles[k.index] = .conflicts; continue }
            lo = newLo; hi = newHi
        }
        let earliest = lo ?? c.span.first
        let latest = hi ?? c.span.last
        let items = zip(c.items, roles).map { Item(evidence: $0, role: $1) }
        let agreeing = items.filter { $0.role == .agrees }.map(\.evidence)

        // Independent sources: items sharing an article (or source name) or a reprinted sentence.
        let groups = sourceGroups(agreeing)
        func weight(_ e: ControlEvidence) -> Double {
            e.confidence * (e.modality == .asserted ? 1 : 0.5) * (e.kind == .entry ? 0.5 : 1)
        }
        var groupWeight = [Int: Double]()
        for (e, g) in zip(agreeing, groups) { groupWeight[g] = max(groupWeight[g] ?? 0, weight(e)) }
        var strength = 1 - groupWeight.values.reduce(1) { $0 * (1 - $1) }
        let denials = items.filter { $0.role == .denial }.map(\.evidence)
        if let d = denials.map(\.confidence).max() { strength *= 1 - 0.5 * d }

        // Best day: the one-day windows inside the interval, weighted by independent sources.
        var anchorWeight: [Day: [Int: Double]] = [:]
        for (e, g) in zip(agreeing, groups) where e.kind != .entry && e.window.isSingleDay
            && e.window.first >= earliest && e.window.first <= latest {
            anchorWeight[e.window.first, default: [:]][g] = max(anchorWeight[e.window.first]?[g] ?? 0, weight(e))
        }
        let best = anchorWeight.map { ($0.key, $0.value.values.reduce(0, +)) }
            .max { ($0.1, $1.0) < ($1.1, $0.0) }?.0 ?? earliest + (latest - earliest) / 2

        var notes: [String] = []
        let conflicting = items.filter { $0.role == .conflicts }.map(\.evidence)
        if !conflicting.isEmpty {
            notes.append((conflicting.count == 1 ? "1 piece of evidence disagrees" : "\(conflicting.count) pieces of evidence disagree")
                         + " (" + conflicting.map { "\($0.kind.rawValue) \($0.window) in \($0.sources.joined(separator: ";"))" }.joined(separator: ", ") + ")")
        }
        if !denials.isEmpty {
            notes.append("denied in " + Array(Set(denials.flatMap(\.sources))).sorted().joined(separator: ";"))
        }
        let takers = agreeing.filter { $0.kind != .withdrawal }.compactMap(\.actor)
        let losers = agreeing.filter { $0.kind == .withdrawal }.compactMap(\.actor) + agreeing.compactMap(\.actor2)
        let to = mostCommon(takers), from = mostCommon(losers)
        let modality: Modality = agreeing.contains { $0.kind != .entry && $0.modality == .asserted } ? .asserted : .claimed
        return Change(placeID: c.items[0].placeID, earliest: earliest, latest: latest, best: best,
                      fromHolder: from, toHolder: to, fromSide: c.loser ?? side(from), toSide: c.taker ?? side(to),
                      items: items, strength: (strength * 100).rounded() / 100, sources: Set(groups).count,
                      modality: modality, notes: notes)
    }

    /// The most frequent actor, preferring one whose side is known; first seen on ties.
    func mostCommon(_ actors: [String]) -> String? {
        var count: [String: Int] = [:]
        for a in actors { count[a, default: 0] += 1 }
        return actors.enumerated().max { x, y in
            let kx = (side(x.element) != nil ? 1 : 0, count[x.element]!, -x.offset)
            let ky = (side(y.element) != nil ? 1 : 0, count[y.element]!, -y.offset)
            return kx < ky
        }?.element
    }

    /// A group number per item: items that share a source or a reprinted sentence share a group.
    func sourceGroups(_ items: [ControlEvidence]) -> [Int] {
        var parent = Array(items.indices)
        func find(_ i: Int) -> Int { var i = i; while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }; return i }
        var bySource: [String: Int] = [:], byText: [String: Int] = [:]
        for (i, e) in items.enumerated() {
            for s in e.sources {
                if let j = bySource[s] { parent[find(i)] = find(j) } else { bySource[s] = i }
            }
            if let t = e.reprintKey, t.count >= 20 {
                if let j = byText[t] { parent[find(i)] = find(j) } else { byText[t] = i }
            }
        }
        // Lightly edited reprints: sentences of 8 distinct words or more, 80% of the shorter one's
        // words found in the other (a clause added or cut by the reprinting outlet).
        let words = items.map { e -> Set<Substring> in
            guard let t = e.reprintKey else { return [] }
            let w = Set(t.split(separator: " "))
            return w.count >= 8 ? w : []
        }
        for i in items.indices where !words[i].isEmpty {
            for j in items.indices where j > i && !words[j].isEmpty && find(i) != find(j) {
                let shared = words[i].intersection(words[j]).count
                if Double(shared) >= 0.8 * Double(min(words[i].count, words[j].count)) { parent[find(i)] = find(j) }
            }
        }
        return items.indices.map(find)
    }
}
