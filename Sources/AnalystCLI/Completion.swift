import CLua
import CLuaSupport
import Foundation
import LuaKit

/// Tab completion for the shell, independent of libedit (so it can be tested directly).
/// `word` is what libedit completes (letters, digits, `_ . : / - ~` and a leading quote), `before`
/// is the line before it. Completes:
/// - global names and keywords: `eve` -> `events`;
/// - fields and methods of variables: `tbl.fi`, `caps:fi`, walking raw fields, `__index` tables,
///   and the metatable's `__fields` / `methods` (userdata fields are read through protected
///   `__index` calls under a 0.25 s deadline, so a bad metamethod cannot hang the prompt);
/// - after a call, `place("Aleppo").` / `:`, from `returnTypes` (nothing is called);
/// - file names inside an unfinished string: `csv.read("Scr` -> `csv.read("Scripts/`.
struct Completion {
    let L: OpaquePointer
    /// The API's declared types (from the host's registry); nil: complete from values only.
    var types: CompletionTypes? = nil
    /// Global function name -> the type its result has (`AnalystHost.returnTypes`).
    var returnTypes: [String: String] = [:]

    static let keywords = ["and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
                           "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"]

    func candidates(word: String, before: String) -> [String] {
        if let quote = word.first, quote == "\"" || quote == "'" {
            return files(String(word.dropFirst())).map { String(quote) + $0 }
        }
        if insideString(before) { return stringCandidates(word: word, before: before) ?? files(word) }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lk_settimeout(L, 0.25)   // the next evaluation sets its own limits again
        defer { lk_settimeout(L, 0) }

        guard let sep = word.lastIndex(where: { $0 == "." || $0 == ":" }) else {
            clua_pushglobaltable(L)
            let names = keys(at: lua_gettop(L), methodsOnly: false) + Completion.keywords
            return matching(names, prefix: word, head: "")
        }
        let head = String(word[...sep])
        let partial = String(word[word.index(after: sep)...])
        let methodsOnly = word[sep] == ":"
        let path = String(word[..<sep])
        // After a call or an index (`events{}:fi`, `caps[1].`, `events{}[1].place.`): by declared type.
        if path.isEmpty || path.hasPrefix(".") || path.hasPrefix(":"),
           let found = chainCandidates(expr: before + path, partial: partial, head: head, methodsOnly: methodsOnly) {
            return found
        }
        if path.isEmpty {
            // `place("Aleppo").na`: the expression before is a call; use its declared return type.
            guard let function = calledFunction(before),
                  let typeName = returnTypes[function] else { return [] }
            clua_rawgetfield(L, clua_registryindex(), typeName)
            guard lua_type(L, -1) == LUA_TTABLE else { return [] }
            return matching(metatableKeys(at: lua_gettop(L), methodsOnly: methodsOnly), prefix: partial, head: head)
        }
        guard resolve(path) else { return [] }
        return matching(keys(at: lua_gettop(L), methodsOnly: methodsOnly), prefix: partial, head: head)
    }

    private func matching(_ names: [String], prefix: String, head: String) -> [String] {
        let showHidden = prefix.hasPrefix("_")
        let chosen = Set(names.filter { $0.hasPrefix(prefix) && (showHidden || !$0.hasPrefix("__")) && Completion.isIdentifier($0) })
        return chosen.sorted().map { head + $0 }
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// Pushes the value of `a.b.c` (names only); false if some step is not there.
    func resolve(_ path: String) -> Bool {
        clua_pushglobaltable(L)
        for name in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard Completion.isIdentifier(String(name)) else { return false }
            let t = lua_type(L, -1)
            guard t == LUA_TTABLE || t == LUA_TUSERDATA else { return false }
            LuaStack(L).push(String(name))
            guard lk_pgettable(L, -2) == LUA_OK else { return false }
            clua_remove(L, -2)
        }
        let t = lua_type(L, -1)
        return t == LUA_TTABLE || t == LUA_TUSERDATA
    }

