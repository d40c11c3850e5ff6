import CLuaSupport

/// An error raised by Lua code (or by the limits around it), as a Swift error.
public struct LuaError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case runtime, syntax, memory, timeout, interrupted, handler
    }
    public var kind: Kind
    /// The error message, e.g. `script.lua:3: boom`.
    public var message: String
    /// Lua's stack traceback at the point of the error, when one was taken.
    public var traceback: String?
    /// The process exit status this error stands for, when a host function classified the failure
    /// that raised it (LuaState.classifyError): e.g. 73 for an output that cannot be created. It
    /// belongs to this error only, so an earlier failure a script caught cannot change a later exit code.
    public var exitStatus: Int32?

    public init(kind: Kind, message: String, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
    }
    public var description: String { message }
}

/// Thrown by a host function to reject an argument; Lua reports it exactly as luaL_argerror does:
/// `bad argument #1 to 'distance' (string expected, got nil)`.
public struct LuaArgumentError: Error, Sendable {
    public var index: Int32
    public var message: String
    public init(_ index: Int32, _ message: String) { self.index = index; self.message = message }
}

/// Thrown by a host function to raise a Lua error; the caller's `chunk:line:` is put in front,
/// as luaL_error does.
public struct LuaRaise: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// --max-memory for what the host allocates on a script's behalf (copies of its strings, output
/// being built): charged against the same cap as Lua's heap while the host function runs, refused
/// with Lua's own "not enough memory" (exit 71) instead of growing without bound or aborting.
public enum HostMemory {
    /// Charges `bytes` the running host function is about to allocate; throws when over the cap.
    public static func reserve(_ bytes: Int) throws {
        if lk_charge_current(bytes < 0 ? 0 : bytes) != 0 { throw refusal }
    }

    /// Throws if what was charged so far (by conversions) is over the cap.
    static func check(_ L: OpaquePointer) throws {
        if lk_charge_host(L, 0) != 0 { throw refusal }
    }

    static let refusal = LuaError(kind: .memory, message: "not enough memory")
}
