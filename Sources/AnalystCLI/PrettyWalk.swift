import CLua
import CLuaSupport
import LuaKit

/// A Lua value as the shell will show it, copied out of the state by `PrettyWalk`.
indirect enum Shown {
    enum Kind { case number, string, boolean, `nil`, other }
    /// A number, string, boolean or nil, as `tostring` writes it.
    case scalar(String, Kind)
    /// A function, thread or userdata that is neither list- nor record-like: its `tostring`.
    case opaque(String)
    /// An array-like table or list-like userdata. `total` counts items not walked (row limit).
    /// `columns`: the list's own choice of columns (its metatable's `__columns`, or `__fields` for a
    /// plain table list), shown in that order and alone.
    case list(type: String?, items: [Shown], total: Int, columns: [String]?)
    /// A table with keys, or a record-like userdata. `label` is its `__tostring`, if it has one.
    case record(type: String?, fields: [(key: String, value: Shown)], label: String?)
    /// Not walked: a cycle, too deep, or a metamethod failed.
    case cut(String)

    var isScalarLike: Bool {
        switch self {
        case .scalar, .opaque, .cut: return true
        default: return false
        }
    }
}

/// Walks a Lua value into `Shown` without ever raising through Swift: every metamethod (`__len`,
/// `__index`, `__pairs`, `__tostring`) runs through a protected helper, failures become `.cut`.
/// Cycles and nesting past `maxDepth` are cut, lists stop after `itemLimit` items.
///
/// The convention for userdata from the analyst API (the API's types follow it):
/// - list-like: the metatable has `__len` and `__index` answers integer keys 1...#v;
/// - record-like: the metatable has `__pairs` yielding (field, value) in a stable order, and/or a
///   `__fields` array of field names read through `__index`;
/// - `__name` names the type (shown in headers), `__tostring` gives its one-line form (used
///   when the value sits in a table cell).
/// Tables follow the same rules: a `__fields` array in a table's metatable orders its columns.
struct PrettyWalk {
    let L: OpaquePointer
    var maxDepth = 3
    var itemLimit = 40
    var fieldLimit = 200
    private var path: Set<UnsafeRawPointer> = []

    init(_ L: OpaquePointer, itemLimit: Int = 40, maxDepth: Int = 3) {
        self.L = L
        self.itemLimit = itemLimit
        self.maxDepth = maxDepth
    }

    private var stack: LuaStack { LuaStack(L) }

    /// The value at `index` (left in place).
    mutating func walk(_ index: Int32) -> Shown {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        return value(lua_absindex(L, index), depth: 0)
    }

    private func tostring(_ i: Int32) -> String {
        if lk_ptostring(L, i) != LUA_OK {
            defer { stack.pop() }
            return "<error in __tostring: \(stack.string(at: -1) ?? "?")>"
        }
        defer { stack.pop() }
        return stack.string(at: -1) ?? "?"
    }

    private mutating func value(_ i: Int32, depth: Int) -> Shown {
        guard lua_checkstack(L, 12) != 0 else { return .cut("{…}") }
        switch lua_type(L, i) {
        case LUA_TNIL, LUA_TNONE: return .scalar("nil", .nil)
        case LUA_TBOOLEAN: return .scalar(lua_toboolean(L, i) != 0 ? "true" : "false", .boolean)
        case LUA_TNUMBER: return .scalar(tostring(i), .number)
        case LUA_TSTRING: return .scalar(stack.string(at: i) ?? "", .string)
        case LUA_TTABLE, LUA_TUSERDATA: break
        default: return .opaque(tostring(i))
        }
        guard let p = lua_topointer(L, i) else { return .opaque(tostring(i)) }
        if path.contains(p) { return .cut("<cycle>") }
        if depth > maxDepth { return .cut(lua_type(L, i) == LUA_TTABLE ? "{…}" : tostring(i)) }
        path.insert(p)
        defer { path.remove(p) }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        let meta = Meta(L, i)
        if lua_type(L, i) == LUA_TTABLE && !meta.hasPairs {
            return table(i, meta: meta, depth: depth)
        }
        if meta.hasLen && lua_type(L, i) == LUA_TUSERDATA { return userdataList(i, meta: meta, depth: depth) }
        if meta.hasPairs { return pairsRecord(i, meta: meta, depth: depth) }
        if let fields = meta.fields { return fieldsRecord(i, fields: fields, meta: meta, depth: depth) }
        return .opaque(tostring(i))
    }

    /// What the metatable of the value at `i` says about it.
    private struct Meta {
        /// The strings of array `key` of the metatable on top (raw access), nil if it has none.
        static func names(_ L: OpaquePointer, _ key: String) -> [String]? {
            let s = LuaStack(L)
            s.push(key)
            defer { s.pop() }
            guard lua_rawget(L, -2) == LUA_TTABLE else { return nil }
            var names: [String] = []
            let n = lua_rawlen(L, -1)
            var k: lua_Integer = 1
            while k <= lua_Integer(n) && names.count < 500 {
                if lua_rawgeti(L, -1, k) == LUA_TSTRING, let f = s.string(at: -1) { names.append(f) }
                s.pop()
                k += 1
            }
            return names
        }

        var name: String?
        var hasLen = false, hasPairs = false, hasToString = false
        var fields: [String]?
        var columns: [String]?

        init(_ L: OpaquePointer, _ i: Int32) {
            guard lua_getmetatable(L, i) != 0 else { return }
            let s = LuaStack(L)
            if clua_rawgetfield(L, -1, "__name") == LUA_TSTRING { name = s.string(at: -1) }
            s.pop()
            for (key, flag) in [("__len", 0), ("__pairs", 1), ("__tostring", 2)] {
                s.push(key)
                let present = lua_rawget(L, -2) != LUA_TNIL
                s.pop()
                switch flag { case 0: hasLen = present; case 1: hasPairs = present; default: hasToString = present }
            }
            fields = Meta.names(L, "__fields")
            columns = Meta.names(L, "__columns")
            s.pop()
        }
    }

