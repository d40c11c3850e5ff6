/// Advance rates along a route of places: great-circle km per day between the moment the origin
/// was held and the moment the destination was taken, as a range from the two events' date intervals.
public enum Advance {
    public enum Arrival: String, Sendable { case capture, reach }

    public struct Options: Sendable {
        /// `.reach` ends a leg at the first entry into the destination instead of its capture.
        public var arrival: Arrival = .capture
        /// Count `claimed` events too (only `asserted` by default).
        public var claims = false
        /// Only events by these actors (names as stored); nil for any actor. Unattributed events
        /// are kept when `includeUnattributed`.
        public var actors: Set<String>?
        public var includeUnattributed = true
        public init() {}
    }

    /// A stop on the route: the place and every gazetteer id that counts as it.
    public struct Stop: Sendable {
        public var name: String
        public var placeID: Int
        public var latitude: Double
        public var longitude: Double
        public init(name: String, placeID: Int, latitude: Double, longitude: Double) {
            self.name = name; self.placeID = placeID; self.latitude = latitude; self.longitude = longitude
        }
    }

    public struct Leg: Sendable {
        public var from: Stop
        public var to: Stop
        public var km: Double
        /// Store rows of the events that start and finish the leg.
        public var startEvent: Int?
        public var finishEvent: Int?
        public var start: DayRange?
        public var finish: DayRange?
        public var startDay: Day?
        public var finishDay: Day?
        public var days: Int?
        public var daysMin: Int?
        public var daysMax: Int?
        public var kmPerDay: Double?
        public var kmPerDayMin: Double?
        public var kmPerDayMax: Double?
        public var sources: [String]
        public var note: String
        public var isTotal: Bool
    }

    /// One leg per consecutive pair of stops, then a total row.
    ///
    /// Events are chosen backwards from the destination so that the chain is the most recent one and
    /// never runs back in time: the last stop's latest arrival, then at each earlier stop the latest
    /// event that does not start after the event chosen at the next stop. This keeps old history
    /// (a 2016 battle for the same city) out of a 2024 advance.
    public static func legs(route: [Stop], store: EventStore, options: Options) -> [Leg] {
        guard route.count >= 2 else { return [] }
        let n = route.count
        let arrivalTypes: Set<EventType> = options.arrival == .reach ? [.reach, .capture] : [.capture]
        var held = [Int?](repeating: nil, count: n)      // when stop i was held (start of leg i)
        var arrived = [Int?](repeating: nil, count: n)   // when stop i was reached or taken (end of leg i-1)
        var bound: Day? = nil
        for i in stride(from: n - 1, through: 0, by: -1) {
            if i > 0 {
                arrived[i] = latest(at: route[i], types: arrivalTypes, notAfter: bound, store: store, options: options)
            }
            if i < n - 1 {
                let heldBound = arrived[i].flatMap { store.dates($0)?.last } ?? bound
                held[i] = latest(at: route[i], types: [.capture], notAfter: heldBound, store: store, options: options)
                    ?? latest(at: route[i], types: [.offensive], notAfter: heldBound, store: store, options: options)
            }
            if let r = held[i] ?? arrived[i], let d = store.dates(r) { bound = d.last }
        }
        var legs: [Leg] = []
        for i in 0..<(n - 1) {
            let a = route[i], b = route[i + 1]
            var notes: [String] = []
            if held[i] == nil { notes.append("no capture of \(a.name) or offensive from it found") }
            if arrived[i + 1] == nil {
                let what = options.arrival == .reach ? "entry into or capture of" : "capture of"
                notes.append("no \(what) \(b.name) found\(options.claims ? "" : " (asserted events only; opts.claims = true counts claims)")")
            }
            legs.append(makeLeg(from: a, to: b, km: distance(a, b), startRow: held[i], finishRow: arrived[i + 1],
                                store: store, notes: notes, isTotal: false))
        }
        let totalKm = legs.reduce(0) { $0 + $1.km }
        let missing = legs.contains { $0.startEvent == nil || $0.finishEvent == nil }
        legs.append(makeLeg(from: route[0], to: route[n - 1], km: totalKm,
                            startRow: legs.first?.startEvent, finishRow: legs.last?.finishEvent, store: store,
                            notes: ["total along the route"] + (missing ? ["some legs lack an event"] : []),
                            isTotal: true))
        return legs
    }

