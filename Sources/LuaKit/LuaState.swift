import CLua
import CLuaSupport

/// One Lua 5.4 state with limits. Owns the lua_State and closes it on deinit.
public final class LuaState {
    public let L: OpaquePointer
    public var stack: LuaStack { LuaStack(L) }
    private let control: UnsafeMutablePointer<lk_control>

    private static let registerDispatcher: Void = lk_set_dispatcher(dispatchHostFunction, releaseSwiftObject)

    /// - Parameters:
    ///   - memoryLimit: bytes Lua may hold; nil for no limit.
    ///   - openStandardLibraries: opens base, string, table, math, utf8, io, os, coroutine, debug, package.
    public init(memoryLimit: Int? = nil, openStandardLibraries: Bool = true) throws {
        _ = LuaState.registerDispatcher
        control = .allocate(capacity: 1)
        guard let L = lk_newstate(control) else {
            control.deallocate()
            throw LuaError(kind: .memory, message: "cannot create a Lua state: not enough memory")
        }
        self.L = L
        // The owner lives in the allocator's control block, which every thread of the state shares.
        control.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
        if openStandardLibraries {
            luaL_openlibs(L)
            lk_wrap_coroutine_library(L)   // close's depth guard; resume/wrap carry the limit hook
        }
        control.pointee.limit = memoryLimit.map { max(0, $0) } ?? 0
    }

    deinit {
        control.pointee.owner = nil   // host functions run by finalizers during close find no owner
        control.pointee.limit = 0   // finalizers may run during close: never refuse them memory
        lk_close(L)   // lua_close, with the watchdog armed when a timeout is set
        control.deallocate()
    }

    /// The LuaState of `L` or of any of its threads (coroutines).
    static func owner(of L: OpaquePointer) -> LuaState? {
        guard let c = lk_getcontrol(L), let owner = c.pointee.owner else { return nil }
        return Unmanaged<LuaState>.fromOpaque(owner).takeUnretainedValue()
    }

    // MARK: limits

    /// Bytes currently held by Lua, and the most it held.
    public var memoryUsed: Int { control.pointee.used }
    public var memoryPeak: Int { control.pointee.peak }
    public var memoryLimit: Int? {
        get { control.pointee.limit == 0 ? nil : control.pointee.limit }
        set { control.pointee.limit = newValue ?? 0 }
    }

    /// Sets a wall-clock limit for the code run from now on (nil clears it). Also resets a trip.
    public func setTimeout(_ seconds: Double?) { lk_settimeout(L, seconds ?? 0) }

    /// Maps a Swift error thrown by a host function to the exit status it stands for (nil: none).
    /// The raised message is remembered with its status, and the LuaError that reaches the host
    /// carries the status only if it is that same error (LuaError.exitStatus).
    public var classifyError: ((Error) -> Int32?)?
    var lastClassified: (message: String, status: Int32)?

    /// Why the last run was stopped from outside, if it was.
    public var tripped: LuaError.Kind? {
        switch control.pointee.tripped {
        case Int32(LK_TRIP_TIMEOUT): return .timeout
        case Int32(LK_TRIP_INTERRUPT): return .interrupted
        // SIGTERM stops a run the way Ctrl-C does; `LuaState.terminationRequested` tells them apart.
        case Int32(LK_TRIP_TERMINATE): return .interrupted
        default: return nil
        }
    }

    /// Clears a timeout or interrupt so the state can run again (the shell does this after Ctrl-C).
    public func resetTrip() {
        let seconds = control.pointee.timeout_seconds
        lk_clear_interrupt()
        lk_settimeout(L, seconds)
    }

    // MARK: globals and functions

    /// Sets global `name` to `value`.
    public func setGlobal(_ name: String, _ value: LuaValue) {
        stack.push(value)
        clua_rawsetglobal(L, name)
    }

    /// Registers a Swift function as global `name`.
    public func register(_ name: String, _ function: @escaping HostFunction) {
        stack.push(function: function)
        clua_rawsetglobal(L, name)
    }

    public func global(_ name: String) throws -> LuaValue {
        clua_rawgetglobal(L, name)   // raw: _G may have a metatable that raises
        defer { stack.pop() }
        return try stack.value(at: -1)
    }