    /// Names reachable from the value at `i`: raw string keys (tables), then its metatable's.
    private func keys(at i: Int32, methodsOnly: Bool) -> [String] {
        var names: [String] = []
        if lua_type(L, i) == LUA_TTABLE { names += rawKeys(at: i, functionsOnly: methodsOnly) }
        if lua_getmetatable(L, i) != 0 {
            names += metatableKeys(at: lua_gettop(L), methodsOnly: methodsOnly)
            LuaStack(L).pop()
        }
        return names
    }

    /// `__fields` (unless completing a method), `methods`, and the `__index` chain of tables.
    private func metatableKeys(at mt: Int32, methodsOnly: Bool) -> [String] {
        var names: [String] = []
        let stack = LuaStack(L)
        if !methodsOnly {
            if clua_rawgetfield(L, mt, "__fields") == LUA_TTABLE {
                let n = lua_rawlen(L, -1)
                if n > 0 {
                    for k in 1...lua_Integer(min(n, 500)) {
                        if lua_rawgeti(L, -1, k) == LUA_TSTRING, let s = stack.string(at: -1) { names.append(s) }
                        stack.pop()
                    }
                }
            }
            stack.pop()
        }
        if clua_rawgetfield(L, mt, "methods") == LUA_TTABLE { names += rawKeys(at: lua_gettop(L), functionsOnly: false) }
        stack.pop()
        // __index tables, following their own metatables a few levels (class chains)
        lua_pushvalue(L, mt)
        for _ in 0..<5 {
            guard clua_rawgetfield(L, -1, "__index") == LUA_TTABLE else { stack.pop(); break }
            names += rawKeys(at: lua_gettop(L), functionsOnly: methodsOnly)
            clua_remove(L, -2)
            guard lua_getmetatable(L, -1) != 0 else { break }
            clua_remove(L, -2)
        }
        stack.pop()
        return names
    }

    private func rawKeys(at t: Int32, functionsOnly: Bool) -> [String] {
        var names: [String] = []
        let stack = LuaStack(L)
        lua_pushnil(L)
        while lua_next(L, t) != 0 {   // raw traversal with string keys only: cannot raise
            if lua_type(L, -2) == LUA_TSTRING, !functionsOnly || lua_type(L, -1) == LUA_TFUNCTION,
               let s = stack.string(at: -2) { names.append(s) }
            stack.pop()
            if names.count > 5000 { stack.pop(); break }
        }
        return names
    }

    /// `place` in `x = place("Aleppo")`: the name path before the last balanced `(...)`.
    func calledFunction(_ before: String) -> String? {
        let chars = Array(before)
        guard var i = chars.lastIndex(where: { !$0.isWhitespace }), chars[i] == ")" else { return nil }
        var depth = 0
        var quote: Character?
        while i >= 0 {
            let c = chars[i]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ")" { depth += 1 } else if c == "(" {
                depth -= 1
                if depth == 0 { break }
            }
            i -= 1
        }
        guard i > 0 else { return nil }
        var j = i - 1
        while j >= 0, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j -= 1 }
        let name = String(chars[(j + 1)..<i])
        return name.isEmpty ? nil : name
    }

    /// Whether `before` ends inside a string literal (an odd quote, ignoring escaped ones).
    func insideString(_ before: String) -> Bool {
        var quote: Character?
        var escaped = false
        for c in before {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c }
        }
        return quote != nil
    }

    /// File names starting with `partial` (a path); folders end with `/`.
    func files(_ partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let folderPart = slash.map { String(partial[...$0]) } ?? ""
        let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        var folder = folderPart.isEmpty ? "." : folderPart
        if folder.hasPrefix("~") { folder = NSString(string: folder).expandingTildeInPath }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return entries.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isDir)
            return folderPart + name + (isDir.boolValue ? "/" : "")
        }
    }
}
