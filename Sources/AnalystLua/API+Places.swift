import AnalystCore
import CLua
import LuaKit

extension AnalystAPI {
    func gazetteerPlace(_ h: PlaceHandle) throws -> Place? {
        try checkGeneration(h.generation)
        return h.source == 0 ? try session.corpus().gazetteer.places[Int(h.index)] : nil
    }

    func definePlaces() {
        let t = placeType
        t.validate = { [unowned self] h in try self.checkGeneration(h.generation) }
        func gp(_ h: PlaceHandle) throws -> (Place?, EventStore.PlaceRef?) {
            if let p = try gazetteerPlace(h) { return (p, nil) }
            return (nil, session.events.places[Int(h.index)])
        }
        t.field("name", "string", "common English name (`Hama`)") { h, c in
            let (p, r) = try gp(h); c.push(p?.name ?? r?.name)
        }
        t.field("id", "integer", "GeoNames id (negative or synthetic for places not in GeoNames)") { h, c in
            let (p, r) = try gp(h); c.push(p?.id ?? r?.id)
        }
        t.field("kind", "string", "`city`, `province` or `country`") { h, c in
            let (p, _) = try gp(h); c.push(p?.kind.rawValue ?? "city")
        }
        t.field("lat", "number", "latitude, WGS84 degrees") { h, c in
            let (p, r) = try gp(h); c.push(p?.latitude ?? r?.latitude)
        }
        t.field("lon", "number", "longitude, WGS84 degrees") { h, c in
            let (p, r) = try gp(h); c.push(p?.longitude ?? r?.longitude)
        }
        t.field("admin1", "string?", "province (governorate) name") { h, c in
            let (p, r) = try gp(h); c.push(p?.admin1 ?? r?.admin1)
        }
        t.field("country", "string", "country name") { [unowned self] h, c in
            let (p, r) = try gp(h); c.push(p.map { self.session.countryName($0.countryCode) } ?? r?.country)
        }
        t.field("country_code", "string?", "ISO 3166-1 alpha-2 code") { h, c in
            let (p, _) = try gp(h); c.push(p?.countryCode)
        }
        t.field("population", "integer", "population (GeoNames)") { h, c in
            let (p, _) = try gp(h); c.push(p?.population ?? 0)
        }
        t.field("geonames_name", "string", "the name as GeoNames has it (`Ḩamāh`)") { h, c in
            let (p, r) = try gp(h); c.push(p?.geonamesName ?? r?.name)
        }
        t.field("aliases", "string[]", "every other name, any language or script") { h, c in
            let (p, _) = try gp(h); c.push(.array((p?.aliases ?? []).map { .str($0) }))
        }
        t.describe = { h in
            let (p, r) = try gp(h)
            return p?.name ?? r?.name ?? "?"
        }
        t.method(APIEntry("Place:distance", section: "Places, actors, articles",
                          params: [.init("self", "Place", ""), .init("other", "Place|string|table", "another place")],
                          returns: "number", summary: "Great-circle distance in km to another place.",
                          example: #"print(place("Aleppo"):distance("Hama"))"#) { [unowned self] call in
            let a = try self.point(call, 1, function: "distance"), b = try self.point(call, 2, function: "distance")
            call.push(Geo.distanceKm(lat1: a.lat, lon1: a.lon, lat2: b.lat, lon2: b.lon))
            return 1
        })

        registry.add(APIEntry("place", section: "Places, actors, articles",
                              params: [.init("name", "string", "a name in any language or script (`Alep`, `حلب`)")],
                              returns: "Place",
                              summary: "The gazetteer place with that name; an error suggesting the closest names if none.",
                              example: #"print(place("Damas").name, place("حلب").name, place("Idleb").name)"#) { [unowned self] call in
            let name = try call.string(1)
            try self.pushPlace(call, try self.resolvePlace(name))
            return 1
        })
        registry.add(APIEntry("places.search", section: "Places, actors, articles",
                              params: [.init("text", "string", "the start of a name, any language"),
                                       .init("limit", "integer", "most results (default 20)", optional: true)],
                              returns: "List", summary: "Places whose names start with `text`, best first.",
                              example: #"for _, p in ipairs(places.search("Ham")) do print(p.name, p.country) end"#) { [unowned self] call in
            let text = try call.string(1)
            let limit = Int(try call.optionalInteger(2) ?? 20)
            let found = try self.session.corpus().gazetteer.search(prefix: text, limit: max(0, limit))
            call.stack.newTable(array: found.count)
            for (i, p) in found.enumerated() {
                try self.pushPlace(call, p)
                call.stack.setIndex(i + 1, in: -2)
            }
            try self.setListMetatable(call)
            return 1
        })
    }

