import AnalystCore
import CLua
import LuaKit

/// The rows of each store in date order (best day, else earliest, undated last; ties keep the
/// store's order), computed once per generation and store size: `events{}` selects through it, so
/// lists come in date order at the cost of one sort per load or import, not one per query.
final class DateOrderCache {
    private var key: (generation: Int32, counts: [Int]) = (-1, [])
    /// [events, mentions, the imported rows of events], each in date order.
    private var orders: [[Int32]] = []

    func order(events: EventStore, mentions: EventStore, generation: Int32) -> [[Int32]] {
        let counts = [events.count, mentions.count]
        if key.generation == generation && key.counts == counts { return orders }
        let eventOrder = DateOrderCache.sorted(events)
        var imported = [Bool](repeating: false, count: events.count)
        for range in events.importedRanges { for r in range { imported[r] = true } }
        orders = [eventOrder, DateOrderCache.sorted(mentions), eventOrder.filter { imported[Int($0)] }]
        key = (generation, counts)
        return orders
    }

    /// The day an event sorts by: its best day, else its earliest; Int.max when undated.
    static func day(_ s: EventStore, _ r: Int) -> Int {
        if s.dateBest[r] != EventStore.none { return Int(s.dateBest[r]) }
        if s.dateMin[r] != EventStore.none { return Int(s.dateMin[r]) }
        return Int.max
    }

    /// A stable counting sort by day (days span a few thousand values): linear, 1M rows in a few ms.
    private static func sorted(_ s: EventStore) -> [Int32] {
        let days = (0..<s.count).map { day(s, $0) }
        let dated = days.filter { $0 != Int.max }
        guard let lo = dated.min(), let hi = dated.max(), hi - lo < 10_000_000 else {
            return (0..<Int32(s.count)).sorted { a, b in
                let x = days[Int(a)], y = days[Int(b)]
                return x != y ? x < y : a < b
            }
        }
        // Bucket per day, the undated in a last bucket; prefix sums give each bucket's start.
        let buckets = hi - lo + 2
        var start = [Int](repeating: 0, count: buckets + 1)
        for d in days { start[(d == Int.max ? buckets - 1 : d - lo) + 1] += 1 }
        for b in 0..<buckets { start[b + 1] += start[b] }
        var out = [Int32](repeating: 0, count: s.count)
        for (r, d) in days.enumerated() {
            let b = d == Int.max ? buckets - 1 : d - lo
            out[start[b]] = Int32(r)
            start[b] += 1
        }
        return out
    }
}

/// One-line answers over event lists: `:select(...)` (chosen fields, in the order given) and
/// `:count_by(...)` (how many events per key, most first).
extension AnalystAPI {
    /// `events{}`'s rows in date order: the query runs over the date-ordered rows of each store; the
    /// mentions view merges its own rows with the imported rows of the events store by day.
    func selectInDateOrder(_ q: EventQuery, view: Int32) -> [Int32] {
        let orders = dateOrder.order(events: session.events, mentions: session.mentions, generation: session.generation)
        if view == 0 { return q.select(from: session.events, rows: orders[0]) }
        let own = q.select(from: session.mentions, rows: orders[1])
        guard !orders[2].isEmpty else { return own }
        let imported = q.select(from: session.events, rows: orders[2])
        // Merge two day-ordered lists; imported rows are -(row + 1) in the mentions view.
        var out: [Int32] = []
        out.reserveCapacity(own.count + imported.count)
        var i = 0, j = 0
        while i < own.count || j < imported.count {
            let takeOwn = j == imported.count || (i < own.count
                && DateOrderCache.day(session.mentions, Int(own[i])) <= DateOrderCache.day(session.events, Int(imported[j])))
            if takeOwn { out.append(own[i]); i += 1 } else { out.append(-imported[j] - 1); j += 1 }
        }
        return out
    }

    func defineEventListShapes() {
        let m = addEventListMethod
        m("select", [.init("...", "string", "field names of Event, e.g. \"date\", \"place_name\", \"actor\"")], "List",
          "A List of tables holding only these fields, one per event; the shell shows them as columns in the order given.",
          #"local rows = events{type = "capture"}:select("date", "place_name", "modality") print(rows[1].place_name)"#) { [unowned self] call in
            let box = try self.list(call)
            let top = call.stack.top
            guard top >= 2 else { throw LuaArgumentError(2, "field names expected, e.g. :select(\"date\", \"place_name\")") }
            let names = try (2...top).map { try call.string($0) }
            let getters = try names.enumerated().map { k, name in
                guard let field = self.eventType.fields.first(where: { $0.name == name }) else {
                    throw LuaArgumentError(Int32(k) + 2, "Event has no field '\(name)' (fields: \(self.eventType.fields.map(\.name).joined(separator: ", ")))")
                }
                return field.get
            }
            call.stack.newTable(array: box.rows.count)
            let out = call.stack.top
            for (i, r) in box.rows.enumerated() {
                let (s, row) = box.locate(r)
                let h = EventHandle(store: s, row: row, generation: box.generation)
                call.stack.newTable(hash: names.count)
                for (name, get) in zip(names, getters) {
                    call.push(name)
                    try get(h, call)
                    lua_rawset(call.L, -3)
                }
                call.stack.setIndex(i + 1, in: out)
            }
            try self.setListMetatable(call, fields: names)
            return 1
        }
        m("count_by", [.init("...", "string", "keys as for :group (type, place, admin1, country, actor, actor2, modality, date, month, language, article, original_type)")],
          "List",
          "How many events share each combination of the keys: a List of tables with the keys and `count`, most first (ties by key). `events{}:count_by(\"type\")` answers in one line what `:group` answers with lists.",
          #"for _, row in ipairs(events{}:count_by("type")) do print(row.type, row.count) end"#) { [unowned self] call in
            let box = try self.list(call)
            let top = call.stack.top
            guard top >= 2 else { throw LuaArgumentError(2, "keys expected, e.g. :count_by(\"type\")") }
            let keys = try (2...top).map { try call.string($0) }
            let getters = try keys.enumerated().map { k, key in
                [try self.groupKey(self.session.events, key, argument: Int32(k) + 2),
                 try self.groupKey(self.session.mentions, key, argument: Int32(k) + 2)]
            }
            var counts: [[String]: Int] = [:]
            var firstSeen: [[String]] = []
            for r in box.rows {
                let (s, row) = box.locate(r)
                let combination = getters.map { $0[Int(s)](Int(row)) ?? "(none)" }
                if counts[combination] == nil { firstSeen.append(combination) }
                counts[combination, default: 0] += 1
            }
            let ordered = firstSeen.sorted { a, b in
                let (x, y) = (counts[a]!, counts[b]!)
                return x != y ? x > y : a.lexicographicallyPrecedes(b)
            }
            call.stack.newTable(array: ordered.count)
            let out = call.stack.top
            for (i, combination) in ordered.enumerated() {
                call.stack.newTable(hash: keys.count + 1)
                for (key, value) in zip(keys, combination) { call.push(key); call.push(value); lua_rawset(call.L, -3) }
                call.push("count"); call.push(counts[combination]!); lua_rawset(call.L, -3)
                call.stack.setIndex(i + 1, in: out)
            }
            try self.setListMetatable(call, fields: keys + ["count"])
            return 1
        }
    }
}