    /// The stops of an actor's advance, inferred from its captures in date order (each place once):
    /// the most recent campaign (captures no more than `gapDays` apart), starting where an offensive
    /// was launched shortly before it when that is elsewhere.
    public static func inferRoute(store: EventStore, options: Options, gapDays: Int = 30, stop: (Int) -> Stop?) -> [Stop] {
        func day(_ r: Int) -> Day { store.date(r) ?? store.dates(r)!.first }
        let located = (0..<store.count).filter { r in
            store.dates(r) != nil && store.place(r)?.inGazetteer == true && usable(r, store: store, options: options)
                && stop(store.place(r)!.id) != nil
        }
        let captures = located.filter { store.type($0) == .capture && store.place($0).map { stop($0.id) } != nil }
            .sorted { day($0) < day($1) }
        guard let last = captures.last else { return [] }
        // Walk back from the latest capture while the gaps stay small.
        var campaign = [last]
        for r in captures.dropLast().reversed() {
            guard day(campaign[0]) - day(r) <= gapDays else { break }
            campaign.insert(r, at: 0)
        }
        var route: [Stop] = []
        var seen = Set<Int>()
        let begin = day(campaign[0])
        if let launch = located.filter({ store.type($0) == .offensive && day($0) <= begin && begin - day($0) <= gapDays })
            .max(by: { day($0) < day($1) }), let p = store.place(launch), let s = stop(p.id) {
            route.append(s)
            seen.insert(p.id)
        }
        for r in campaign {
            guard let p = store.place(r), !seen.contains(p.id), let s = stop(p.id) else { continue }
            seen.insert(p.id)
            route.append(s)
        }
        return route
    }

    static func distance(_ a: Stop, _ b: Stop) -> Double {
        Geo.distanceKm(lat1: a.latitude, lon1: a.longitude, lat2: b.latitude, lon2: b.longitude)
    }

    static func usable(_ r: Int, store: EventStore, options: Options) -> Bool {
        let m = store.modalityOf(r)
        guard m == .asserted || (options.claims && m == .claimed) else { return false }
        if let actors = options.actors {
            let a1 = store.string(store.actor1[r])
            if let a1 { return actors.contains(a1) }
            return options.includeUnattributed
        }
        return true
    }

    /// The usable event at `stop` of one of `types` that starts last without starting after `notAfter`.
    static func latest(at stop: Stop, types: Set<EventType>, notAfter: Day?, store: EventStore, options: Options) -> Int? {
        var best: Int? = nil
        for r in 0..<store.count where types.contains(store.type(r)) && store.place(r)?.id == stop.placeID {
            guard usable(r, store: store, options: options), let d = store.dates(r) else { continue }
            if let bound = notAfter, d.first > bound { continue }
            if let b = best, store.dates(b)!.first >= d.first { continue }
            best = r
        }
        return best
    }

    static func makeLeg(from: Stop, to: Stop, km: Double, startRow: Int?, finishRow: Int?, store: EventStore,
                        notes: [String], isTotal: Bool) -> Leg {
        var notes = notes
        let start = startRow.flatMap { store.dates($0) }
        let finish = finishRow.flatMap { store.dates($0) }
        let startDay = startRow.flatMap { store.date($0) } ?? start?.first
        let finishDay = finishRow.flatMap { store.date($0) } ?? finish?.first
        var leg = Leg(from: from, to: to, km: km, startEvent: startRow, finishEvent: finishRow, start: start,
                      finish: finish, startDay: startDay, finishDay: finishDay, days: nil, daysMin: nil,
                      daysMax: nil, kmPerDay: nil, kmPerDayMin: nil, kmPerDayMax: nil, sources: [], note: "",
                      isTotal: isTotal)
        var sources: [String] = []
        for r in [startRow, finishRow].compactMap({ $0 }) {
            for s in store.sources(r) where !sources.contains(s) { sources.append(s) }
        }
        leg.sources = sources
        if let start, let finish, let startDay, let finishDay {
            let days = max(0, finishDay - startDay)
            let dMin = max(0, finish.first - start.last)
            let dMax = max(0, finish.last - start.first)
            leg.days = days
            leg.daysMin = dMin
            leg.daysMax = dMax
            leg.kmPerDay = days > 0 ? km / Double(days) : nil
            leg.kmPerDayMin = dMax > 0 ? km / Double(dMax) : nil
            leg.kmPerDayMax = dMin > 0 ? km / Double(dMin) : nil
            if dMin == 0 { notes.append("may have been completed the same day: no upper bound on the rate") }
            if days == 0 { notes.append("best dates are the same day") }
        }
        leg.note = notes.joined(separator: "; ")
        return leg
    }
}
