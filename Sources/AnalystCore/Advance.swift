/// Advance rates along a route of places, built on the control timeline (ControlTimeline): a leg
/// runs from the change of control at its origin (or the launch of an offensive from it) to the
/// change of control at its destination; days and km/day are ranges from the two intervals.
/// See docs/advance.md.
public enum Advance {
    public enum Arrival: String, Sendable { case capture, reach }

    public struct Options: Sendable {
        /// `.reach` ends a leg at the first entry into the destination instead of its capture.
        public var arrival: Arrival = .capture
        /// Count `claimed` evidence too (only `asserted` by default).
        public var claims = false
        /// Only changes taken by these actors or sides (names as stored, side names); nil for any.
        /// Changes whose taker is unknown are kept when `includeUnattributed`.
        public var actors: Set<String>?
        public var includeUnattributed = true
        public init() {}
    }

    /// A stop on the route.
    public struct Stop: Sendable {
        public var name: String
        public var placeID: Int
        public var latitude: Double
        public var longitude: Double
        public init(name: String, placeID: Int, latitude: Double, longitude: Double) {
            self.name = name; self.placeID = placeID; self.latitude = latitude; self.longitude = longitude
        }
    }

    /// When something happened at a stop: an interval, a best day inside it and the evidence.
    public struct Moment: Sendable {
        public var what: String          // "change of control", "entry", "offensive"
        public var range: DayRange
        public var best: Day
        public var evidence: [ControlEvidence]
        public var notes: [String] = []
        public var eventIDs: [String] { evidence.map(\.eventID) }
        public var articles: [String] {
            var seen: [String] = []
            for s in evidence.flatMap(\.sources) where !seen.contains(s) { seen.append(s) }
            return seen
        }
        /// The strongest piece of evidence (for an Event object to show).
        public var lead: ControlEvidence? {
            evidence.max { ($0.modality == .asserted ? 1 : 0, -$0.window.days, $0.confidence) < ($1.modality == .asserted ? 1 : 0, -$1.window.days, $1.confidence) }
        }
    }

    public struct Leg: Sendable {
        public var from: Stop
        public var to: Stop
        public var km: Double
        public var start: Moment?
        public var finish: Moment?
        /// Best days after ordering along the route (never finish before start).
        public var startDay: Day?
        public var finishDay: Day?
        public var days: Int?
        public var daysMin: Int?
        public var daysMax: Int?
        public var kmPerDay: Double?
        public var kmPerDayMin: Double?
        public var kmPerDayMax: Double?
        public var note: String
        public var isTotal: Bool
        public var sources: [String] {
            var seen: [String] = []
            for s in (start?.articles ?? []) + (finish?.articles ?? []) where !seen.contains(s) { seen.append(s) }
            return seen
        }
    }

    /// Offensives launched from each place (the start of a leg from a place the actor already held).
    public static func launches(store: EventStore, options: Options) -> [Int: [Moment]] {
        var out: [Int: [Moment]] = [:]
        for r in 0..<store.count where store.type(r) == .offensive {
            guard let w = store.dates(r), let p = store.place(r), p.inGazetteer else { continue }
            let m = store.modalityOf(r)
            guard m == .asserted || (options.claims && m == .claimed) else { continue }
            if let actors = options.actors {
                if let a = store.string(store.actor1[r]) { guard actors.contains(a) else { continue } }
                else if !options.includeUnattributed { continue }
            }
            // Only the offensive's ids, sources and window matter here (what the leg rests on).
            let e = ControlEvidence(kind: .capture, placeID: p.id, window: w, modality: m, actor: store.string(store.actor1[r]),
                                    confidence: Double(store.confidence[r]), row: r, store: 0, eventID: store.id(r),
                                    sources: store.sources(r))
            out[p.id, default: []].append(Moment(what: "offensive", range: w,
                                                 best: w.isSingleDay ? w.first : w.first + (w.last - w.first) / 2, evidence: [e]))
        }
        return out
    }

    static func takenBy(_ c: ControlTimeline.Change, _ options: Options) -> Bool {
        guard let actors = options.actors else { return true }
        if c.toHolder == nil && c.toSide == nil { return options.includeUnattributed }
        return [c.toHolder, c.toSide].contains { $0.map(actors.contains) ?? false }
    }

