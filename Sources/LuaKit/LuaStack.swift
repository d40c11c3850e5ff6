import CLua
import CLuaSupport

/// Typed access to a lua_State's stack. Every call here is safe from a Swift frame: nothing raises
/// (allocation failures are deferred by the allocator while Swift is on top; metamethods run through
/// protected helpers).
public struct LuaStack {
    public let L: OpaquePointer

    public init(_ L: OpaquePointer) { self.L = L }

    public var top: Int32 {
        get { lua_gettop(L) }
        nonmutating set { lua_settop(L, newValue) }
    }

    public func pop(_ n: Int32 = 1) { clua_pop(L, n) }
    public func type(at i: Int32) -> Int32 { lua_type(L, i) }
    public func typeName(at i: Int32) -> String { String(cString: clua_typename(L, i)) }

    // MARK: pushing

    public func push(_ value: LuaValue) {
        guard lua_checkstack(L, 4) != 0 else { return lua_pushnil(L) }   // only for absurd nesting
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): pushBytes(s.bytes)
        case .array(let items):
            lua_createtable(L, Int32(clamping: items.count), 0)
            for (i, item) in items.enumerated() {
                push(item)
                lua_rawseti(L, -2, lua_Integer(i + 1))
            }
        case .table(let pairs):
            lua_createtable(L, 0, Int32(clamping: pairs.count))
            for pair in pairs where !pair.key.isNil {
                push(pair.key)
                push(pair.value)
                lua_rawset(L, -3)
            }
        }
    }

    public func push(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    public func push(_ s: String?) { if let s { push(s) } else { lua_pushnil(L) } }
    public func push(_ i: Int) { lua_pushinteger(L, lua_Integer(i)) }
    public func push(_ i: Int?) { if let i { push(i) } else { lua_pushnil(L) } }
    public func push(_ d: Double) { lua_pushnumber(L, d) }
    public func push(_ d: Double?) { if let d { push(d) } else { lua_pushnil(L) } }
    public func push(_ b: Bool) { lua_pushboolean(L, b ? 1 : 0) }
    public func pushNil() { lua_pushnil(L) }

    public func pushBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    /// Pushes a Swift object as a full userdata with metatable `typeName` (see LuaState.defineType).
    /// The userdata keeps the object alive until Lua collects it.
    public func push(object: AnyObject, typeName: String) {
        lk_pushswiftobject(L, Unmanaged.passRetained(object).toOpaque(), typeName)
    }

    /// Pushes a Swift closure as a Lua function.
    public func push(function: @escaping HostFunction) {
        lk_pushswiftfunction(L, Unmanaged.passRetained(HostFunctionBox(function)).toOpaque())
    }

    /// Creates an empty table with room for `array` items and `hash` fields.
    public func newTable(array: Int = 0, hash: Int = 0) {
        lua_createtable(L, Int32(clamping: array), Int32(clamping: hash))
    }

    /// t[name] = value on top (raw set; pops the value). `t` is at `table`.
    public func setField(_ name: String, in table: Int32) {
        let t = lua_absindex(L, table)
        push(name)
        clua_insert(L, -2)
        lua_rawset(L, t)
    }

    /// t[i] = value on top (raw; pops the value).
    public func setIndex(_ i: Int, in table: Int32) {
        lua_rawseti(L, table, lua_Integer(i))
    }

    // MARK: reading

    public func isNoneOrNil(_ i: Int32) -> Bool { lua_type(L, i) <= 0 }

    public func bytes(at i: Int32) -> [UInt8]? {
        guard lua_type(L, i) == LUA_TSTRING else { return nil }
        var len = 0
        guard let p = lua_tolstring(L, i, &len) else { return nil }
        _ = lk_charge_host(L, len)   // over the cap: the next throwing check refuses (HostMemory)
        return p.withMemoryRebound(to: UInt8.self, capacity: len) { Array(UnsafeBufferPointer(start: $0, count: len)) }
    }

    /// The string at `i` (strings only; numbers are not converted). Invalid UTF-8 is repaired.
    public func string(at i: Int32) -> String? {
        guard lua_type(L, i) == LUA_TSTRING else { return nil }
        var len = 0
        guard let p = lua_tolstring(L, i, &len) else { return nil }
        _ = lk_charge_host(L, len)
        return p.withMemoryRebound(to: UInt8.self, capacity: len) {
            String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
        }
    }

    public func integer(at i: Int32) -> Int64? {
        var ok: Int32 = 0
        let v = lua_tointegerx(L, i, &ok)
        return ok != 0 ? v : nil
    }

    public func number(at i: Int32) -> Double? {
        guard lua_type(L, i) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(L, i, nil)
    }

    public func boolean(at i: Int32) -> Bool { lua_toboolean(L, i) != 0 }

    /// The Swift object held by the userdata at `i`, if it was pushed with `typeName` and is a `T`.
    public func object<T: AnyObject>(at i: Int32, typeName: String, as: T.Type = T.self) -> T? {
        guard let raw = lk_toswiftobject(L, i, typeName) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(raw).takeUnretainedValue() as? T
    }

    /// The Swift object held by any LuaKit userdata at `i`.
    public func anyObject(at i: Int32) -> AnyObject? {
        guard let raw = lk_toanyswiftobject(L, i) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Copies the value at `i` into Swift. Tables are copied deeply (raw access, no metamethods);
    /// cycles and nesting past `maxDepth` throw.
    /// With `lenient`, functions, userdata and threads inside become nil instead of an error.
    public func value(at i: Int32, maxDepth: Int = 100, lenient: Bool = false) throws -> LuaValue {
        let saved = lua_gettop(L)
        do { return try value(at: lua_absindex(L, i), depth: 0, maxDepth: maxDepth, lenient: lenient) } catch {
            lua_settop(L, saved)
            throw error
        }
    }

    private func value(at index: Int32, depth: Int, maxDepth: Int, lenient: Bool) throws -> LuaValue {
        let i = lua_absindex(L, index)
        switch lua_type(L, i) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, i) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, i) != 0 { return .integer(lua_tointegerx(L, i, nil)) }
            return .number(lua_tonumberx(L, i, nil))
        case LUA_TSTRING:
            let s = LuaString(bytes: bytes(at: i) ?? [])
            try HostMemory.check(L)   // a table of big strings must not grow Swift's heap past the cap
            return .string(s)
        case LUA_TTABLE:
            guard depth < maxDepth else { throw LuaRaise("table nested deeper than \(maxDepth) levels (or a cycle)") }
            return try table(at: i, depth: depth, maxDepth: maxDepth, lenient: lenient)
        default:
            if lenient { return .nil }
            throw LuaRaise("cannot convert a \(typeName(at: i)) value")
        }
    }

    private func table(at t: Int32, depth: Int, maxDepth: Int, lenient: Bool) throws -> LuaValue {
        guard lua_checkstack(L, 4) != 0 else { throw LuaRaise("table nested too deeply") }
        var pairs: [LuaPair] = []
        lua_pushnil(L)
        while lua_next(L, t) != 0 {   // raw traversal; no allocation, cannot raise for a valid key
            let k = try value(at: -2, depth: depth + 1, maxDepth: maxDepth, lenient: lenient)
            let v = try value(at: -1, depth: depth + 1, maxDepth: maxDepth, lenient: lenient)
            pairs.append(LuaPair(k, v))
            clua_pop(L, 1)
        }
        let n = Int(lua_rawlen(L, t))
        if n == pairs.count, n > 0 {
            var items = [LuaValue](repeating: .nil, count: n)
            var isSequence = true
            for p in pairs {
                guard case .integer(let k) = p.key, k >= 1, k <= n else { isSequence = false; break }
                items[Int(k) - 1] = p.value
            }
            if isSequence { return .array(items) }
        }
        return .table(pairs)
    }
}