    func defineActors() {
        let t = actorType
        t.validate = { [unowned self] h in try self.checkGeneration(h.generation) }
        func actor(_ h: ActorHandle) throws -> Actor { try session.corpus().actors.actors[Int(h.index)] }
        t.field("id", "string", "stable id (`hts`)") { h, c in c.push(try actor(h).id) }
        t.field("name", "string", "canonical name") { h, c in c.push(try actor(h).name) }
        t.field("kind", "string", "state_forces, rebel_group, militia, foreign_state, international_organisation, monitor, civilians") { h, c in
            c.push(try actor(h).kind.rawValue)
        }
        t.field("side", "string?", "government, opposition, ... where it applies") { h, c in c.push(try actor(h).side) }
        t.field("aliases", "table", "names by language code") { h, c in
            let a = try actor(h)
            c.push(.table(a.aliases.sorted { $0.key < $1.key }.map { LuaPair(.str($0.key), .array($0.value.map { .str($0) })) }))
        }
        t.field("notes", "string?", "former names and remarks") { h, c in c.push(try actor(h).notes) }
        t.describe = { h in try actor(h).name }
        registry.add(APIEntry("actor", section: "Places, actors, articles",
                              params: [.init("name", "string", "any alias in any language (`HTS`, `quân đội Syria`)")],
                              returns: "Actor", summary: "The actor with that name or alias; an error if none.",
                              example: #"print(actor("Hayat Tahrir al-Sham").name, actor("OSDH").kind)"#) { [unowned self] call in
            let name = try call.string(1)
            let dict = try self.session.corpus().actors
            guard let a = dict.lookup(name), let i = dict.actors.firstIndex(where: { $0.id == a.id }) else {
                throw LuaRaise("no actor named '\(name)'")
            }
            self.actorType.push(call.stack, ActorHandle(index: Int32(i), generation: self.session.generation))
            return 1
        })
    }

    /// Pushes the actor stored under `name` (a dictionary id, or a free-text name from an import).
    func pushActor(_ call: LuaCall, _ name: String?) throws {
        guard let name else { call.pushNil(); return }
        let dict = try session.corpus().actors
        if let i = dict.actors.firstIndex(where: { $0.id == name }) {
            actorType.push(call.stack, ActorHandle(index: Int32(i), generation: session.generation))
        } else {
            call.push(name)
        }
    }

