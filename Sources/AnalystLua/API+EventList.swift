import AnalystCore
import CEventIndex
import CLua
import LuaKit

/// The rows of an event list: indices into one view. Lists are immutable; every method returns a
/// new list, so chains never disturb the list they started from.
///
/// View 0 (events) holds rows of the events store. View 1 (mentions) holds rows of the mentions
/// store and, as negative numbers `-(row + 1)`, imported rows of the events store: an imported
/// row is one event and its own single mention, so it is the same object in both views.
final class EventListBox {
    let store: Int32
    let rows: [Int32]
    let generation: Int32
    init(store: Int32, rows: [Int32], generation: Int32) {
        self.store = store; self.rows = rows; self.generation = generation
    }
    /// The store (0 events, 1 mentions) and row an entry of `rows` refers to.
    @inline(__always) func locate(_ r: Int32) -> (store: Int32, row: Int32) {
        store == 1 && r < 0 ? (0, -r - 1) : (store, r)
    }
}

extension AnalystAPI {
    func pushEvent(_ call: LuaCall, _ box: EventListBox, _ r: Int32) {
        let (s, row) = box.locate(r)
        pushEvent(call, store: s, row: row)
    }

    /// The store object and row of an entry of a list.
    func at(_ box: EventListBox, _ r: Int32) -> (store: EventStore, row: Int, id: Int32) {
        let (s, row) = box.locate(r)
        return (session.store(s), Int(row), s)
    }

    /// The rows of `box` (or of its whole view when `rows` is nil) that match `q`, in list order.
    func select(_ q: EventQuery, view: Int32, rows: [Int32]?) -> [Int32] {
        if view == 0 { return q.select(from: session.events, rows: rows) }
        guard let rows else {
            let imported = session.events.importedRows
            return q.select(from: session.mentions)
                + (imported.isEmpty ? [] : q.select(from: session.events, rows: imported).map { -$0 - 1 })
        }
        let own = rows.filter { $0 >= 0 }, imported = rows.filter { $0 < 0 }.map { -$0 - 1 }
        if imported.isEmpty { return q.select(from: session.mentions, rows: own) }
        let kept = Set(q.select(from: session.mentions, rows: own))
        let keptImported = Set(q.select(from: session.events, rows: imported).map { -$0 - 1 })
        return rows.filter { $0 >= 0 ? kept.contains($0) : keptImported.contains($0) }
    }

    func pushEventList(_ call: LuaCall, _ box: EventListBox) {
        call.stack.push(object: box, typeName: AnalystAPI.eventListType)
    }

    func list(_ call: LuaCall, _ i: Int32 = 1) throws -> EventListBox {
        let box = try call.object(i, typeName: AnalystAPI.eventListType, as: EventListBox.self)
        try checkGeneration(box.generation)
        return box
    }

    /// Calls the Lua function at stack index `fn` with the event, returning its first result's truth.
    func callWithEvent(_ call: LuaCall, fn: Int32, box: EventListBox, row: Int32, extra: Int? = nil, nresults: Int32 = 1) throws {
        // The previous callback may have called corpus.reload(): the rows would index the new stores.
        try checkGeneration(box.generation)
        lua_pushvalue(call.L, fn)
        pushEvent(call, box, row)
        if let extra { call.push(extra) }
        try call.call(nargs: extra == nil ? 1 : 2, nresults: nresults)
    }

