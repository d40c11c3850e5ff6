import AnalystCore
import CLua
import LuaKit

/// `control(place)` and `held_by(place, day)`: the control timeline (AnalystCore/Control) in Lua.
extension AnalystAPI {
    static let changeColumns = ["place", "from", "to", "from_side", "to_side", "earliest", "latest", "best", "days",
                                "strength", "sources", "modality", "conflicts", "evidence", "articles", "note",
                                "latitude", "longitude"]

    /// The timeline over every mention of the text and every imported row (consolidated text events
    /// are left out: their mentions are already there, each with its own article).
    func controlTimeline(claims: Bool) throws -> ControlTimeline {
        try session.extractEvents()
        let c = try session.corpus()
        var sideCache: [String: String?] = [:]
        let sideOf: (String) -> String? = { name in
            if let s = sideCache[name] { return s }
            let s = (c.actors.actor(id: name) ?? c.actors.lookup(name))?.side
            sideCache[name] = s
            return s
        }
        var evidence: [ControlEvidence] = []
        let mentions = session.mentions
        for r in 0..<mentions.count {
            if let e = ControlEvidence.from(store: mentions, storeID: 1, row: r, text: { self.session.extracted(store: 1, row: $0).mention?.evidence }) {
                evidence.append(e)
            }
        }
        let events = session.events
        for r in 0..<events.count {
            guard case .imported = events.origin(r), let e = ControlEvidence.from(store: events, storeID: 0, row: r) else { continue }
            evidence.append(e)
        }
        return ControlTimeline(evidence: evidence, options: .init(claims: claims), sideOf: sideOf)
    }

    func defineControl() {
        let section = "Control of places"
        registry.add(APIEntry("control", section: section,
                              params: [.init("place", "string|Place", "a place; omit (or nil) for every place with a change", optional: true),
                                       .init("opts", "table", "`claims` (count claimed evidence too, weighed below assertions)", optional: true)],
                              returns: "List",
                              summary: "The changes of control at a place, in time order, from every kind of evidence (captures, withdrawals of the holder, entries as lower bounds, imported ACLED rows, claims, denials): place, from, to, from_side, to_side, earliest, latest, best, days, strength, sources, modality, conflicts, evidence (event ids), articles, note, latitude, longitude, and items (each piece of evidence: id, kind, modality, date_min, date_max, role, articles, event). Rows write to CSV with csv.write and to GeoJSON with geojson.write. See docs/advance.md.",
                              example: #"for _, c in ipairs(control("Hama")) do print(c.best, c.earliest, c.latest, c.to, c.strength) end"#) { [unowned self] call in
            let opts = try self.options(call, 2, valid: ["claims"], function: "control")
            let placeID: Int? = call.isNoneOrNil(1) ? nil : try self.controlPlace(call, 1, function: "control")
            let timeline = try self.controlTimeline(claims: opts["claims"] == .boolean(true))
            let changes = placeID.map { timeline.changes(at: $0) } ?? timeline.all
            call.stack.newTable(array: changes.count)
            for (i, ch) in changes.enumerated() {
                try self.pushChange(call, ch)
                call.stack.setIndex(i + 1, in: -2)
            }
            try self.setListMetatable(call, fields: AnalystAPI.changeColumns)
            return 1
        })
        registry.add(APIEntry("held_by", section: section,
                              params: [.init("place", "string|Place", "a place"),
                                       .init("day", "string", "an ISO day, YYYY-MM-DD"),
                                       .init("opts", "table", "`claims` as in control()", optional: true)],
                              returns: "string?, boolean, table?",
                              summary: "Who held the place on that day: the side (or actor when its side is unknown) that took it in the last change completed by then; `certain` is false when the day falls inside a change's interval (then the taker from the change's best day on) or before the first known change (then its former holder). Also returns that change (a row as from control()), or nil.",
                              example: #"print(held_by("Hama", "2024-12-10"))"#) { [unowned self] call in
            let placeID = try self.controlPlace(call, 1, function: "held_by")
            let text = try call.string(2)
            guard let day = Day(iso: text) else { throw LuaArgumentError(2, "not a day (YYYY-MM-DD): '\(text)'") }
            let opts = try self.options(call, 3, valid: ["claims"], function: "held_by")
            let timeline = try self.controlTimeline(claims: opts["claims"] == .boolean(true))
            let h = timeline.holder(at: placeID, on: day)
            call.push(h.side ?? h.holder)
            call.push(h.certain)
            if let c = h.change { try self.pushChange(call, c) } else { call.stack.pushNil() }
            return 3
        })
    }

    func controlPlace(_ call: LuaCall, _ i: Int32, function: String) throws -> Int {
        let p = try point(call, i, function: function)
        guard let place = p.place else { throw LuaArgumentError(i, "a place of the gazetteer expected") }
        return place.id
    }

    func pushChange(_ call: LuaCall, _ ch: ControlTimeline.Change) throws {
        let s = call.stack
        let place = try session.corpus().gazetteer.place(id: ch.placeID)
        s.newTable(hash: 20)
        func set(_ k: String, _ v: LuaValue) { s.push(v); s.setField(k, in: -2) }
        func str(_ x: String?) -> LuaValue { x.map { .str($0) } ?? .nil }
        set("place", str(place?.name))
        set("from", str(ch.fromHolder.map(actorName)))
        set("to", str(ch.toHolder.map(actorName)))
        set("from_side", str(ch.fromSide))
        set("to_side", str(ch.toSide))
        set("earliest", .str(ch.earliest.iso))
        set("latest", .str(ch.latest.iso))
        set("best", .str(ch.best.iso))
        set("days", .integer(Int64(ch.interval.days)))
        set("strength", .number(ch.strength))
        set("sources", .integer(Int64(ch.sources)))
        set("modality", .str(ch.modality.rawValue))
        set("conflicts", .integer(Int64(ch.conflicts)))
        let agreeing = ch.agreeing
        set("evidence", .str(agreeing.map(\.eventID).joined(separator: ";")))
        var articles: [String] = []
        for a in agreeing.flatMap(\.sources) where !articles.contains(a) { articles.append(a) }
        set("articles", .str(articles.joined(separator: ";")))
        set("note", .str(ch.notes.joined(separator: "; ")))
        set("latitude", place.map { .number($0.latitude) } ?? .nil)
        set("longitude", place.map { .number($0.longitude) } ?? .nil)
        s.newTable(array: ch.items.count)
        for (i, item) in ch.items.enumerated() {
            let e = item.evidence
            s.newTable(hash: 8)
            set("id", .str(e.eventID))
            set("kind", .str(e.kind.rawValue))
            set("modality", .str(e.modality.rawValue))
            set("date_min", .str(e.window.first.iso))
            set("date_max", .str(e.window.last.iso))
            set("role", .str(item.role.rawValue))
            set("articles", .str(e.sources.joined(separator: ";")))
            pushEvent(call, store: e.store, row: Int32(e.row))
            s.setField("event", in: -2)
            s.setIndex(i + 1, in: -2)
        }
        try setListMetatable(call)
        s.setField("items", in: -2)
    }

    /// An actor's display name when it is in the dictionary, else the name as stored.
    func actorName(_ stored: String) -> String {
        (try? session.corpus().actors.actor(id: stored)?.name) ?? stored
    }
}
