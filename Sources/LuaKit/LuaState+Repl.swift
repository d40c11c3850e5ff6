import CLua
import CLuaSupport

extension LuaState {
    /// What became of one line (or several joined lines) typed at the shell.
    public enum ReplOutcome {
        /// Ran; its values (if any) were handed to `show`.
        case done
        /// The statement is not finished (Lua's `<eof>` rule): read another line and try again.
        case incomplete
        case failed(LuaError)
    }

    /// Evaluates shell input as lua.c does: first as `return <input>;` so expressions show their
    /// values, then as a statement. `= expr` is accepted as in Lua 5.1. The values are left to `show`,
    /// called with their stack indices while they are on the stack.
    public func evaluate(_ input: String, chunkName: String = "=stdin",
                         show: (LuaState, ClosedRange<Int32>) -> Void) -> ReplOutcome {
        var text = input
        if text.hasPrefix("=") { text = "return " + text.dropFirst() }
        let base = stack.top
        defer { stack.top = base }
        do {
            try load(Array(("return " + text + ";").utf8), chunkName: chunkName)
        } catch {
            do {
                try load(Array(text.utf8), chunkName: chunkName)
            } catch let e as LuaError {
                if e.kind == .syntax && e.message.hasSuffix("<eof>") { return .incomplete }
                return .failed(e)
            } catch {
                return .failed(LuaError(kind: .runtime, message: String(describing: error)))
            }
        }
        do {
            try call(nargs: 0, nresults: clua_multret())
        } catch let e as LuaError {
            return .failed(e)
        } catch {
            return .failed(LuaError(kind: .runtime, message: String(describing: error)))
        }
        if stack.top > base { show(self, (base + 1)...stack.top) }
        return .done
    }

    /// Calls global `print` with the values at `range` (what lua.c shows for an expression).
    public func printValues(_ range: ClosedRange<Int32>) throws {
        try LuaState.check(L, lk_pgetglobal(L, "print"))   // _G may have an __index that raises
        for i in range { lua_pushvalue(L, i) }
        try call(nargs: Int32(range.count), nresults: 0)
    }
}
