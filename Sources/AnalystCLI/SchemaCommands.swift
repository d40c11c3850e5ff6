import AnalystLua
import CLua
import CLuaSupport
import Foundation
import LuaKit

/// `.schema [TYPE]` and `.fields EXPR`: what the API's objects hold, from the registry that also
/// drives help() (Sources/AnalystLua/Registry+Types.swift). Values are inspected with raw reads
/// only (no metamethod runs); EXPR itself runs protected, like any input.
enum SchemaCommands {
    static let commands: [String: DotCommand] = Dictionary(uniqueKeysWithValues: [schema, fields].map { ($0.name, $0) })

    private static func registry(_ shell: Shell) -> APIRegistry? { shell.runner.host.api?.registry }

    private static let schema =
        DotCommand("schema", "[TYPE]", help: "the API's types; with TYPE, its fields (with types) and methods") { shell, args in
            guard let r = registry(shell) else { throw DotCommands.Failure("no analyst API in this session") }
            guard let text = r.schema(args.first) else {
                throw DotCommands.Failure("no type '\(args[0])'; .schema lists them")
            }
            shell.write(text)
        }

    private static let fields =
        DotCommand("fields", "EXPR", help: "the fields of EXPR's value, with their types") { shell, _ in
            guard let r = registry(shell) else { throw DotCommands.Failure("no analyst API in this session") }
            let expr = shell.dotLineArgument
            guard !expr.isEmpty else { throw DotCommands.Failure("usage: .fields EXPR   (e.g. .fields events{}[1])") }
            let L = shell.lua.L
            let top = lua_gettop(L)
            defer { lua_settop(L, top) }
            try shell.lua.load(Array(("return " + expr).utf8), chunkName: "=stdin")
            try shell.lua.call(nargs: 0, nresults: 1)
            shell.write(describe(L, lua_gettop(L), r))
        }

    /// The registered type of the value at `i` (its metatable's `__name`, read raw), if any.
    static func typeName(_ L: OpaquePointer, _ i: Int32) -> String? {
        let t = lua_type(L, i)
        guard t == LUA_TTABLE || t == LUA_TUSERDATA, lua_getmetatable(L, i) != 0 else { return nil }
        defer { lua_settop(L, lua_gettop(L) - 2) }
        clua_rawgetfield(L, -1, "__name")
        return LuaStack(L).string(at: -1)
    }

    static func describe(_ L: OpaquePointer, _ i: Int32, _ r: APIRegistry) -> String {
        let name = typeName(L, i)
        if let name, let t = r.type(named: name), name != "List" {
            var text = r.helpText(t)
            if let element = t.element, let e = r.type(named: element) { text += "\n" + r.helpText(e) }
            return text
        }
        guard lua_type(L, i) == LUA_TTABLE else {
            return "a \(String(cString: clua_typename(L, i)))\(name.map { " (\($0))" } ?? ""): no fields\n"
        }
        let n = lua_rawlen(L, i)
        if n > 0 {
            lua_rawgeti(L, i, 1)
            defer { LuaStack(L).pop() }
            let list = name == "List" ? "List" : "table"
            let methods = name == "List" ? "methods: " + r.methods(of: "List").map(\.shortName).joined(separator: ", ") + "\n" : ""
            return "\(list) of \(n) item\(n == 1 ? "" : "s"); \(methods)the first item:\n" + describe(L, lua_gettop(L), r)
        }
        let keys = rawKeys(L, i)
        if keys.isEmpty { return "an empty table\n" }
        // A row the API returns (an advance leg, a control change): its documented fields.
        // (Every key is one of its fields, and most of its fields are there: a user's {from, to} is not a Leg.)
        if let record = r.helpTypes.first(where: { t in
            !t.fields.isEmpty && keys.count * 2 >= t.fields.count && keys.allSatisfy { k in t.fields.contains { $0.name == k.name } }
        }) {
            return r.helpText(record)
        }
        let width = keys.map(\.name.count).max() ?? 0
        return keys.map { "  " + $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.type }.joined(separator: "\n") + "\n"
    }

    /// String keys of the table at `i` with their Lua type (or registered type), by raw traversal.
    static func rawKeys(_ L: OpaquePointer, _ i: Int32) -> [(name: String, type: String)] {
        var out: [(String, String)] = []
        let t = lua_absindex(L, i)
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            if lua_type(L, -2) == LUA_TSTRING, let k = LuaStack(L).string(at: -2) {
                out.append((k, typeName(L, -1) ?? String(cString: clua_typename(L, -1))))
            }
            LuaStack(L).pop()
            if out.count > 500 { LuaStack(L).pop(); break }
        }
        return out.sorted { $0.0 < $1.0 }
    }
}
