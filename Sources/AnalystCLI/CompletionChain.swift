import CLua
import CLuaSupport
import Foundation
import LuaKit

/// Completion after calls and indexes, by declared type: `events{}:fi` (EventList's methods),
/// `caps[1].` (an EventList's items are Events), `events{}[1].place.` (Event.place is a Place).
/// The expression before the word is read backwards as a chain of names, calls and indexes; each
/// step's type comes from the registry (`types`), a variable's from its metatable's
/// `__name` (read raw). Nothing is called.
extension Completion {
    /// The members of the expression `expr`'s type that start with `partial`, or nil when its type
    /// is not known.
    func chainCandidates(expr: String, partial: String, head: String, methodsOnly: Bool) -> [String]? {
        guard let types, let t = inferType(Array(expr), Array(expr).count),
              let names = types.members(t, methodsOnly) else { return nil }
        return Array(Set(names.filter { $0.hasPrefix(partial) })).sorted().map { head + $0 }
    }

    /// `Event?` -> `Event`, `Actor|string|nil` -> `Actor`: the first part that is a known type.
    func normalize(_ declared: String?) -> String? {
        guard let declared, let types else { return nil }
        for part in declared.split(separator: "|") {
            var p = String(part)
            if p.hasSuffix("?") { p.removeLast() }
            if types.members(p, false) != nil { return p }
        }
        return nil
    }

    static func isNameChar(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }

    /// The type of the expression `chars[..<end]`, read backwards.
    func inferType(_ chars: [Character], _ end: Int, depth: Int = 0) -> String? {
        guard depth < 20, let types else { return nil }
        var e = end
        while e > 0, chars[e - 1].isWhitespace { e -= 1 }
        guard e > 0 else { return nil }
        let c = chars[e - 1]
        if c == ")" || c == "}" || c == "\"" || c == "'" {
            guard let open = Completion.opening(chars, e - 1) else { return nil }
            return callType(chars, open, depth: depth)
        }
        if c == "]" {
            guard let open = Completion.opening(chars, e - 1) else { return nil }
            return inferType(chars, open, depth: depth + 1).flatMap(types.elementType)
        }
        guard Completion.isNameChar(c) else { return nil }
        var s = e - 1
        while s > 0, Completion.isNameChar(chars[s - 1]) { s -= 1 }
        let name = String(chars[s..<e])
        if s > 0, chars[s - 1] == "." {
            if let path = Completion.dottedPath(chars, e), let t = normalize(types.returnType(path)) { return t }   // corpus.articles
            return inferType(chars, s - 1, depth: depth + 1).flatMap { normalize(types.memberType($0, name)) }
        }
        if s > 0, chars[s - 1] == ":" { return nil }   // a method not called
        return runtimeType(name)
    }

    /// The type a call returns; `open` is the index of its `(`, `{` or opening quote.
    private func callType(_ chars: [Character], _ open: Int, depth: Int) -> String? {
        guard let types else { return nil }
        var e = open
        while e > 0, chars[e - 1].isWhitespace { e -= 1 }
        var s = e
        while s > 0, Completion.isNameChar(chars[s - 1]) { s -= 1 }
        guard s < e else { return nil }
        let name = String(chars[s..<e])
        if s > 0, chars[s - 1] == ":" {
            return inferType(chars, s - 1, depth: depth + 1).flatMap { normalize(types.memberType($0, name)) }
        }
        if let path = Completion.dottedPath(chars, e), let t = normalize(types.returnType(path)) { return t }
        if s > 0, chars[s - 1] == "." {
            return inferType(chars, s - 1, depth: depth + 1).flatMap { normalize(types.memberType($0, name)) }
        }
        return nil
    }

    /// `geo.nearest` when `chars[..<end]` ends with names joined by dots (and nothing else before).
    static func dottedPath(_ chars: [Character], _ end: Int) -> String? {
        var s = end
        while s > 0, isNameChar(chars[s - 1]) || chars[s - 1] == "." { s -= 1 }
        if s > 0, [")", "]", "}", "\"", "'", ":"].contains(chars[s - 1]) { return nil }
        let path = String(chars[s..<end])
        return path.isEmpty || path.hasPrefix(".") ? nil : path
    }

    /// The index of the bracket or quote that opens the one at `close`, skipping nested pairs and strings.
    static func opening(_ chars: [Character], _ close: Int) -> Int? {
        let c = chars[close]
        if c == "\"" || c == "'" {
            var i = close - 1
            while i >= 0 {
                if chars[i] == c, i == 0 || chars[i - 1] != "\\" { return i }
                i -= 1
            }
            return nil
        }
        let pairs: [Character: Character] = [")": "(", "]": "[", "}": "{"]
        var stack: [Character] = []
        var i = close
        while i >= 0 {
            let ch = chars[i]
            if ch == "\"" || ch == "'" {
                guard let o = opening(chars, i) else { return nil }
                i = o - 1
                continue
            }
            if let open = pairs[ch] { stack.append(open) } else if ch == "(" || ch == "[" || ch == "{" {
                guard stack.last == ch else { return nil }
                stack.removeLast()
                if stack.isEmpty { return i }
            }
            i -= 1
        }
        return nil
    }

    /// A global variable's registered type: its metatable's `__name`, read raw.
    private func runtimeType(_ name: String) -> String? {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard resolve(name) else { return nil }
        let t = lua_type(L, -1)
        guard t == LUA_TTABLE || t == LUA_TUSERDATA, lua_getmetatable(L, -1) != 0 else { return nil }
        clua_rawgetfield(L, -1, "__name")
        let typeName = LuaStack(L).string(at: -1)
        return typeName.flatMap { types?.members($0, false) != nil ? $0 : nil }
    }
}