    static func moment(_ c: ControlTimeline.Change) -> Moment {
        Moment(what: "change of control", range: c.interval, best: c.best,
               evidence: c.agreeing, notes: c.notes)
    }

    /// The first entry into a place, before or at its change of control: it came no earlier than
    /// the earliest entry window starts and no later than the first one ends; best day, the
    /// earliest one-day entry inside that, else the middle.
    static func entryMoment(_ entries: [ControlEvidence], notAfter latest: Day?) -> Moment? {
        guard let lo = entries.map(\.window.first).min(), var hi = entries.map(\.window.last).min() else { return nil }
        if let latest { hi = min(hi, latest) }
        hi = max(hi, lo)
        let precise = entries.filter { $0.window.isSingleDay && $0.window.first >= lo && $0.window.first <= hi }.map(\.window.first).min()
        return Moment(what: "entry", range: DayRange(lo, hi), best: precise ?? lo + (hi - lo) / 2, evidence: entries)
    }

    /// How far after the next stop's change a change may be dated and still be taken as part of
    /// the same advance (with the contradiction reported) rather than ignored as later history.
    static let contradictionDays = 30

    /// The candidate that happened last without having to come after `bound`; failing that, the
    /// first one dated after it, within `contradictionDays`.
    static func pick(_ candidates: [Moment], notAfter bound: Day?) -> Moment? {
        candidates.filter { bound == nil || $0.range.first <= bound! }.max { ($0.best, $0.range.first) < ($1.best, $1.range.first) }
            ?? candidates.filter { $0.range.first <= bound! + contradictionDays }.min { $0.range.first < $1.range.first }
    }

    /// One leg per consecutive pair of stops, then a total row.
    ///
    /// Changes are chosen backwards from the destination so that the chain is the most recent one
    /// and could run forward in time: at each earlier stop, the latest change that could have
    /// happened by the latest day of the one chosen after it (a 2016 battle for the same city stays
    /// out of a 2024 advance). Best days are then moved inside their intervals so that the route
    /// is in order; where the intervals themselves contradict the order the note says so and the
    /// leg's range is widened to hold its best value.
    public static func legs(route: [Stop], timeline: ControlTimeline, launches: [Int: [Moment]], options: Options) -> [Leg] {
        guard route.count >= 2 else { return [] }
        let n = route.count
        var held = [Moment?](repeating: nil, count: n)
        var arrived = [Moment?](repeating: nil, count: n)
        var bound: Day? = nil
        for i in stride(from: n - 1, through: 0, by: -1) {
            let changes = timeline.changes(at: route[i].placeID).filter { takenBy($0, options) }
            // The latest change that could come before the next stop's; failing that, one that the
            // evidence dates a little after it (a contradiction, reported on the leg).
            let change = changes.filter { bound == nil || $0.earliest <= bound! }.max { $0.best < $1.best }
                ?? changes.filter { $0.earliest <= bound! + contradictionDays }.min { $0.earliest < $1.earliest }
            if i < n - 1 { held[i] = change.map(moment) ?? pick(launches[route[i].placeID] ?? [], notAfter: bound) }
            if i > 0 {
                if options.arrival == .reach {
                    let entries = ((change?.entries ?? []) + (timeline.looseEntries[route[i].placeID] ?? []))
                        .filter { options.actors == nil || $0.actor == nil || options.actors!.contains($0.actor!) }
                        .filter { bound == nil || $0.window.first <= bound! }
                    arrived[i] = entryMoment(entries, notAfter: change?.latest) ?? change.map(moment)
                } else {
                    arrived[i] = change.map(moment)
                }
            }
            if let m = arrived[i] ?? held[i] { bound = m.range.last }
        }
        // The moments along the route in order; a stop taken and then left from is one moment.
        var points: [(stop: Int, role: Int, m: Moment)] = []   // role 0 arrival, 1 start
        for i in 0..<n {
            if i > 0, let a = arrived[i] { points.append((i, 0, a)) }
            if i < n - 1, let h = held[i] { points.append((i, 1, h)) }
        }
        let ordered = orderBestDays(points.map { ($0.m.range, $0.m.best) })
        var bestOf: [Int: Day] = [:]       // stop * 2 + role -> ordered best day
        for (p, b) in zip(points, ordered.days) { bestOf[p.stop * 2 + p.role] = b }
        var contradicted = Set<Int>()      // stops whose moment the evidence puts before the previous one
        for k in ordered.contradictions { contradicted.insert(points[k].stop) }

        var legs: [Leg] = []
        for i in 0..<(n - 1) {
            let a = route[i], b = route[i + 1]
            var notes: [String] = []
            if held[i] == nil { notes.append("no change of control at \(a.name) or offensive from it found") }
            if arrived[i + 1] == nil {
                let what = options.arrival == .reach ? "entry into or capture of" : "change of control at"
                notes.append("no \(what) \(b.name) found\(options.claims ? "" : " (asserted evidence only; opts.claims = true counts claims)")")
            }
            if contradicted.contains(i + 1), let s = held[i], let f = arrived[i + 1] {
                notes.append("the evidence dates \(b.name) (\(f.range)) before \(a.name) (\(s.range)): best days set in order, range widened")
            }
            legs.append(makeLeg(from: a, to: b, km: distance(a, b), start: held[i], finish: arrived[i + 1],
                                startDay: bestOf[i * 2 + 1], finishDay: bestOf[(i + 1) * 2], notes: notes, isTotal: false))
        }
        let totalKm = legs.reduce(0) { $0 + $1.km }
        let missing = legs.contains { $0.start == nil || $0.finish == nil }
        legs.append(makeLeg(from: route[0], to: route[n - 1], km: totalKm, start: legs.first?.start, finish: legs.last?.finish,
                            startDay: legs.first?.startDay, finishDay: legs.last?.finishDay,
                            notes: ["total along the route"] + (missing ? ["some legs lack an event"] : []), isTotal: true))
        return legs
    }