    /// The rows for which the Lua function at `fn` is true, looped in C (`ce_filter`) under one
    /// protected call.
    /// With `fields` (codes of `fastFields`), `fn` receives those fields' values instead of the event.
    func filterRows(_ call: LuaCall, fn: Int32, box: EventListBox, fields: [Int32] = []) throws -> [Int32] {
        guard let cols = fastColumns, !box.rows.isEmpty else { return [] }
        var out = [Int32](repeating: 0, count: box.rows.count)
        let kept: Int = try box.rows.withUnsafeBufferPointer { rows in
            try out.withUnsafeMutableBufferPointer { dest in
            try fields.withUnsafeBufferPointer { codes in
                let L = call.L
                lua_pushcclosure(L, ce_filter, 0)
                lua_pushvalue(L, fn)
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: rows.baseAddress!))
                lua_pushinteger(L, lua_Integer(rows.count))
                lua_pushinteger(L, lua_Integer(box.store))
                clua_rawgetfield(L, clua_registryindex(), eventType.name)
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(cols))
                lua_pushinteger(L, lua_Integer(box.generation))
                lua_pushlightuserdata(L, UnsafeMutableRawPointer(dest.baseAddress!))
                if let c = codes.baseAddress { lua_pushlightuserdata(L, UnsafeMutableRawPointer(mutating: c)) } else { lua_pushnil(L) }
                lua_pushinteger(L, lua_Integer(codes.count))
                for key in AnalystAPI.fastTableKeys {   // type names, modality names, day cache
                    lua_pushstring(L, key)
                    lua_rawget(L, clua_registryindex())
                }
                try call.call(nargs: 13, nresults: 1)
                defer { call.stack.pop() }
                return Int(call.stack.integer(at: -1) ?? 0)
            }
            }
        }
        return Array(out.prefix(kept))
    }

    static let sortKeys = ["date", "date_min", "date_max", "type", "place", "confidence", "fatalities", "count",
                           "corroboration", "id", "actor", "admin1", "country"]

    /// Registers a method of EventList (section "Event lists"; `self` comes first).
    func addEventListMethod(_ name: String, _ params: [APIEntry.Param], _ returns: String, _ summary: String,
                            _ example: String, _ f: @escaping HostFunction) {
        registry.add(APIEntry("EventList:" + name, section: "Event lists", params: [.init("self", "EventList", "")] + params,
                              returns: returns, summary: summary, example: example, function: f))
    }

    func defineEventLists() {
        let m = addEventListMethod
        m("filter", [.init("test", "function|table", "a function of the event, or an events{} filter table"),
                     .init("fields", "string[]", "the fast path: `test` receives these fields' values instead of the event (any of: " + AnalystAPI.fastFields.map(\.0).joined(separator: ", ") + ")", optional: true)],
          "EventList",
          "The events for which `test(e)` is true, or that match the filter table. `filter(function(t, f) ... end, {\"type\", \"fatalities\"})` passes column values: no event object, several times faster over millions of events.",
          #"local caps = events{}:filter(function(e) return e.type == "capture" end) print(#caps) print(#events{}:filter(function(t, f) return t == "clash" and (f or 0) > 0 end, {"type", "fatalities"}))"#) { [unowned self] call in
            let box = try self.list(call)
            if call.stack.type(at: 2) == LUA_TTABLE {
                let filter = try self.options(call, 2, valid: AnalystAPI.queryKeys.filter { $0 != "consolidated" }, function: "filter")
                let (q, _) = try self.query(from: filter, argument: 2, call: call)
                let rows = self.select(q, view: box.store, rows: box.rows)
                self.pushEventList(call, EventListBox(store: box.store, rows: rows, generation: box.generation))
                return 1
            }
            guard call.stack.type(at: 2) == LUA_TFUNCTION else { throw call.typeError(2, "function or table") }
            var codes: [Int32] = []
            if !call.isNoneOrNil(3) {
                try call.checkTable(3)
                guard case .array(let names) = try call.stack.value(at: 3, lenient: true), !names.isEmpty, names.count <= 16 else {
                    throw LuaArgumentError(3, "a list of 1 to 16 field names expected")
                }
                let known = Dictionary(AnalystAPI.fastFields, uniquingKeysWith: { a, _ in a })
                codes = try names.map { v in
                    guard let n = v.stringValue, let c = known[n] else {
                        throw LuaArgumentError(3, "no fast field '\(v.stringValue ?? "?")' (valid: \(AnalystAPI.fastFields.map(\.0).joined(separator: ", ")))")
                    }
                    return c
                }
            }
            let kept = try self.filterRows(call, fn: 2, box: box, fields: codes)
            self.pushEventList(call, EventListBox(store: box.store, rows: kept, generation: box.generation))
            return 1
        }
        m("map", [.init("fn", "function", "called with each event and its index")], "List",
          "A plain List of what `fn(e, i)` returns for each event.",
          #"local names = events{type = "capture"}:map(function(e) return e.place_name end) print(#names)"#) { [unowned self] call in
            let box = try self.list(call)
            try call.checkFunction(2)
            call.stack.newTable(array: box.rows.count)
            let out = call.stack.top
            for (i, r) in box.rows.enumerated() {
                try self.callWithEvent(call, fn: 2, box: box, row: r, extra: i + 1)
                call.stack.setIndex(i + 1, in: out)
            }
            try self.setListMetatable(call)
            return 1
        }
        m("each", [.init("fn", "function", "called with each event and its index")], "EventList",
          "Calls `fn(e, i)` for each event; returns the list.",
          #"events{type = "capture"}:each(function(e) print(e.date, e.place_name) end)"#) { [unowned self] call in
            let box = try self.list(call)
            try call.checkFunction(2)
            for (i, r) in box.rows.enumerated() {
                try self.callWithEvent(call, fn: 2, box: box, row: r, extra: i + 1, nresults: 0)
            }
            call.stack.top = 1
            return 1
        }
        m("sort", [.init("key", "string|function", "a field (`date`, `-confidence` for descending, ...) or a comparator `function(a, b)`"),
                   .init("...", "string", "more fields, each breaking the ties of the one before", optional: true)],
          "EventList", "The events in a new order; ties keep their order. `:sort(\"place\", \"-date\")` sorts by place, then latest first.",
          #"local first = events{type = "capture"}:sort("date"):first() print(first and first.date)"#) { [unowned self] call in
            let box = try self.list(call)
            var rows = box.rows
            if call.stack.type(at: 2) == LUA_TFUNCTION {
                // Comparator errors stop the sort and propagate; an inconsistent comparator only
                // gives an unspecified order (Swift's sort stays memory-safe).
                try rows.sort { a, b in
                    try self.checkGeneration(box.generation)   // a comparator may call corpus.reload()
                    lua_pushvalue(call.L, 2)
                    self.pushEvent(call, box, a)
                    self.pushEvent(call, box, b)
                    try call.call(nargs: 2, nresults: 1)
                    defer { call.stack.pop() }
                    return call.stack.boolean(at: -1)
                }
            } else {
                // Several keys: the first decides, the next break its ties ("place", "-date").
                let top = call.stack.top
                let keys: [(get: [(Int) -> SortValue?], descending: Bool)] = try (2...max(2, top)).map { i in
                    var key = try call.string(i)
                    let descending = key.hasPrefix("-")
                    if descending { key.removeFirst() }
                    guard AnalystAPI.sortKeys.contains(key) else {
                        throw LuaArgumentError(i, "cannot sort by '\(key)' (valid: \(AnalystAPI.sortKeys.joined(separator: ", ")))")
                    }
                    return ([self.sortKey(self.session.events, key), self.sortKey(self.session.mentions, key)], descending)
                }
                let indexed = rows.enumerated().map { e -> (Int, Int32, [SortValue?]) in
                    let (s, r) = box.locate(e.element)
                    return (e.offset, e.element, keys.map { $0.get[Int(s)](Int(r)) })
                }
                rows = indexed.sorted { x, y in
                    for (k, key) in keys.enumerated() where x.2[k] != y.2[k] {
                        guard let a = x.2[k] else { return false }   // missing values last
                        guard let b = y.2[k] else { return true }
                        return key.descending ? a > b : a < b
                    }
                    return x.0 < y.0
                }.map { $0.1 }
            }
            self.pushEventList(call, EventListBox(store: box.store, rows: rows, generation: box.generation))
            return 1
        }
        m("group", [.init("key", "string|function", "a field name or a function of the event")], "table",
          "A table from each key to the EventList of its events.",
          #"for t, l in pairs(events{}:group("type")) do print(t, #l) end"#) { [unowned self] call in
            let box = try self.list(call)
            var groups: [(String, [Int32])] = []
            var index: [String: Int] = [:]
            func add(_ k: String, _ r: Int32) {
                if let i = index[k] { groups[i].1.append(r) } else { index[k] = groups.count; groups.append((k, [r])) }
            }
            if call.stack.type(at: 2) == LUA_TFUNCTION {
                for r in box.rows {
                    try self.callWithEvent(call, fn: 2, box: box, row: r)
                    if let k = call.stack.tostring(at: -1) { add(k, r) }
                    call.stack.top = 2
                }
            } else {
                let key = try call.string(2)
                let gets = [try self.groupKey(self.session.events, key, argument: 2),
                            try self.groupKey(self.session.mentions, key, argument: 2)]
                for r in box.rows {
                    let (s, row) = box.locate(r)
                    add(gets[Int(s)](Int(row)) ?? "(none)", r)
                }
            }
            call.stack.newTable(hash: groups.count)
            for (k, rows) in groups {
                call.push(k)
                self.pushEventList(call, EventListBox(store: box.store, rows: rows, generation: box.generation))
                lua_rawset(call.L, -3)
            }
            return 1
        }
        m("count", [], "integer", "The number of events (same as `#list`).",
          #"print(events{type = "capture"}:count())"#) { [unowned self] call in
            call.push(try self.list(call).rows.count)
            return 1
        }
        m("sum", [.init("field", "string", "`fatalities` or `count`")], "integer",
          "The total of a numeric field over the events (missing values count 0).",
          #"print(events{}:sum("fatalities"))"#) { [unowned self] call in
            let box = try self.list(call)
            let field = try call.string(2)
            func column(_ s: EventStore) -> Column<Int32> {
                field == "fatalities" ? s.fatalities : field == "count" ? s.counts : s.corroboration
            }
            guard ["fatalities", "count", "corroboration"].contains(field) else {
                throw LuaArgumentError(2, "cannot sum '\(field)' (valid: fatalities, count, corroboration)")
            }
            let columns = [column(self.session.events), column(self.session.mentions)]
            var total = 0
            for r in box.rows {
                let (s, row) = box.locate(r)
                let v = columns[Int(s)][Int(row)]
                if v != EventStore.none { total += Int(v) }
            }
            call.push(total)
            return 1
        }
        m("first", [], "Event?", "The first event, or nil when the list is empty.",
          #"local e = events{type = "capture"}:first() print(e and e.place_name)"#) { [unowned self] call in
            let box = try self.list(call)
            if let r = box.rows.first { self.pushEvent(call, box, r) } else { call.pushNil() }
            return 1
        }
        m("head", [.init("n", "integer", "how many (default 10)", optional: true)], "EventList", "The first `n` events.",
          #"print(#events{}:head(3))"#) { [unowned self] call in
            let box = try self.list(call)
            let n = max(0, Int(try call.optionalInteger(2) ?? 10))
            self.pushEventList(call, EventListBox(store: box.store, rows: Array(box.rows.prefix(n)), generation: box.generation))
            return 1
        }
        m("iter", [], "function", "An iterator over the events: `for e in list:iter() do ... end`.",
          #"for e in events{type = "capture"}:iter() do print(e.id) end"#) { [unowned self] call in
            let box = try self.list(call)
            var i = 0
            call.stack.push(function: { inner in
                guard i < box.rows.count else { inner.pushNil(); return 1 }
                try self.checkGeneration(box.generation)
                self.pushEvent(inner, box, box.rows[i])
                i += 1
                return 1
            })
            return 1
        }
        m("to_csv", [.init("path", "string", "file to write (atomically)"),
                     .init("opts", "table", "`columns`, `format = \"acled\"`, `excel_safe`", optional: true)], "integer",
          "Writes the events as CSV; returns the number of rows. See csv.write.",
          #"events{type = "capture"}:to_csv(os.tmpname())"#) { [unowned self] call in
            let box = try self.list(call)
            let path = try call.string(2)
            let opts = try self.options(call, 3, valid: ["columns", "format", "excel_safe"], function: "to_csv")
            call.push(try self.writeEventsCSV(box, path: path, opts: opts, optsArgument: 3))
            return 1
        }
        m("to_geojson", [.init("path", "string", "file to write (atomically)")], "integer",
          "Writes the located events as GeoJSON Points (RFC 7946); returns the number of features.",
          #"events{}:to_geojson(os.tmpname())"#) { [unowned self] call in
            let box = try self.list(call)
            call.push(try self.writeEventsGeoJSON(box, path: try call.string(2)))
            return 1
        }
    }

    func installEventListType(_ lua: LuaState) {
        let methods = Dictionary(registry.entries.filter { $0.owner == AnalystAPI.eventListType }.map { ($0.shortName, $0.function) },
                                 uniquingKeysWith: { a, _ in a })
        lua.defineType(AnalystAPI.eventListType, metamethods: [
            "__index": { [unowned self] call in
                let box = try self.list(call)
                if let i = call.stack.integer(at: 2), call.stack.type(at: 2) == LUA_TNUMBER {
                    if i >= 1 && i <= box.rows.count { self.pushEvent(call, box, box.rows[Int(i) - 1]) } else { call.pushNil() }
                    return 1
                }
                if call.pushMethod() { return 1 }
                call.pushNil()
                return 1
            },
            "__len": { [unowned self] call in call.push(try self.list(call).rows.count); return 1 },
            "__tostring": { [unowned self] call in
                let box = try self.list(call)
                call.push("EventList(\(box.rows.count) \(box.store == 1 ? "mentions" : "events"))")
                return 1
            },
            "__newindex": { _ in throw LuaRaise("event lists are read-only (use :filter, :map, :sort)") },
        ], methods: methods)
        // The shell shows an event list with these columns (every field is one `e.field` away).
        clua_rawgetfield(lua.L, clua_registryindex(), AnalystAPI.eventListType)
        lua.stack.push(.array(AnalystAPI.listColumns.map { .str($0) }))
        lua.stack.setField("__columns", in: -2)
        lua.stack.pop()
    }

    /// Most telling first: a narrow terminal hides columns from the middle and right (docs/shell.md).
    static let listColumns = ["date", "type", "place_name", "actor", "modality", "date_min", "date_max",
                              "confidence", "corroboration", "article", "id"]

    func sortKey(_ s: EventStore, _ key: String) -> (Int) -> SortValue? {
        switch key {
        case "date": return { r in s.dateBest[r] == EventStore.none ? (s.dateMin[r] == EventStore.none ? nil : .int(Int(s.dateMin[r]))) : .int(Int(s.dateBest[r])) }
        case "date_min": return { r in s.dateMin[r] == EventStore.none ? nil : .int(Int(s.dateMin[r])) }
        case "date_max": return { r in s.dateMax[r] == EventStore.none ? nil : .int(Int(s.dateMax[r])) }
        case "confidence": return { r in .double(Double(s.confidence[r])) }
        case "fatalities": return { r in s.int(s.fatalities[r]).map { .int($0) } }
        case "count": return { r in s.int(s.counts[r]).map { .int($0) } }
        case "corroboration": return { r in .int(Int(s.corroboration[r])) }
        case "type": return { r in .int(Int(s.types[r])) }
        default:
            return { r in (try? self.groupKey(s, key, argument: 2))?(r).map { .text($0) } }
        }
    }

    func groupKey(_ s: EventStore, _ key: String, argument: Int32) throws -> (Int) -> String? {
        switch key {
        case "type": return { s.type($0).rawValue }
        case "place", "place_name": return { s.place($0)?.name }
        case "admin1": return { s.place($0)?.admin1 }
        case "country": return { s.place($0)?.country }
        case "actor": return { s.string(s.actor1[$0]) }
        case "actor2": return { s.string(s.actor2[$0]) }
        case "modality": return { s.modalityOf($0).rawValue }
        case "date": return { s.date($0)?.iso }
        case "language": return { s.string(s.language[$0]) }
        case "article": return { s.sources($0).first }
        case "id": return { s.id($0) }
        case "month": return { s.date($0).map { String($0.iso.prefix(7)) } }
        case "original_type": return { s.string(s.originalType[$0]) }
        default:
            throw LuaArgumentError(argument, "cannot group by '\(key)' (valid: type, place, admin1, country, actor, actor2, modality, date, month, language, article, original_type, or a function)")
        }
    }
}

enum SortValue: Comparable {
    case int(Int), double(Double), text(String)
    static func < (a: SortValue, b: SortValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.text(let x), .text(let y)): return x < y
        default: return false
        }
    }
}
