import AnalystCore
import CLua
import LuaKit

extension AnalystAPI {
    static let legColumns = ["from", "to", "km", "start", "finish", "start_earliest", "start_latest", "finish_earliest",
                             "finish_latest", "days", "days_min", "days_max", "km_per_day", "km_per_day_min",
                             "km_per_day_max", "start_evidence", "start_articles", "finish_evidence", "finish_articles",
                             "sources", "total", "note"]

    func defineAdvance() {
        registry.add(APIEntry("advance", section: "Advance rates",
                              params: [.init("route", "table", "a list of places (names or Places), optionally with options in the same table: {\"Idlib\", \"Aleppo\", arrival = \"reach\"}; or {actor = \"HTS\"} to infer the route from that actor's captures"),
                                       .init("opts", "table", "`arrival` (\"capture\" or \"reach\"), `claims` (count claimed events), `actor`", optional: true)],
                              returns: "List",
                              summary: "One row per leg and a total row: from, to, km, start, finish (best days, in route order), start_earliest, start_latest, finish_earliest, finish_latest, days, days_min, days_max, km_per_day, km_per_day_min, km_per_day_max, start_evidence, finish_evidence (event ids), start_articles, finish_articles, sources, total, note; also start_event and finish_event (the strongest Event of each end). A leg runs from the change of control at the origin (or an offensive launched from it) to the change of control at the destination, from the control timeline (see control()). See docs/advance.md.",
                              example: #"for _, leg in ipairs(advance{"Idlib", "Aleppo", "Hama", "Homs", "Damascus"}) do print(leg.from, leg.to, leg.km, leg.days) end"#) { [unowned self] call in
            try call.checkTable(1)
            try self.session.extractEvents()
            let optionKeys = ["arrival", "claims", "actor"]
            // Options may sit in the route table (advance{..., arrival = "reach"}) or in a second table.
            let inline = try call.stack.value(at: 1, lenient: true)
            let extra = try self.options(call, 2, valid: optionKeys, function: "advance")
            var opts = Advance.Options()
            func option(_ k: String) -> LuaValue { extra[k].isNil ? inline[k] : extra[k] }
            if case .table(let pairs) = inline {
                for p in pairs where p.key.stringValue != nil && !optionKeys.contains(p.key.stringValue!) {
                    throw LuaArgumentError(1, "unknown option '\(p.key.stringValue!)' (valid: \(optionKeys.joined(separator: ", ")))")
                }
            }
            switch option("arrival") {
            case .nil: break
            case .string(let s):
                guard let a = Advance.Arrival(rawValue: s.description) else { throw LuaArgumentError(2, "arrival must be \"capture\" or \"reach\"") }
                opts.arrival = a
            default: throw LuaArgumentError(2, "arrival must be \"capture\" or \"reach\"")
            }
            if case .boolean(let b) = option("claims") { opts.claims = b }
            let c = try self.session.corpus()
            if let actorName = option("actor").stringValue {
                guard let a = c.actors.lookup(actorName) else { throw LuaRaise("no actor named '\(actorName)'") }
                // The actor and its allies on the same side; unattributed events count too.
                let allies = c.actors.actors.filter { $0.side != nil && $0.side == a.side }.map(\.id)
                opts.actors = Set([a.id, actorName] + allies + (a.side.map { [$0] } ?? []))
            }
            let timeline = try self.controlTimeline(claims: opts.claims)
            let launches = Advance.launches(store: self.session.events, options: opts)
            // The route: the array part of argument 1.
            var stops: [Advance.Stop] = []
            let n = lua_rawlen(call.L, 1)
            if n > 0 {
                for i in 1...Int(n) {
                    lua_rawgeti(call.L, 1, lua_Integer(i))
                    let p = try self.point(call, call.stack.top, function: "advance")
                    call.stack.pop()
                    stops.append(Advance.Stop(name: p.name, placeID: p.place?.id ?? Int.min, latitude: p.lat, longitude: p.lon))
                }
            } else {
                guard opts.actors != nil else {
                    throw LuaArgumentError(1, "a route of at least two places, or {actor = NAME} to infer one")
                }
                stops = Advance.inferRoute(timeline: timeline, launches: launches, options: opts) { id in
                    c.gazetteer.place(id: id).flatMap { p in
                        p.kind == .city ? Advance.Stop(name: p.name, placeID: p.id, latitude: p.latitude, longitude: p.longitude) : nil
                    }
                }
            }
            guard stops.count >= 2 else { throw LuaArgumentError(1, "a route needs at least two places (found \(stops.count))") }
            let legs = Advance.legs(route: stops, timeline: timeline, launches: launches, options: opts)
            call.stack.newTable(array: legs.count)
            for (i, leg) in legs.enumerated() {
                try self.pushLeg(call, leg)
                call.stack.setIndex(i + 1, in: -2)
            }
            try self.setListMetatable(call, fields: AnalystAPI.legColumns)
            return 1
        })
    }

    func pushLeg(_ call: LuaCall, _ leg: Advance.Leg) throws {
        let s = call.stack
        s.newTable(hash: 28)
        func set(_ k: String, _ v: LuaValue) { s.push(v); s.setField(k, in: -2) }
        func num(_ d: Double?, _ digits: Double = 10) -> LuaValue { d.map { .number(($0 * digits).rounded() / digits) } ?? .nil }
        func int(_ i: Int?) -> LuaValue { i.map { .integer(Int64($0)) } ?? .nil }
        func day(_ d: Day?) -> LuaValue { d.map { .str($0.iso) } ?? .nil }
        set("from", .str(leg.from.name))
        set("to", .str(leg.to.name))
        set("km", num(leg.km))
        set("start", day(leg.startDay))
        set("finish", day(leg.finishDay))
        set("start_earliest", day(leg.start?.range.first))
        set("start_latest", day(leg.start?.range.last))
        set("finish_earliest", day(leg.finish?.range.first))
        set("finish_latest", day(leg.finish?.range.last))
        set("days", int(leg.days))
        set("days_min", int(leg.daysMin))
        set("days_max", int(leg.daysMax))
        set("km_per_day", num(leg.kmPerDay))
        set("km_per_day_min", num(leg.kmPerDayMin))
        set("km_per_day_max", num(leg.kmPerDayMax))
        for (key, m) in [("start", leg.start), ("finish", leg.finish)] {
            if let e = m?.lead { pushEvent(call, store: e.store, row: Int32(e.row)) } else { s.pushNil() }
            s.setField(key + "_event", in: -2)
            set(key + "_evidence", .str(m?.eventIDs.joined(separator: ";") ?? ""))
            set(key + "_articles", .str(m?.articles.joined(separator: ";") ?? ""))
        }
        set("sources", .str(leg.sources.joined(separator: ";")))
        set("note", .str(leg.note))
        set("total", .boolean(leg.isTotal))
        // Coordinates for maps and GeoJSON.
        set("from_lat", .number(leg.from.latitude)); set("from_lon", .number(leg.from.longitude))
        set("to_lat", .number(leg.to.latitude)); set("to_lon", .number(leg.to.longitude))
    }
}
