import AnalystCore
import AnalystImport
import CLua
import LuaKit

extension AnalystAPI {
    func store(_ h: EventHandle) throws -> EventStore {
        try checkGeneration(h.generation)
        return session.store(h.store)
    }

    func defineEvents() {
        let t = eventType
        t.validate = { [unowned self] h in try self.checkGeneration(h.generation) }
        func col(_ h: EventHandle) throws -> (EventStore, Int) { (try store(h), Int(h.row)) }
        func ext(_ h: EventHandle) -> (event: Event?, mention: EventMention?) { session.extracted(store: h.store, row: Int(h.row)) }
        t.field("id", "string", "stable id (from article id and text span, or the imported file's id)") { h, c in
            let (s, r) = try col(h); c.push(s.id(r))
        }
        t.field("type", "string", "offensive, reach, capture, withdrawal, clash, airstrike, shelling, casualties, displacement, prisoner_release, or other (an imported row with no armed-conflict type: see event_type)") { h, c in
            let (s, r) = try col(h); c.push(s.type(r).rawValue)
        }
        t.field("date", "string?", "best single day (ISO)") { h, c in let (s, r) = try col(h); c.push(s.date(r)?.iso) }
        t.field("date_min", "string?", "earliest possible day") { h, c in let (s, r) = try col(h); c.push(s.dates(r)?.first.iso) }
        t.field("date_max", "string?", "latest possible day") { h, c in let (s, r) = try col(h); c.push(s.dates(r)?.last.iso) }
        t.field("time_precision", "integer?", "ACLED: 1 day known, 2 within a week, 3 only the month") { h, c in
            let (s, r) = try col(h); c.push(s.timePrecisionOf(r))
        }
        t.field("place", "Place?", "where") { [unowned self] h, c in
            let (s, r) = try col(h)
            // The row's own store's place (a mention's place is in the mentions store).
            guard let ref = s.place(r) else { c.pushNil(); return }
            if ref.inGazetteer, let p = try self.session.corpus().gazetteer.place(id: ref.id) {
                try self.pushPlace(c, p)
            } else {
                let i = self.session.events.internPlace(ref)   // ad-hoc places are served from the events store
                self.placeType.push(c.stack, PlaceHandle(source: 1, index: i, generation: self.session.generation))
            }
        }
        t.field("place_name", "string?", "the place's name") { h, c in let (s, r) = try col(h); c.push(s.place(r)?.name) }
        t.field("place_id", "integer?", "GeoNames id of the place") { h, c in let (s, r) = try col(h); c.push(s.place(r)?.id) }
        t.field("latitude", "number?", "of the place") { h, c in let (s, r) = try col(h); c.push(s.place(r)?.latitude) }
        t.field("longitude", "number?", "of the place") { h, c in let (s, r) = try col(h); c.push(s.place(r)?.longitude) }
        t.field("admin1", "string?", "province of the place") { h, c in let (s, r) = try col(h); c.push(s.place(r)?.admin1) }
        t.field("country", "string?", "country of the place") { h, c in let (s, r) = try col(h); c.push(s.place(r)?.country) }
        t.field("geo_precision", "integer", "ACLED: 1 the town, 2 near it or part of a region, 3 a province or larger") { h, c in
            let (s, r) = try col(h); c.push(Int(s.geoPrecision[r]))
        }
        t.field("actor", "Actor|string|nil", "who acted (an Actor when in the dictionary, imported names included when linked)") { [unowned self] h, c in
            let (s, r) = try col(h); try self.pushEventActor(c, h.store, s, s.actor1[r])
        }
        t.field("actor2", "Actor|string|nil", "the other party") { [unowned self] h, c in
            let (s, r) = try col(h); try self.pushEventActor(c, h.store, s, s.actor2[r])
        }
        t.field("actor_name", "string?", "who acted, as the source names it (an imported file's name, or the dictionary's)") { [unowned self] h, c in
            let (s, r) = try col(h); c.push(s.string(s.actor1[r]).map(self.actorName))
        }
        t.field("actor2_name", "string?", "the other party, as the source names it") { [unowned self] h, c in
            let (s, r) = try col(h); c.push(s.string(s.actor2[r]).map(self.actorName))
        }
        t.field("fatalities", "integer?", "lowest stated number killed") { h, c in let (s, r) = try col(h); c.push(s.int(s.fatalities[r])) }
        t.field("count", "integer?", "people displaced, prisoners released, ...") { h, c in let (s, r) = try col(h); c.push(s.int(s.counts[r])) }
        t.field("modality", "string", "asserted, claimed or denied") { h, c in let (s, r) = try col(h); c.push(s.modalityOf(r).rawValue) }
        t.field("claimed_by", "string?", "who claims it (when claimed)") { h, c in
            let (s, r) = try col(h); c.push(ext(h).mention?.claimedBy ?? s.claimedBy(r))
        }
        t.field("denied_by", "string?", "who denies it (when denied)") { h, c in
            let (s, r) = try col(h); c.push(ext(h).mention?.deniedBy ?? s.deniedBy(r))
        }
        t.field("confidence", "number", "0..1, see docs/extraction.md") { h, c in
            let (s, r) = try col(h); c.push((Double(s.confidence[r]) * 1000).rounded() / 1000)
        }
        t.field("corroboration", "integer", "number of distinct articles that report it") { h, c in
            let (s, r) = try col(h); c.push(Int(s.corroboration[r]))
        }
        t.field("conflict", "boolean", "true when the sources' dates disagree") { h, c in let (s, r) = try col(h); c.push(s.conflict[r]) }
        t.field("sources", "List", "who reports it, one shape for text and data: {name, id, article} for an article (name and id: the article id), {name, id, file, line} for a dataset row (name: the source the row cites, id: file:line)") { [unowned self] h, c in
            let (s, r) = try col(h)
            try self.pushSources(c, s, r)
        }
        t.field("article", "string?", "id of the (first) article that reports it (nil for imported rows)") { h, c in
            let (s, r) = try col(h)
            if case .imported = s.origin(r) { c.pushNil() } else { c.push(s.sources(r).first) }
        }
        t.field("file", "string?", "the file an imported row comes from") { h, c in
            let (s, r) = try col(h)
            if case .imported(let f, _) = s.origin(r) { c.push(s.importedFiles[Int(f)]) } else { c.pushNil() }
        }
        t.field("line", "integer?", "the line where an imported row starts in its file") { h, c in
            let (s, r) = try col(h)
            if case .imported(_, let l) = s.origin(r) { c.push(Int(l)) } else { c.pushNil() }
        }
        t.field("language", "string?", "language of the evidence") { h, c in let (s, r) = try col(h); c.push(s.string(s.language[r])) }
        t.field("evidence", "string?", "the sentence that reports it (the first source's)") { h, c in c.push(ext(h).mention?.evidence) }
        t.field("evidence_start", "integer?", "byte offset of the sentence in the article body (0-based)") { h, c in
            c.push(ext(h).mention?.evidenceRange.lowerBound)
        }
        t.field("evidence_end", "integer?", "byte offset just past the sentence") { h, c in c.push(ext(h).mention?.evidenceRange.upperBound) }
        t.field("rule", "string?", "the lexicon entry that fired") { h, c in c.push(ext(h).mention?.rule) }
        t.field("mentions", "EventList", "every mention behind a consolidated event") { [unowned self] h, c in
            let rows: [Int32]
            if let e = ext(h).event {
                rows = e.mentions.compactMap { self.session.mentions.row(withID: $0.id).map(Int32.init) }
            } else if h.store == 1 {
                rows = [h.row]
            } else if case .imported = try self.store(h).origin(Int(h.row)) {
                rows = [-h.row - 1]   // an imported row is its own mention (EventListBox)
            } else {
                rows = []
            }
            self.pushEventList(c, EventListBox(store: 1, rows: rows, generation: self.session.generation))
        }
        t.field("original_type", "string?", "event_type / sub_event_type of an imported row") { h, c in
            let (s, r) = try col(h); c.push(s.string(s.originalType[r]))
        }
        t.field("notes", "string?", "notes of an imported row") { h, c in let (s, r) = try col(h); c.push(s.string(s.notes[r])) }
        for (name, doc) in AnalystAPI.importedFields {
            t.field(name, "string?", doc) { h, c in let (s, r) = try col(h); c.push(s.extra(name, r)) }
        }
        t.field("extra", "table", "every column an import kept for the row (ACLED admin2, assoc_actor_1, tags, ...; GDELT event_code, goldstein, ...), by name") { h, c in
            let (s, r) = try col(h)
            c.push(.table(s.extraColumns.keys.sorted().compactMap { k in s.extra(k, r).map { LuaPair(.str(k), .str($0)) } }))
        }
        t.describe = { [unowned self] h in
            let s = try self.store(h), r = Int(h.row)
            return "Event(\(s.type(r).rawValue) \(s.place(r)?.name ?? "?") \(s.dates(r)?.description ?? "undated"))"
        }
    }