    /// Defines a userdata type: its metatable gets `__gc` (releases the Swift object), `__name`,
    /// the given metamethods (`__index`, `__tostring`, `__len`, ...), and `methods` reachable
    /// through `__index` when no `__index` function is given.
    public func defineType(_ typeName: String, metamethods: [String: HostFunction] = [:],
                           methods: [String: HostFunction] = [:]) {
        lk_newmetatable(L, typeName)
        for (name, fn) in metamethods {
            stack.push(function: fn)
            stack.setField(name, in: -2)
        }
        if !methods.isEmpty {
            stack.newTable(hash: methods.count)
            for (name, fn) in methods {
                stack.push(function: fn)
                stack.setField(name, in: -2)
            }
            if metamethods["__index"] == nil {
                stack.setField("__index", in: -2)
            } else {
                stack.setField("methods", in: -2)   // for an __index function to consult
            }
        }
        stack.pop()
    }

    // MARK: running code

    /// What `load`, `run` and the shell's `evaluate` accept: "bt" (text and bytecode), "t" under
    /// --sandbox (crafted bytecode can crash the VM: Lua does not verify it).
    public var chunkMode = "bt"

    /// Compiles `code` as a chunk named `chunkName` (`@path.lua`, `=stdin`, `=(command line)`).
    /// Leaves the function on the stack.
    public func load(_ code: [UInt8], chunkName: String, mode: String? = nil) throws {
        let mode = mode ?? chunkMode
        let code = code.isEmpty ? [UInt8(ascii: " ")] : code   // an empty buffer has no base address
        let status = code.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { lk_pload(L, $0.baseAddress!, $0.count, chunkName, mode) }
        }
        try LuaState.check(L, status)
    }

    /// Runs `code` with `args` as `...` and returns its results.
    @discardableResult
    public func run(_ code: String, chunkName: String = "=(run)", args: [LuaValue] = []) throws -> [LuaValue] {
        try run(Array(code.utf8), chunkName: chunkName, args: args)
    }

    @discardableResult
    public func run(_ code: [UInt8], chunkName: String, args: [LuaValue] = []) throws -> [LuaValue] {
        let base = stack.top
        defer { stack.top = base }
        try load(code, chunkName: chunkName)
        for a in args { stack.push(a) }
        try call(nargs: Int32(args.count), nresults: clua_multret())
        var results: [LuaValue] = []
        var i = base + 1
        while i <= stack.top {
            // Lenient: a chunk may return anything (a module table of functions); what Swift cannot
            // hold comes back as nil rather than failing a script that ran fine (it exited 70).
            results.append(try stack.value(at: i, lenient: true))
            i += 1
        }
        return results
    }

    /// Calls the function below `nargs` arguments on the stack, protected, with a traceback.
    public func call(nargs: Int32, nresults: Int32) throws {
        try LuaState.check(L, lk_pcall(L, nargs, nresults))
    }

    /// Turns a lua status into a thrown LuaError (popping the message).
    static func check(_ L: OpaquePointer, _ status: Int32) throws {
        guard status != LUA_OK else { return }
        let stack = LuaStack(L)
        var message: String
        if let s = stack.string(at: -1) {
            message = s
        } else if lk_ptostring(L, -1) == LUA_OK, let s = stack.string(at: -1) {
            message = s
            stack.pop()
        } else {
            message = "(error object is a \(stack.typeName(at: -1)) value)"
        }
        stack.pop()
        var kind: LuaError.Kind
        switch status {
        case LUA_ERRSYNTAX: kind = .syntax
        case LUA_ERRMEM: kind = .memory
        case LUA_ERRERR: kind = .handler
        default: kind = .runtime
        }
        var traceback: String?
        if status == LUA_ERRRUN {
            lk_pushtraceback(L)
            traceback = stack.string(at: -1)
            stack.pop()
            lua_pushnil(L)
            clua_rawsetfield(L, clua_registryindex(), "LuaKit.traceback")
        }
        let owner = LuaState.owner(of: L)
        if let trip = owner?.tripped { kind = trip }
        if message == "not enough memory" { kind = .memory }
        var error = LuaError(kind: kind, message: message, traceback: traceback)
        if let c = owner?.lastClassified, c.message == message { error.exitStatus = c.status }
        throw error
    }
}

extension LuaState {
    /// `Lua 5.4.4`: the release of the linked Lua library.
    public static var luaRelease: String { String(cString: clua_release()) }
}

extension LuaState {
    /// Asks every running state to stop at its next hook (what Ctrl-C does). Async-signal-safe.
    public static func requestInterrupt() { lk_request_interrupt() }
    /// Installs a SIGINT handler that calls requestInterrupt (the shell, while code runs).
    public static func installInterruptHandler() { lk_install_sigint() }
    public static func restoreInterruptHandler() { lk_restore_sigint() }
    /// True once SIGTERM arrived (see lk_install_sigterm); running code is then stopped by the hook.
    public static var terminationRequested: Bool { lk_terminate_requested() != 0 }
}
