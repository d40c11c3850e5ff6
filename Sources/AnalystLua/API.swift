import AnalystCore
import CEventIndex
import CLua
import Foundation
import LuaKit

/// The analyst Lua API: binds the session (corpus, events) to a Lua state. Every function is an
/// APIEntry in `registry`; `install` puts them in the state as globals and methods.
public final class AnalystAPI {
    public let session: Session
    public let registry = APIRegistry()
    let placeType = HandleType<PlaceHandle>("Place", summary: "A place of the gazetteer (or of an imported file).")
    let actorType = HandleType<ActorHandle>("Actor", summary: "A party to the conflict or a source, from Corpus/actors.tsv.")
    let articleType = HandleType<ArticleHandle>("Article", summary: "One article of the corpus.")
    let eventType = HandleType<EventHandle>("Event", summary: "One event (consolidated across sources) or one mention.")
    static let eventListType = "EventList"
    /// The columns block read by the C __index of events (see API+FastFields.swift).
    var fastColumns: UnsafeMutablePointer<ce_columns>?
    /// The storages of the columns the C side reads by address (`Column.pinned`): held until the
    /// next refresh, so the addresses stay valid whatever the stores do meanwhile.
    var pinnedColumns: [AnyObject] = []
    /// Each store's rows in date order, for `events{}` (see API+EventListShape.swift).
    let dateOrder = DateOrderCache()
    /// Lua code run at install: the List type for plain lists (map results, advance legs, csv rows).
    static let prelude = PreludeSource.text

    public init(session: Session) {
        self.session = session
        definePlaces()
        defineActors()
        defineArticles()
        defineEvents()
        defineEventLists()
        defineEventListShapes()
        defineQueries()
        defineImport()
        defineGeometry()
        defineAdvance()
        defineControl()
        defineExport()
        definePlot()
        defineHelp()
        defineHelpTypes()
        for t in [placeType.apiType, actorType.apiType, articleType.apiType, eventType.apiType] { registry.addType(t) }
    }

    /// Installs the API into `lua`.
    public func install(into lua: LuaState) throws {
        try lua.run(Array(AnalystAPI.prelude.utf8), chunkName: "=analyst.prelude")
        placeType.install(lua)
        actorType.install(lua)
        articleType.install(lua)
        eventType.install(lua)
        installFastEventFields(lua)
        installEventListType(lua)
        let s = lua.stack
        for e in registry.entries where !e.isMethod {
            if let owner = e.owner {
                clua_rawgetglobal(lua.L, owner)
                if s.type(at: -1) != LUA_TTABLE {
                    s.pop()
                    s.newTable()
                    lua_pushvalue(lua.L, -1)
                    clua_rawsetglobal(lua.L, owner)
                }
                s.push(function: e.function)
                s.setField(e.shortName, in: -2)
                s.pop()
            } else {
                lua.register(e.name, e.function)
            }
        }
        try lua.run(Array(PreludeSource.after.utf8), chunkName: "=analyst.prelude")
        try indexFunctionsForHelp(lua)
        // Keep this object alive exactly as long as the state.
        s.push(object: self, typeName: "analyst.API")
        clua_rawsetfield(lua.L, clua_registryindex(), "analyst.API")
    }

    // MARK: shared argument helpers

    func checkGeneration(_ g: Int32) throws {
        if g != session.generation { throw LuaRaise("this object is from before corpus.reload(): query it again") }
    }

    /// A place argument: a name (any language), a Place, or a table {lat=, lon=}.
    func point(_ call: LuaCall, _ i: Int32, function: String) throws -> (name: String, lat: Double, lon: Double, place: Place?) {
        if let h = placeType.test(call, i) {
            try checkGeneration(h.generation)
            if h.source == 0 {
                let p = try session.corpus().gazetteer.places[Int(h.index)]
                return (p.name, p.latitude, p.longitude, p)
            }
            let p = session.events.places[Int(h.index)]
            return (p.name, p.latitude, p.longitude, nil)
        }
        switch call.stack.type(at: i) {
        case LUA_TSTRING:
            let p = try resolvePlace(try call.string(i))
            return (p.name, p.latitude, p.longitude, p)
        case LUA_TTABLE:
            let v = try call.value(i)
            guard let lat = number(v["lat"]) ?? number(v["latitude"]), let lon = number(v["lon"]) ?? number(v["longitude"]) else {
                throw LuaArgumentError(i, "table needs numeric fields lat and lon")
            }
            guard (-90...90).contains(lat), (-180...180).contains(lon) else {
                throw LuaArgumentError(i, "coordinates out of range (lat \(lat), lon \(lon))")
            }
            return (v["name"].stringValue ?? "(\(lat), \(lon))", lat, lon, nil)
        default:
            throw call.typeError(i, "string, Place or table")
        }
    }

    func number(_ v: LuaValue) -> Double? {
        switch v {
        case .integer(let i): return Double(i)
        case .number(let d): return d.isFinite ? d : nil
        default: return nil
        }
    }

    /// A gazetteer place by any of its names, or an error suggesting the closest names.
    func resolvePlace(_ name: String) throws -> Place {
        let g = try session.corpus().gazetteer
        if let p = g.lookup(name) { return p }
        let unique = placeSuggestions(for: name)   // ranked by similarity, then nearness (API+PlaceSuggestions)
        throw LuaRaise("no place named '\(name)'" + (unique.isEmpty ? "" : " (did you mean \(unique.joined(separator: ", "))?)"))
    }

    func pushPlace(_ call: LuaCall, _ p: Place) throws {
        let g = try session.corpus().gazetteer
        guard let i = g.places.firstIndex(where: { $0.id == p.id }) else { call.pushNil(); return }
        placeType.push(call.stack, PlaceHandle(source: 0, index: Int32(i), generation: session.generation))
    }

    /// Options table at `i` (nil or table), copied; unknown keys are an error listing the valid ones.
    func options(_ call: LuaCall, _ i: Int32, valid: [String], function: String) throws -> LuaValue {
        if call.isNoneOrNil(i) { return .table([]) }
        try call.checkTable(i)
        let v = try call.stack.value(at: i, lenient: true)
        if case .table(let pairs) = v {
            for p in pairs where !p.value.isNil || p.key.stringValue.map({ !valid.contains($0) }) ?? true {
                guard let k = p.key.stringValue, valid.contains(k) else {
                    throw LuaArgumentError(i, "unknown option '\(describeKey(p.key))' (valid: \(valid.joined(separator: ", ")))")
                }
            }
        } else if case .array(let items) = v, !items.isEmpty {
            throw LuaArgumentError(i, "options must be named (valid: \(valid.joined(separator: ", ")))")
        }
        return v
    }

    /// The raw value of field `key` of the table at `i` (no metamethods), left on the stack.
    func rawField(_ call: LuaCall, _ i: Int32, _ key: String) {
        let t = lua_absindex(call.L, i)
        call.push(key)
        lua_rawget(call.L, t)
    }

    func describeKey(_ v: LuaValue) -> String {
        switch v {
        case .string(let s): return s.description
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .boolean(let b): return String(b)
        default: return "?"
        }
    }
}