extension LuaStack {
    /// Creates (once) the metatable `typeName` for plain-value userdata and leaves it on the stack.
    public func newMetatable(_ typeName: String) -> Bool { luaL_newmetatable(L, typeName) != 0 }
}

extension LuaStack {
    /// tostring(v) for the value at `i`, run protected (a __tostring may raise); nil on error.
    public func tostring(at i: Int32) -> String? {
        defer { lua_settop(L, lua_gettop(L) - 1) }
        guard lk_ptostring(L, i) == LUA_OK else { return nil }
        return string(at: -1)
    }
}

extension LuaStack {
    /// A registry reference to the value on top (popped). Integer references make hot lookups
    /// cheap: no string to build or hash on each call.
    public func reference() -> Int32 { luaL_ref(L, clua_registryindex()) }

    /// Pushes the value held by a registry reference.
    public func push(reference: Int32) { lua_rawgeti(L, clua_registryindex(), lua_Integer(reference)) }

    /// Pushes a plain value (no references) as a full userdata whose metatable is given by a
    /// registry reference. Cheaper than an object: no Swift allocation, nothing to release (used
    /// for millions of event handles).
    public func push<T: BitwiseCopyable>(value: T, metatable: Int32) {
        let p = lua_newuserdatauv(L, MemoryLayout<T>.size, 0)!
        p.storeBytes(of: value, as: T.self)
        lua_rawgeti(L, clua_registryindex(), lua_Integer(metatable))
        lua_setmetatable(L, -2)
    }

    /// The plain value held by the userdata at `i`, if its metatable is the one referenced.
    public func value<T: BitwiseCopyable>(at i: Int32, metatable: Int32, as: T.Type = T.self) -> T? {
        guard lua_type(L, i) == LUA_TUSERDATA, let p = lua_touserdata(L, i), lua_getmetatable(L, i) != 0 else { return nil }
        lua_rawgeti(L, clua_registryindex(), lua_Integer(metatable))
        let same = lua_rawequal(L, -1, -2) != 0
        lua_settop(L, lua_gettop(L) - 2)
        return same ? p.load(as: T.self) : nil
    }
}
