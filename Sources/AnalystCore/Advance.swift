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
    public static func legs(route: [Stop], store: EventStore, options: Options) -> [Leg] {
        guard route.count >= 2 else { return [] }
        var legs: [Leg] = []
        var previousFinish: Int? = nil
        for i in 0..<(route.count - 1) {
            let a = route[i], b = route[i + 1]
            var notes: [String] = []
            var startRow = previousFinish
            if startRow == nil {
                startRow = originHeld(a, store: store, options: options)
            }
            if startRow == nil { notes.append("no capture of \(a.name) or offensive from it found") }
            let after = startRow.flatMap { store.dates($0)?.first }
            let finishRow = arrival(b, after: after, store: store, options: options)
            if finishRow == nil {
                let what = options.arrival == .reach ? "entry into or capture of" : "capture of"
                notes.append("no \(what) \(b.name) found\(options.claims ? "" : " (asserted events only; opts.claims = true counts claims)")")
            }
            legs.append(makeLeg(from: a, to: b, km: distance(a, b), startRow: startRow, finishRow: finishRow,
                                store: store, notes: notes, isTotal: false))
            previousFinish = finishRow
        }
        let totalKm = legs.reduce(0) { $0 + $1.km }
        let missing = legs.contains { $0.startEvent == nil || $0.finishEvent == nil }
        legs.append(makeLeg(from: route[0], to: route[route.count - 1], km: totalKm,
                            startRow: legs.first?.startEvent, finishRow: legs.last?.finishEvent, store: store,
                            notes: ["total along the route"] + (missing ? ["some legs lack an event"] : []),
                            isTotal: true))
        return legs
    }

    /// The stops of an actor's advance, inferred from its captures in date order (each place once),
    /// starting where its first offensive was launched when that is elsewhere.
    public static func inferRoute(store: EventStore, options: Options, stop: (Int) -> Stop?) -> [Stop] {
        var rows = (0..<store.count).filter { r in
            let t = store.type(r)
            return (t == .capture || t == .offensive) && usable(r, store: store, options: options)
                && store.dates(r) != nil && store.place(r)?.inGazetteer == true
        }
        rows.sort { (store.date(Int($0)) ?? store.dates(Int($0))!.first) < (store.date(Int($1)) ?? store.dates(Int($1))!.first) }
        var route: [Stop] = []
        var seen = Set<Int>()
        for r in rows {
            guard let p = store.place(r), !seen.contains(p.id), let s = stop(p.id) else { continue }
            if store.type(r) == .offensive && !route.isEmpty { continue }   // only the launch point counts
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

    /// Rows at `stop` of the given types, usable, dated, earliest first.
    static func rows(at stop: Stop, types: Set<EventType>, store: EventStore, options: Options) -> [Int] {
        (0..<store.count).filter { r in
            types.contains(store.type(r)) && store.place(r)?.id == stop.placeID && store.dates(r) != nil
                && usable(r, store: store, options: options)
        }.sorted { store.dates($0)!.first < store.dates($1)!.first }
    }

    /// When the origin was held: its capture, or an offensive launched from it (earliest).
    static func originHeld(_ stop: Stop, store: EventStore, options: Options) -> Int? {
        rows(at: stop, types: [.capture, .offensive], store: store, options: options).first
    }

    /// The first capture (or entry) of the destination that does not end before the leg started.
    static func arrival(_ stop: Stop, after: Day?, store: EventStore, options: Options) -> Int? {
        let types: Set<EventType> = options.arrival == .reach ? [.reach, .capture] : [.capture]
        return rows(at: stop, types: types, store: store, options: options).first { r in
            guard let after else { return true }
            return store.dates(r)!.last >= after
        }
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
