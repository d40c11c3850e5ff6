import CLua
import CLuaSupport

/// A Lua function written in Swift. It reads its arguments from `call`, pushes its results and
/// returns how many it pushed. To fail it throws: `LuaArgumentError` for a bad argument, `LuaRaise`
/// (or any error) for a message, `LuaError` to pass on an error raised by Lua code it called.
/// It never raises a Lua error itself: the C trampoline does, after this frame has returned.
public typealias HostFunction = (LuaCall) throws -> Int32

final class HostFunctionBox {
    let function: HostFunction
    init(_ function: @escaping HostFunction) { self.function = function }
}

/// The arguments and results of one host-function call.
public struct LuaCall {
    public let stack: LuaStack
    public var L: OpaquePointer { stack.L }
    /// Number of arguments passed.
    public let count: Int32

    init(_ L: OpaquePointer) {
        stack = LuaStack(L)
        count = lua_gettop(L)
    }

    public var state: LuaState? { LuaState.owner(of: L) }

    // MARK: arguments, checked like luaL_check*

    public func typeError(_ i: Int32, _ expected: String) -> LuaArgumentError {
        LuaArgumentError(i, "\(expected) expected, got \(typeNameForError(i))")
    }

    /// Like luaL_typeerror: a __name from the metatable wins over the basic type name.
    public func typeNameForError(_ i: Int32) -> String {
        if lua_getmetatable(L, i) != 0 {
            defer { clua_pop(L, 1) }
            // raw, as luaL_getmetafield reads it: a metatable's own metatable must not run here
            if clua_rawgetfield(L, -1, "__name") == LUA_TSTRING, let n = stack.string(at: -1) {
                clua_pop(L, 1)
                return n
            }
            clua_pop(L, 1)
        }
        if lua_type(L, i) == LUA_TLIGHTUSERDATA { return "light userdata" }
        return i > count ? "no value" : stack.typeName(at: i)
    }

    public func isNoneOrNil(_ i: Int32) -> Bool { i > count || stack.isNoneOrNil(i) }

    public func string(_ i: Int32) throws -> String {
        let t = lua_type(L, i)
        if t == LUA_TSTRING, let s = stack.string(at: i) { return s }
        if t == LUA_TNUMBER {   // luaL_checkstring accepts numbers, converting them in place
            var len = 0
            if let p = lua_tolstring(L, i, &len) {
                return p.withMemoryRebound(to: UInt8.self, capacity: len) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
                }
            }
        }
        throw typeError(i, "string")
    }

    public func optionalString(_ i: Int32) throws -> String? { isNoneOrNil(i) ? nil : try string(i) }

    public func number(_ i: Int32) throws -> Double {
        if let d = stack.number(at: i) { return d }
        if lua_type(L, i) == LUA_TSTRING {
            var ok: Int32 = 0
            let d = lua_tonumberx(L, i, &ok)
            if ok != 0 { return d }
        }
        throw typeError(i, "number")
    }

    public func optionalNumber(_ i: Int32) throws -> Double? { isNoneOrNil(i) ? nil : try number(i) }

    public func integer(_ i: Int32) throws -> Int64 {
        if let n = stack.integer(at: i) { return n }
        if lua_type(L, i) == LUA_TNUMBER { throw LuaArgumentError(i, "number has no integer representation") }
        throw typeError(i, "number")
    }

    public func optionalInteger(_ i: Int32) throws -> Int64? { isNoneOrNil(i) ? nil : try integer(i) }

    public func boolean(_ i: Int32) -> Bool { stack.boolean(at: i) }

    public func checkTable(_ i: Int32) throws {
        if lua_type(L, i) != LUA_TTABLE { throw typeError(i, "table") }
    }

    public func checkFunction(_ i: Int32) throws {
        if lua_type(L, i) != LUA_TFUNCTION { throw typeError(i, "function") }
    }

    public func value(_ i: Int32) throws -> LuaValue { try stack.value(at: i) }

    public func object<T: AnyObject>(_ i: Int32, typeName: String, as: T.Type = T.self) throws -> T {
        if let o = stack.object(at: i, typeName: typeName, as: T.self) { return o }
        throw typeError(i, typeName)
    }

    // MARK: results

    public func push(_ v: LuaValue) { stack.push(v) }
    public func push(_ s: String?) { stack.push(s) }
    public func push(_ i: Int?) { stack.push(i) }
    public func push(_ d: Double?) { stack.push(d) }
    public func push(_ b: Bool) { stack.push(b) }
    public func pushNil() { stack.pushNil() }

    /// Returns `values` as the function's results.
    public func returning(_ values: LuaValue...) -> Int32 {
        for v in values { stack.push(v) }
        return Int32(values.count)
    }

    /// Calls the function at the top of the stack under `nargs` arguments above it, protected.
    /// Its error comes back as a thrown LuaError (pass it on by rethrowing).
    public func call(nargs: Int32, nresults: Int32) throws {
        try LuaState.check(L, lk_pcall(L, nargs, nresults))
    }
}

// The one dispatcher every Swift-backed Lua function goes through (see lk_trampoline).
let dispatchHostFunction: lk_dispatch_fn = { L in
    guard let L, let raw = lk_toswiftobject(L, clua_upvalueindex(1), "LuaKit.function") else { return Int32(LK_RAISE) }
    let box = Unmanaged<HostFunctionBox>.fromOpaque(raw).takeUnretainedValue()
    let call = LuaCall(L)
    func classify(_ error: Error, _ status: Int32?) {
        guard let owner = LuaState.owner(of: L),
              let status = status ?? owner.classifyError?(error), let message = call.stack.string(at: -1) else { return }
        owner.lastClassified = (message, status)
    }
    do {
        return try box.function(call)
    } catch let e as LuaArgumentError {
        lk_getcontrol(L).pointee.argerror_index = e.index
        call.stack.push(e.message)
        return Int32(LK_ARGERROR)
    } catch let e as LuaError {
        call.stack.push(e.message)   // already carries its position
        classify(e, e.exitStatus)    // passed on from a nested call: keeps its class
        return Int32(LK_RAISE)
    } catch let e as LuaRaise {
        pushWithPosition(L, e.message)
        return Int32(LK_RAISE)
    } catch {
        pushWithPosition(L, String(describing: error))
        classify(error, nil)
        return Int32(LK_RAISE)
    }
}

private func pushWithPosition(_ L: OpaquePointer, _ message: String) {
    luaL_where(L, 1)
    let stack = LuaStack(L)
    let position = stack.string(at: -1) ?? ""
    stack.pop()
    stack.push(position + message)
}

let releaseSwiftObject: lk_release_fn = { raw in
    guard let raw else { return }
    Unmanaged<AnyObject>.fromOpaque(raw).release()
}
