import CLua
import LuaKit

/// A Lua type whose values are small plain handles (an index and the session generation) in full
/// userdata: no Swift allocation per value, nothing to release, so a million events stay cheap.
/// Fields are read-only and resolved on access; the metatable follows the shell's conventions:
/// `__name`, `__fields` (field names in display order), `__pairs` (fields in that order),
/// `__index`, `__newindex` (refuses), `__tostring`, `__eq`.
final class HandleType<H: BitwiseCopyable & Equatable> {
    typealias Getter = (H, LuaCall) throws -> Void
    let name: String
    let summary: String
    private(set) var fields: [(name: String, type: String, doc: String, get: Getter)] = []
    private(set) var methods: [APIEntry] = []
    var describe: (H) throws -> String = { _ in "" }
    /// Checks a handle is still valid (e.g. not from before corpus.reload()); throws if not.
    var validate: (H) throws -> Void = { _ in }
    /// Registry references (set by install): the metatable, and a table field name -> index.
    private var metatableRef: Int32 = -1
    private var fieldIndexRef: Int32 = -1

    init(_ name: String, summary: String) {
        self.name = name
        self.summary = summary
    }

    func field(_ name: String, _ type: String, _ doc: String, _ get: @escaping Getter) {
        fields.append((name, type, doc, get))
    }

    func method(_ e: APIEntry) { methods.append(e) }

    func push(_ stack: LuaStack, _ h: H) { stack.push(value: h, metatable: metatableRef) }

    /// The handle at argument `i`, or a Lua-style argument error.
    func check(_ call: LuaCall, _ i: Int32) throws -> H {
        guard let h = call.stack.value(at: i, metatable: metatableRef, as: H.self) else { throw call.typeError(i, name) }
        try validate(h)
        return h
    }

    func test(_ call: LuaCall, _ i: Int32) -> H? { call.stack.value(at: i, metatable: metatableRef, as: H.self) }

    /// The field index of the string at `i`, looked up in a Lua table (no Swift string on the hot path).
    private func fieldNumber(_ call: LuaCall, _ i: Int32) -> Int? {
        call.stack.push(reference: fieldIndexRef)
        lua_pushvalue(call.L, i)
        lua_rawget(call.L, -2)
        defer { call.stack.pop(2) }
        return call.stack.integer(at: -1).map(Int.init)
    }

    var apiType: APIType { APIType(name: name, summary: summary, fields: fields.map { ($0.name, $0.type, $0.doc) }) }

    func install(_ lua: LuaState) {
        let s = lua.stack
        s.push(.table(fields.enumerated().map { LuaPair(.str($0.element.name), .integer(Int64($0.offset))) }))
        fieldIndexRef = s.reference()
        _ = s.newMetatable(name)
        lua_pushvalue(lua.L, -1)
        metatableRef = s.reference()
        let methodTable: [String: HostFunction] = Dictionary(methods.map { ($0.shortName, $0.function) }, uniquingKeysWith: { a, _ in a })
        s.push(function: { call in
            let h = try self.check(call, 1)
            if let i = self.fieldNumber(call, 2) { try self.fields[i].get(h, call); return 1 }
            guard let key = call.stack.string(at: 2) else {
                if call.stack.type(at: 2) == LUA_TNUMBER { throw LuaRaise("\(self.name) is not a list: use a field name") }
                call.pushNil(); return 1
            }
            if call.pushMethod() { return 1 }
            throw LuaRaise("\(self.name) has no field '\(key)' (fields: \(self.fields.map(\.name).joined(separator: ", ")))")
        })
        s.setField("__index", in: -2)
        s.push(function: { _ in throw LuaRaise("\(self.name) fields are read-only") })
        s.setField("__newindex", in: -2)
        s.push(function: { call in
            let h = try self.check(call, 1)
            call.push(try self.describe(h))
            return 1
        })
        s.setField("__tostring", in: -2)
        s.push(function: { call in
            call.push(self.test(call, 1) == self.test(call, 2) && self.test(call, 1) != nil)
            return 1
        })
        s.setField("__eq", in: -2)
        s.push(function: { call in
            let h = try self.check(call, 1)
            var i = 0
            call.stack.push(function: { inner in
                guard i < self.fields.count else { inner.pushNil(); return 1 }
                let f = self.fields[i]
                i += 1
                inner.push(f.name)
                try f.get(h, inner)
                return 2
            })
            return 1
        })
        s.setField("__pairs", in: -2)
        s.push(.array(fields.map { .str($0.name) }))
        s.setField("__fields", in: -2)
        s.newTable(hash: methodTable.count)
        for (k, f) in methodTable {
            s.push(function: f)
            s.setField(k, in: -2)
        }
        s.setField("methods", in: -2)
        s.pop()
    }
}