    /// Best days for a sequence of moments that should run forward in time: each moved inside its
    /// interval as little as needed (intervals narrowed by the ones before and after it); where the
    /// intervals cannot be put in order, the moment is flagged and set no earlier than the one before.
    public static func orderBestDays(_ moments: [(range: DayRange, best: Day)]) -> (days: [Day], contradictions: [Int]) {
        let n = moments.count
        guard n > 0 else { return ([], []) }
        var lower = moments.map(\.range.first), upper = moments.map(\.range.last)
        for k in 1..<max(1, n) where n > 1 { lower[k] = max(lower[k], lower[k - 1]) }
        for k in stride(from: n - 2, through: 0, by: -1) { upper[k] = min(upper[k], upper[k + 1]) }
        var days = moments.map(\.best)
        var contradictions: [Int] = []
        for k in 0..<n {
            if lower[k] <= upper[k] { days[k] = min(max(days[k], lower[k]), upper[k]) }
            if k > 0 && moments[k].range.last < moments[k - 1].range.first { contradictions.append(k) }
            if k > 0 && days[k] < days[k - 1] { days[k] = days[k - 1] }
        }
        return (days, contradictions)
    }

    /// Fastest plausible advance between two stops of an inferred route, km per day (a day at least).
    public static let plausibleKmPerDay = 150.0

    /// Whether a change belongs to the actor's advance when inferring its route: taken by the actor
    /// or its side; or, when no evidence names the taker, lost by a named side that is not the actor's.
    static func takenForRoute(_ c: ControlTimeline.Change, _ options: Options) -> Bool {
        guard let actors = options.actors else { return true }
        if c.toHolder != nil || c.toSide != nil { return [c.toHolder, c.toSide].contains { $0.map(actors.contains) ?? false } }
        guard let loser = c.fromSide ?? c.fromHolder else { return false }
        return !actors.contains(loser)
    }

