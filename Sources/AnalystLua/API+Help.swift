import CLua
import Foundation
import LuaKit

extension AnalystAPI {
    func defineHelp() {
        registry.add(APIEntry("help", section: "Help",
                              params: [.init("what", "function|string|any", "a function of the API, its name, a type (`\"Event\"`), a member (`\"Event.place\"`, `\"EventList:filter\"`) or a value of a type (an event, a list)", optional: true)],
                              returns: "nil", summary: "Prints the documentation of one function, type or field, or the list of all.",
                              example: #"help(geo.distance) help("events") help("Event") help("Event.place") help(events{})"#) { [unowned self] call in
            var text: String
            if call.isNoneOrNil(1) {
                text = self.registry.overview()
            } else if let name = call.stack.string(at: 1) {
                guard let found = self.registry.help(for: name) else {
                    throw LuaRaise("no help for '\(name)' (help() lists the functions and types)")
                }
                text = found
            } else if let typeName = self.typeName(call, 1), let t = self.registry.type(named: typeName) {
                text = self.registry.helpText(t)   // help(e), help(events{}): the value's type
            } else if call.stack.type(at: 1) == LUA_TFUNCTION {
                // Functions are found by identity in the table install() keeps.
                clua_rawgetfield(call.L, clua_registryindex(), "analyst.help")
                lua_pushvalue(call.L, 1)
                lua_rawget(call.L, -2)
                guard let name = call.stack.string(at: -1), let e = self.registry.entry(named: name) else {
                    throw LuaRaise("no help for this function (not part of the analyst API)")
                }
                text = self.registry.helpText(e)
            } else {
                throw call.typeError(1, "function or string")
            }
            // Through io.write when the script has it (so io.output() applies), read raw; else stdout.
            // A replaced io.write runs protected: its error is the script's, raised after this frame.
            if clua_rawgetglobal(call.L, "io") == LUA_TTABLE, clua_rawgetfield(call.L, -1, "write") == LUA_TFUNCTION {
                call.push(text)
                try call.call(nargs: 1, nresults: 0)
            } else {
                fflush(nil)   // what Lua printed through C stdio first
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            return 0
        })
    }

    /// The `__name` of the value's metatable (raw reads: no metamethod runs), for help(value).
    func typeName(_ call: LuaCall, _ i: Int32) -> String? {
        let t = call.stack.type(at: i)
        guard t == LUA_TUSERDATA || t == LUA_TTABLE, lua_getmetatable(call.L, i) != 0 else { return nil }
        defer { call.stack.pop(2) }
        clua_rawgetfield(call.L, -1, "__name")
        return call.stack.string(at: -1)
    }

    /// Records every installed function under its name, for help(fn).
    func indexFunctionsForHelp(_ lua: LuaState) throws {
        var globalsOnly = "local h = {}\n"
        for e in registry.entries where !e.isMethod && !e.isProperty { globalsOnly += "h[\(e.name)] = \"\(e.name)\"\n" }
        globalsOnly += "debug.getregistry()['analyst.help'] = h\n"
        try lua.run(Array(globalsOnly.utf8), chunkName: "=analyst.help")
    }
}
