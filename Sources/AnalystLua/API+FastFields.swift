import AnalystCore
import CEventIndex
import CLua
import LuaKit

/// Event fields read by closures over many events (`e.type`, `e.date`, `e.fatalities`, ...) are
/// served by a C __index straight from the store's columns; everything else, and every error,
/// still goes through the Swift __index (HandleType), which stays the one source of the rules.
extension AnalystAPI {
    static let fastFields: [(String, Int32)] = [
        ("type", Int32(CE_TYPE)), ("date", Int32(CE_DATE)), ("date_min", Int32(CE_DATE_MIN)),
        ("date_max", Int32(CE_DATE_MAX)), ("time_precision", Int32(CE_TIME_PRECISION)),
        ("geo_precision", Int32(CE_GEO_PRECISION)), ("fatalities", Int32(CE_FATALITIES)), ("count", Int32(CE_COUNT)),
        ("modality", Int32(CE_MODALITY)), ("confidence", Int32(CE_CONFIDENCE)), ("corroboration", Int32(CE_CORROBORATION)),
    ]

    /// Registry keys of the tables `ce_filter` reads for `filter(fn, fields)`.
    static let fastTableKeys = ["analyst.fast.types", "analyst.fast.modalities", "analyst.fast.days"]

    /// Puts the C __index in front of the Swift one on the Event metatable.
    func installFastEventFields(_ lua: LuaState) {
        let L = lua.L, s = lua.stack
        for (key, value) in zip(AnalystAPI.fastTableKeys, [LuaValue.array(EventType.allCases.map { .str($0.rawValue) }),
                                                             .array(Modality.allCases.map { .str($0.rawValue) }), .table([])]) {
            s.push(key); s.push(value)
            lua_rawset(L, clua_registryindex())
        }
        clua_rawgetfield(L, clua_registryindex(), eventType.name)            // mt
        s.push("__index"); lua_rawget(L, -2)                               // mt, swift __index
        s.push(.table(AnalystAPI.fastFields.map { LuaPair(.str($0.0), .integer(Int64($0.1))) }))
        lua_pushvalue(L, -3)                                               // the metatable itself
        s.push(.array(EventType.allCases.map { .str($0.rawValue) }))
        s.push(.array(Modality.allCases.map { .str($0.rawValue) }))
        fastColumns = ce_pushindex(L)                                      // mt, closure
        s.setField("__index", in: -2)
        s.pop()
        session.onStoresChanged = { [unowned self] in self.refreshFastColumns() }
        refreshFastColumns()
    }

    /// Points the C side at the current columns. Called after every change to the stores (they
    /// are only changed by the session: extraction, import, reload). The columns own their memory
    /// (`Column`): the addresses given to C are pinned, i.e. their storage is held here until the
    /// next refresh, so even a change that forgot to call this could not leave C a dangling pointer.
    func refreshFastColumns() {
        guard let cols = fastColumns else { return }
        cols.pointee.generation = session.generation
        var pins: [AnyObject] = []
        var shortest = Int.max
        func pin<T>(_ c: Column<T>) -> UnsafePointer<T> {
            let p = c.pinned()
            pins.append(p.owner)
            shortest = min(shortest, p.count)
            return p.base
        }
        for id in 0..<2 {
            let st = session.store(Int32(id))
            shortest = st.count
            var v = ce_store()
            v.types = pin(st.types)
            v.date_best = pin(st.dateBest)
            v.date_min = pin(st.dateMin)
            v.date_max = pin(st.dateMax)
            v.time_precision = pin(st.timePrecision)
            v.geo_precision = pin(st.geoPrecision)
            v.fatalities = pin(st.fatalities)
            v.counts = pin(st.counts)
            v.corroboration = pin(st.corroboration)
            v.modality = pin(st.modality)
            v.confidence = pin(st.confidence)
            // Every column must hold every row; a short one would be read past its end.
            v.count = Int64(shortest)
            withUnsafeMutablePointer(to: &cols.pointee.stores) { tuple in
                tuple.withMemoryRebound(to: ce_store.self, capacity: 2) { $0[id] = v }
            }
        }
        pinnedColumns = pins   // the previous pins are released only now
    }
}
