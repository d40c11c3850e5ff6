import CLua
import LuaKit

extension LuaCall {
    /// Pushes the method `key` (the value at stack index 2) from the `methods` table of the
    /// receiver's metatable, created once when the type was defined: a method lookup allocates no
    /// new closure. Raw reads only (the receiver is our userdata, but a script may reach the
    /// metatable through the debug library). False, with nothing pushed, when there is none.
    func pushMethod(of receiver: Int32 = 1, key: Int32 = 2) -> Bool {
        guard lua_getmetatable(L, receiver) != 0 else { return false }   // mt
        clua_rawgetfield(L, -1, "methods")                               // mt, methods
        guard lua_type(L, -1) == LUA_TTABLE else { stack.pop(2); return false }
        lua_pushvalue(L, key)
        lua_rawget(L, -2)                                                // mt, methods, method
        guard lua_type(L, -1) != LUA_TNIL else { stack.pop(3); return false }
        clua_insert(L, -3)                                               // method, mt, methods
        stack.pop(2)
        return true
    }
}
