/// Grouped counts over columns: the fast path for "count events and sum fatalities by admin1".
/// Rows are first tallied by an integer key (place row, type code, string id, month number) in a
/// plain array or small dictionary, then folded to names once per distinct key.
extension EventStore {
    public enum GroupKey: String, Sendable, CaseIterable {
        case admin1, country, place, type, originalType = "original_type", actor, year, month
    }
    public enum SumColumn: String, Sendable { case fatalities, count }

    public struct Group: Sendable, Equatable {
        /// The key as text (`Hama`, `capture`, `2024-12`); nil for rows without a value.
        public var key: String?
        public var count: Int
        /// Sum of the column over rows that have a value (missing values count as 0).
        public var sum: Int
        public init(key: String?, count: Int, sum: Int) { self.key = key; self.count = count; self.sum = sum }
    }

    /// Groups `rows` (all rows when nil) by `key`; sorted by count (descending), then key.
    public func groupCount(rows: [Int32]? = nil, by key: GroupKey, sum column: SumColumn? = .fatalities) -> [Group] {
        let values: [Int32]? = column.map { $0 == .fatalities ? fatalities : counts }
        // Tally by an integer code; `codeOf` returns -1 for "no value".
        var tally: [Int: (count: Int, sum: Int)] = [:]
        var dense: [(count: Int, sum: Int)] = []
        var none = (count: 0, sum: 0)
        func run(_ denseSize: Int, _ codeOf: (Int) -> Int) {
            dense = Array(repeating: (0, 0), count: denseSize)
            let useDense = denseSize > 0
            func add(_ r: Int) {
                let c = codeOf(r)
                var v = 0
                if let values { let x = values[r]; if x > 0 { v = Int(x) } }
                if c < 0 { none.count += 1; none.sum += v }
                else if useDense { dense[c].count += 1; dense[c].sum += v }
                else { tally[c, default: (0, 0)].count += 1; tally[c, default: (0, 0)].sum += v }
            }
            if let rows { for r in rows { add(Int(r)) } } else { for r in 0..<count { add(r) } }
        }
        var named: [String?: (count: Int, sum: Int)] = [:]
        func put(_ k: String?, _ t: (count: Int, sum: Int)) {
            guard t.count > 0 else { return }
            let old = named[k] ?? (0, 0)
            named[k] = (old.count + t.count, old.sum + t.sum)
        }
        placeRow.withUnsafeBufferPointer { pr in
            switch key {
            case .admin1, .country, .place:
                // Per place row first (dense, small), then to the place's field.
                run(places.count) { Int(pr[$0]) }
                let field = key == .admin1 ? placeAdmin1ID : key == .country ? placeCountryID : placeNameID
                for (p, t) in dense.enumerated() { put(string(field[p]), t) }
            case .type:
                types.withUnsafeBufferPointer { ty in run(EventType.allCases.count) { Int(ty[$0]) } }
                for (c, t) in dense.enumerated() { put(EventType.allCases[c].rawValue, t) }
            case .originalType:
                run(0) { Int(self.originalType[$0]) }
                for (c, t) in tally { put(strings[Int32(c)], t) }
            case .actor:
                run(0) { Int(self.actor1[$0]) }
                for (c, t) in tally { put(strings[Int32(c)], t) }
            case .year, .month:
                let byYear = key == .year
                dateBest.withUnsafeBufferPointer { db in
                    dateMin.withUnsafeBufferPointer { dm in
                        run(0) { r in
                            let d = db[r] != EventStore.none ? db[r] : dm[r]
                            if d == EventStore.none { return -1 }
                            let c = Day(number: d).components
                            return byYear ? c.year : c.year * 12 + c.month - 1
                        }
                    }
                }
                for (c, t) in tally {
                    if byYear { put(String(c), t) } else {
                        let m = c % 12 + 1
                        put("\(c / 12)-\(m < 10 ? "0" : "")\(m)", t)
                    }
                }
            }
        }
        put(nil, none)
        return named.map { Group(key: $0.key, count: $0.value.count, sum: $0.value.sum) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : ($0.key ?? "") < ($1.key ?? "") }
    }
}