    /// Imported classification fields, filterable in events{} (docs/import.md).
    static let importedFields: [(String, String)] = [
        ("event_type", "ACLED event_type (`Battles`, `Protests`, ...) of an imported row"),
        ("sub_event_type", "ACLED sub_event_type (`Armed clash`, `Peaceful protest`, ...)"),
        ("disorder_type", "ACLED disorder_type (current layout)"),
        ("inter1", "ACLED inter code of actor1 as text (`Rebel group`; numeric codes of the old layout read as text)"),
        ("inter2", "ACLED inter code of actor2 as text"),
        ("event_code", "GDELT CAMEO event code, leading zeros kept (`042`, `1951`)"),
        ("event_root_code", "GDELT CAMEO root code (`19`)"),
    ]

    /// An event's actor: the dictionary Actor when the row names one (directly or through an
    /// imported name linked at import), else the name as a string.
    func pushEventActor(_ call: LuaCall, _ storeID: Int32, _ s: EventStore, _ v: Int32) throws {
        guard v >= 0 else { call.pushNil(); return }
        if let id = session.dictionaryActorID(store: storeID, value: v) { try pushActor(call, id) } else { call.push(s.strings[v]) }
    }

    /// `e.sources`: one table per source, the same shape for text and imported rows.
    func pushSources(_ c: LuaCall, _ s: EventStore, _ r: Int) throws {
        let names = s.sources(r)
        c.stack.newTable(array: max(1, names.count))
        if case .imported(let f, let l) = s.origin(r) {
            let file = s.importedFiles[Int(f)]
            for (i, name) in names.enumerated() {
                c.push(.table([LuaPair("name", .str(name)), LuaPair("id", .str("\(file):\(l)")),
                               LuaPair("file", .str(file)), LuaPair("line", .integer(Int64(l)))]))
                c.stack.setIndex(i + 1, in: -2)
            }
        } else {
            for (i, id) in names.enumerated() {
                c.stack.newTable(hash: 3)
                c.push(id); c.stack.setField("name", in: -2)
                c.push(id); c.stack.setField("id", in: -2)
                try pushArticle(c, id); c.stack.setField("article", in: -2)
                c.stack.setIndex(i + 1, in: -2)
            }
        }
        try setListMetatable(c)
    }