    func defineArticles() {
        let t = articleType
        t.validate = { [unowned self] h in try self.checkGeneration(h.generation) }
        func article(_ h: ArticleHandle) throws -> Article { try session.corpus().articles[Int(h.index)] }
        t.field("id", "string", "stable id") { h, c in c.push(try article(h).id) }
        t.field("title", "string?", "headline") { h, c in c.push(try article(h).title) }
        t.field("outlet", "string?", "publisher") { h, c in c.push(try article(h).outlet) }
        t.field("url", "string?", "address") { h, c in c.push(try article(h).url) }
        t.field("language", "string", "BCP 47 code") { h, c in c.push(try article(h).language) }
        t.field("published", "string?", "ISO date, or `first..last` when inferred") { h, c in
            c.push(try article(h).published?.description)
        }
        t.field("published_min", "string?", "earliest publication date") { h, c in c.push(try article(h).published?.first.iso) }
        t.field("published_max", "string?", "latest publication date") { h, c in c.push(try article(h).published?.last.iso) }
        t.field("translated_from", "string?", "language of the original") { h, c in c.push(try article(h).translatedFrom) }
        t.field("notes", "string?", "how the metadata was found") { h, c in c.push(try article(h).notes) }
        t.field("path", "string", "file it came from") { h, c in c.push(try article(h).path) }
        t.field("text", "string", "the body, byte-exact") { h, c in c.push(try article(h).text) }
        t.describe = { h in try article(h).id }

        registry.add(APIEntry("corpus.articles", section: "Places, actors, articles", returns: "List",
                              summary: "Every article of the corpus (a List of Article).",
                              example: #"print(#corpus.articles, corpus.articles[1].language)"#, isProperty: true) { [unowned self] call in
            let articles = try self.session.corpus().articles
            call.stack.newTable(array: articles.count)
            for i in articles.indices {
                self.articleType.push(call.stack, ArticleHandle(index: Int32(i), generation: self.session.generation))
                call.stack.setIndex(i + 1, in: -2)
            }
            try self.setListMetatable(call)
            return 1
        })
        registry.add(APIEntry("corpus.article", section: "Places, actors, articles",
                              params: [.init("id", "string", "article id")], returns: "Article?",
                              summary: "The article with that id, or nil.",
                              example: #"local a = corpus.articles[1] print(corpus.article(a.id).language)"#) { [unowned self] call in
            let id = try call.string(1)
            try self.pushArticle(call, id)
            return 1
        })
        registry.add(APIEntry("corpus.reload", section: "Places, actors, articles", returns: "nil",
                              summary: "Reads the corpus files again and re-extracts; older objects become invalid.",
                              example: #"corpus.reload() print(#corpus.articles)"#) { [unowned self] _ in
            do { try self.session.reload() } catch { throw LuaRaise("cannot reload the corpus: \(error)") }
            return 0
        })
        registry.add(APIEntry("corpus.summary", section: "Places, actors, articles", returns: "table",
                              summary: "Counts: articles, events, mentions, places, languages.",
                              example: #"local s = corpus.summary() print(s.articles, s.events, s.languages)"#) { [unowned self] call in
            try self.session.extractEvents()
            let c = try self.session.corpus()
            let langs = Set(c.articles.map(\.language)).sorted()
            call.push(.table([LuaPair("articles", .integer(Int64(c.articles.count))),
                              LuaPair("events", .integer(Int64(self.session.events.count))),
                              LuaPair("mentions", .integer(Int64(self.session.mentions.count))),
                              LuaPair("places", .integer(Int64(c.gazetteer.places.count))),
                              LuaPair("actors", .integer(Int64(c.actors.actors.count))),
                              LuaPair("languages", .str(langs.joined(separator: ","))),
                              LuaPair("directory", .str(c.directory))]))
            return 1
        })
    }

    func pushArticle(_ call: LuaCall, _ id: String) throws {
        let articles = try session.corpus().articles
        if let i = articles.firstIndex(where: { $0.id == id }) {
            articleType.push(call.stack, ArticleHandle(index: Int32(i), generation: session.generation))
        } else {
            call.pushNil()
        }
    }

    /// Gives the table on top the List metatable.
    func setListMetatable(_ call: LuaCall, fields: [String]? = nil) throws {
        let s = call.stack
        if let fields {
            s.newTable(hash: 4)
            clua_rawgetfield(call.L, clua_registryindex(), "analyst.List")
            s.setField("__index", in: -2)
            s.push("List"); s.setField("__name", in: -2)
            s.push(.array(fields.map { .str($0) })); s.setField("__fields", in: -2)
        } else {
            clua_rawgetfield(call.L, clua_registryindex(), "analyst.List")
            s.newTable(hash: 2)
            clua_insert(call.L, -2)
            s.setField("__index", in: -2)
            s.push("List"); s.setField("__name", in: -2)
        }
        lua_setmetatable(call.L, -2)
    }
}