    private mutating func table(_ t: Int32, meta: Meta, depth: Int) -> Shown {
        // Raw keys, ordered: 1...n, then the metatable's __fields, then strings, then the rest.
        var intKeys: [lua_Integer] = []
        var stringKeys: [String] = []
        var otherCount = 0
        lua_pushnil(L)
        var more: Int32 = 0
        while lk_pnext(L, t, &more) == LUA_OK && more != 0 {
            switch lua_type(L, -2) {
            case LUA_TNUMBER where lua_isinteger(L, -2) != 0: intKeys.append(lua_tointegerx(L, -2, nil))
            case LUA_TSTRING: if let s = stack.string(at: -2) { stringKeys.append(s) }
            default: otherCount += 1
            }
            stack.pop()   // keep the key for the next step
            if intKeys.count + stringKeys.count > 100_000 { stack.pop(); break }
        }
        let n = Int(lua_rawlen(L, t))
        let isList = stringKeys.isEmpty && otherCount == 0 && intKeys.count == n
        if isList {
            var items: [Shown] = []
            for k in 0..<min(n, itemLimit) {
                lua_rawgeti(L, t, lua_Integer(k + 1))
                items.append(value(lua_gettop(L), depth: depth + 1))
                stack.pop()
            }
            return .list(type: meta.name, items: items, total: n, columns: meta.columns ?? meta.fields)
        }
        var fields: [(String, Shown)] = []
        let inSequence = intKeys.filter { $0 >= 1 && $0 <= n }.sorted()
        for k in inSequence where fields.count < fieldLimit {
            lua_rawgeti(L, t, k)
            fields.append(("[\(k)]", value(lua_gettop(L), depth: depth + 1)))
            stack.pop()
        }
        let ordered = orderedKeys(stringKeys, preferred: meta.fields ?? [])
        for key in ordered where fields.count < fieldLimit {
            stack.push(key)
            lua_rawget(L, t)
            fields.append((key, value(lua_gettop(L), depth: depth + 1)))
            stack.pop()
        }
        let rest = intKeys.filter { $0 < 1 || $0 > n }.sorted()
        for k in rest where fields.count < fieldLimit {
            lua_rawgeti(L, t, k)
            fields.append(("[\(k)]", value(lua_gettop(L), depth: depth + 1)))
            stack.pop()
        }
        if otherCount > 0 { fields.append(("…", .cut("\(otherCount) more keys of other types"))) }
        return .record(type: meta.name, fields: fields, label: meta.hasToString ? tostring(t) : nil)
    }

    private func orderedKeys(_ keys: [String], preferred: [String]) -> [String] {
        let present = Set(keys)
        let first = preferred.filter { present.contains($0) }
        let firstSet = Set(first)
        return first + keys.filter { !firstSet.contains($0) }.sorted()
    }

    private mutating func userdataList(_ u: Int32, meta: Meta, depth: Int) -> Shown {
        var n: lua_Integer = 0
        guard lk_plen(L, u, &n) == LUA_OK else { return failure() }
        var items: [Shown] = []
        var k: lua_Integer = 1
        while k <= n && items.count < itemLimit {
            lua_pushinteger(L, k)
            guard lk_pgettable(L, u) == LUA_OK else { return failure() }
            items.append(value(lua_gettop(L), depth: depth + 1))
            stack.pop()
            k += 1
        }
        return .list(type: meta.name, items: items, total: Int(n), columns: meta.columns)
    }

    private mutating func pairsRecord(_ u: Int32, meta: Meta, depth: Int) -> Shown {
        guard lk_pcallmeta_pairs(L, u) == LUA_OK else { return failure() }
        let f = lua_gettop(L) - 2
        var fields: [(String, Shown)] = []
        lua_pushvalue(L, f + 2)   // control variable
        while fields.count < fieldLimit {
            let control = lua_gettop(L)
            lua_pushvalue(L, f)
            lua_pushvalue(L, f + 1)
            lua_pushvalue(L, control)
            guard lk_pcall(L, 2, 2) == LUA_OK else { return failure() }
            if lua_type(L, -2) == LUA_TNIL { break }
            let key = lua_type(L, -2) == LUA_TSTRING ? (stack.string(at: -2) ?? "?") : "[\(tostring(lua_gettop(L) - 1))]"
            fields.append((key, value(lua_gettop(L), depth: depth + 1)))
            stack.pop()            // value; the key is the next control
            clua_remove(L, control)
        }
        return .record(type: meta.name, fields: fields, label: meta.hasToString ? tostring(u) : nil)
    }

    private mutating func fieldsRecord(_ u: Int32, fields names: [String], meta: Meta, depth: Int) -> Shown {
        var fields: [(String, Shown)] = []
        for name in names.prefix(fieldLimit) {
            stack.push(name)
            guard lk_pgettable(L, u) == LUA_OK else {
                fields.append((name, .cut("<error: \(stack.string(at: -1) ?? "?")>")))
                stack.pop()
                continue
            }
            fields.append((name, value(lua_gettop(L), depth: depth + 1)))
            stack.pop()
        }
        return .record(type: meta.name, fields: fields, label: meta.hasToString ? tostring(u) : nil)
    }

    /// The error message of a failed protected call (on top), as a cut.
    private func failure() -> Shown {
        let message = stack.string(at: -1) ?? "error"
        return .cut("<error: \(message)>")
    }
}