    func pushEvent(_ call: LuaCall, store: Int32, row: Int32) {
        eventType.push(call.stack, EventHandle(store: store, row: row, generation: session.generation))
    }

    // MARK: events{...}

    static let queryKeys = ["type", "from", "to", "place", "within_km", "admin1", "country", "actor", "side",
                            "article", "language", "modality", "min_confidence", "consolidated"]
                            + importedFields.map(\.0)

    func defineQueries() {
        registry.add(APIEntry("events", section: "Events",
                              params: [.init("filter", "table", "any of: " + AnalystAPI.queryKeys.joined(separator: ", "), optional: true)],
                              returns: "EventList",
                              summary: "Events matching every condition given: `type` (one or a list), `from`/`to` (ISO dates; events whose interval overlaps), `place` (name or Place; with `within_km`), `admin1`, `country`, `actor`, `side`, `article`, `language`, `modality`, `min_confidence`, `consolidated` (true: one row per happening; false: every mention; an imported row is in both, as its own mention), and on imported rows ACLED's and GDELT's own classification: `event_type`, `sub_event_type`, `disorder_type`, `inter1`, `inter2` (text or ACLED's number), `event_code`, `event_root_code` (case-insensitive; one value or a list). `place` also takes a name only an imported file uses (`Saraqab`); `actor` and `side` match imported names linked to the actor dictionary (docs/import.md). The list is in date order (best day, else earliest; undated last).",
                              example: #"local caps = events{type = "capture", from = "2024-11-27", to = "2024-12-08"} print(#caps)"#) { [unowned self] call in
            let filter = try self.options(call, 1, valid: AnalystAPI.queryKeys, function: "events")
            try self.session.extractEvents()
            let (query, storeID) = try self.query(from: filter, argument: 1, call: call)
            let rows = self.selectInDateOrder(query, view: storeID)
            self.pushEventList(call, EventListBox(store: storeID, rows: rows, generation: self.session.generation))
            return 1
        })
    }