    /// The stops of an actor's advance, inferred from the changes of control it took:
    /// 1. changes taken by the actor or its side (or lost by a named other side, taker unknown),
    ///    at cities; the most recent campaign (best days no more than `gapDays` apart); each place once;
    /// 2. in order of best day; when the next changes' intervals overlap (the evidence does not say
    ///    which came first) and their best days are within a day, the nearest to the previous stop first;
    /// 3. a stop further from the previous one than `plausibleKmPerDay` allows in the days between
    ///    them (a day at least) is left out: another front, not this advance;
    /// 4. it starts where an offensive was launched up to `gapDays` before the first change, when
    ///    that place is not itself taken in the campaign.
    public static func inferRoute(timeline: ControlTimeline, launches: [Int: [Moment]], options: Options, gapDays: Int = 30,
                                  stop: (Int) -> Stop?) -> [Stop] {
        let taken = timeline.all.filter { takenForRoute($0, options) && stop($0.placeID) != nil }
        guard let last = taken.last else { return [] }
        var campaign = [last]
        for c in taken.dropLast().reversed() {
            guard campaign[0].best - c.best <= gapDays else { break }
            campaign.insert(c, at: 0)
        }
        // Each place once: its latest change in the campaign.
        var latestAt: [Int: ControlTimeline.Change] = [:]
        for c in campaign { latestAt[c.placeID] = c }
        var remaining = Array(latestAt.values).sorted { ($0.best, $0.placeID) < ($1.best, $1.placeID) }
        var route: [Stop] = []
        var lastDay: Day? = nil
        let begin = remaining[0].best
        if let launch = launches.filter({ latestAt[$0.key] == nil })
            .flatMap({ $0.value }).filter({ $0.best <= begin && begin - $0.best <= gapDays })
            .max(by: { ($0.best, $0.evidence[0].placeID) < ($1.best, $1.evidence[0].placeID) }),
           let s = stop(launch.evidence[0].placeID) {
            route.append(s)
            lastDay = launch.best
        }
        while !remaining.isEmpty {
            let soonest = remaining[0]
            var k = 0
            if let here = route.last {
                let tied = remaining.indices.filter {
                    remaining[$0].best - soonest.best <= 1 && remaining[$0].interval.overlaps(soonest.interval)
                }
                k = tied.min { a, b in
                    distance(here, stop(remaining[a].placeID)!) < distance(here, stop(remaining[b].placeID)!)
                } ?? 0
            }
            let next = remaining.remove(at: k)
            let s = stop(next.placeID)!
            if let here = route.last, let d = lastDay,
               distance(here, s) > plausibleKmPerDay * Double(max(1, next.best - d)) { continue }
            route.append(s)
            lastDay = next.best
        }
        return route
    }

    static func distance(_ a: Stop, _ b: Stop) -> Double {
        Geo.distanceKm(lat1: a.latitude, lon1: a.longitude, lat2: b.latitude, lon2: b.longitude)
    }

    static func makeLeg(from: Stop, to: Stop, km: Double, start: Moment?, finish: Moment?, startDay: Day?, finishDay: Day?,
                        notes: [String], isTotal: Bool) -> Leg {
        var notes = notes
        var leg = Leg(from: from, to: to, km: km, start: start, finish: finish, startDay: startDay, finishDay: finishDay,
                      days: nil, daysMin: nil, daysMax: nil, kmPerDay: nil, kmPerDayMin: nil, kmPerDayMax: nil,
                      note: "", isTotal: isTotal)
        if let start, let finish, let startDay, let finishDay {
            let days = max(0, finishDay - startDay)
            // The range from the two intervals, widened to hold the best value when the order was
            // contradicted (the best days then sit outside an interval).
            let dMin = min(max(0, finish.range.first - start.range.last), days)
            let dMax = max(max(0, finish.range.last - start.range.first), days)
            leg.days = days
            leg.daysMin = dMin
            leg.daysMax = dMax
            leg.kmPerDay = days > 0 ? km / Double(days) : nil
            leg.kmPerDayMin = dMax > 0 ? km / Double(dMax) : nil
            leg.kmPerDayMax = dMin > 0 ? km / Double(dMin) : nil
            if dMin == 0 { notes.append("may have been completed the same day: no upper bound on the rate") }
        }
        leg.note = notes.joined(separator: "; ")
        return leg
    }
}