    /// Builds an EventQuery from an events{} table; errors blame argument `argument`.
    func query(from filter: LuaValue, argument: Int32, call: LuaCall) throws -> (EventQuery, Int32) {
        var q = EventQuery()
        func bad(_ msg: String) -> LuaArgumentError { LuaArgumentError(argument, msg) }
        func strings(_ key: String) throws -> [String]? {
            switch filter[key] {
            case .nil: return nil
            case .string(let s): return [s.description]
            case .integer(let i): return [String(i)]
            case .array(let items):
                return try items.map { guard let s = $0.stringValue else { throw bad("'\(key)' must be a string or a list of strings") }; return s }
            default: throw bad("'\(key)' must be a string or a list of strings")
            }
        }
        func day(_ key: String) throws -> Day? {
            guard let s = try strings(key)?.first else { return nil }
            guard let d = Day(iso: s) else { throw bad("'\(key)' must be an ISO date like 2024-11-27, got '\(s)'") }
            return d
        }
        if let types = try strings("type") {
            q.types = Set(try types.map { name in
                guard let t = EventType(rawValue: name) else {
                    throw bad("unknown event type '\(name)' (valid: \(EventType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return t
            })
        }
        q.from = try day("from")
        q.to = try day("to")
        let c = try session.corpus()
        var placeArg: Place? = nil
        if call.stack.type(at: argument) == LUA_TTABLE {
            rawField(call, argument, "place")
            if let h = placeType.test(call, -1) {
                placeArg = try gazetteerPlace(h)
                if placeArg == nil { throw bad("'place' must be a gazetteer place") }
            }
            call.stack.pop()
        }
        var placeIDsFromImports: Set<Int>? = nil
        if placeArg == nil, !filter["place"].isNil {
            guard let name = filter["place"].stringValue else { throw bad("'place' must be a place name or a Place") }
            do {
                placeArg = try resolvePlace(name)
            } catch {
                // A name only an imported file uses (`Saraqab` for Saraqib), or an unlinked place's.
                let ids = importedPlaceIDs(named: name)
                if ids.isEmpty { throw error }
                placeIDsFromImports = ids
            }
        }
        if let ids = placeIDsFromImports { q.placeIDs = ids }
        if let given = placeArg {
            let p = given
            if let km = number(filter["within_km"]) {
                q.near = (p.latitude, p.longitude, km)
            } else if p.kind == .province {
                q.admin1 = p.admin1 ?? p.name
                q.country = session.countryName(p.countryCode)
            } else if p.kind == .country {
                q.country = p.name
            } else {
                q.placeIDs = [p.id]
            }
        } else if !filter["within_km"].isNil {
            throw bad("'within_km' needs 'place'")
        }
        if let a = try strings("admin1")?.first { q.admin1 = a }
        if let a = try strings("country")?.first { q.country = a }
        // Actors as dictionary ids (text events) plus every imported name linked to them.
        var actorIDs: Set<String>? = nil
        var plainNames: Set<String> = []
        if let names = try strings("actor") {
            var ids = Set<String>()
            for n in names {
                if let a = c.actors.lookup(n) { ids.insert(a.id) } else { plainNames.insert(n) }
            }
            actorIDs = ids
        }
        if let sides = try strings("side") {
            let ids = Set(c.actors.actors.filter { a in a.side.map { sides.contains($0) } ?? false }.map(\.id))
            actorIDs = actorIDs.map { $0.intersection(ids) } ?? ids
            plainNames = []
        }
        if let ids = actorIDs {
            var names = ids.union(plainNames)
            let store = session.events
            for (v, id) in store.actorLinks where ids.contains(id) { names.insert(store.strings[v]) }
            q.actors = names
        }
        for (key, _) in AnalystAPI.importedFields {
            guard var values = try strings(key) else { continue }
            if key == "inter1" || key == "inter2" {
                // Old-layout numeric codes: inter1 = 2 means "Rebel group".
                values = values.map { v in Int(v).flatMap { (1...8).contains($0) ? ImportCodes.interLabels[$0] : nil } ?? v }
            }
            q.extraValues[key] = Set(values)
        }
        q.article = try strings("article")?.first
        q.language = try strings("language")?.first
        if let ms = try strings("modality") {
            q.modalities = Set(try ms.map { m in
                guard let v = Modality(rawValue: m) else { throw bad("unknown modality '\(m)' (valid: asserted, claimed, denied)") }
                return v
            })
        }
        q.minConfidence = number(filter["min_confidence"])
        var storeID: Int32 = 0
        if case .boolean(let consolidated) = filter["consolidated"], !consolidated { storeID = 1 }
        return (q, storeID)
    }

    /// Gazetteer ids of places linked from an imported place of this name, and ids of ad-hoc
    /// places of this name.
    func importedPlaceIDs(named name: String) -> Set<Int> {
        let f = NameFolding.fold(name)
        var ids = session.events.importedPlaceNames[f] ?? []
        for p in session.events.places where !p.inGazetteer && NameFolding.fold(p.name) == f { ids.insert(p.id) }
        return ids
    }
}
