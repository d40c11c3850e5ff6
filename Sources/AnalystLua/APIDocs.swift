import Foundation

/// The generated faces of the registry: the reference manual, the LuaLS definition file and the
/// luacheck configuration. Tests fail when the committed copies are out of date (`make docs`).
public enum APIDocs {
    public static func markdown(_ r: APIRegistry) -> String {
        var s = """
        # Lua API reference

        Generated from the registry in `Sources/AnalystLua` (`make docs`); do not edit by hand.
        Every example below is run by the tests on the bundled corpus. In the shell, `help(fn)` shows
        the same text. Editors: `docs/analyst.d.lua` gives completion with lua-language-server;
        `.luacheckrc` declares the read-only globals for luacheck.

        """
        for (section, doc) in r.sections {
            let es = r.entries.filter { $0.section == section }
            guard !es.isEmpty else { continue }
            s += "\n## \(section)\n\n\(doc)\n"
            for e in es {
                s += "\n### `\(e.signature)`\n\n\(e.summary)\n\n"
                let ps = e.params.filter { $0.name != "self" }
                if !ps.isEmpty {
                    s += "| parameter | type | meaning |\n| --- | --- | --- |\n"
                    for p in ps {
                        s += "| `\(p.name)`\(p.optional ? " (optional)" : "") | `\(p.type)` | \(p.doc.replacingOccurrences(of: "|", with: "\\|")) |\n"
                    }
                    s += "\n"
                }
                s += "```lua\n\(e.example)\n```\n"
            }
        }
        s += "\n## Types\n"
        for t in r.types {
            s += "\n### \(t.name)\n\n\(t.summary) Fields are read-only; reading an unknown field is an error.\n\n"
            s += "| field | type | meaning |\n| --- | --- | --- |\n"
            for f in t.fields { s += "| `\(f.name)` | `\(f.type)` | \(f.doc) |\n" }
        }
        s += """

        ### List

        Plain Lua tables (results of `:map`, `advance`, `csv.read`, `places.search`, `e.sources`) carry
        the `List` metatable with `filter(fn)`, `map(fn)`, `each(fn)`, `sort(key or fn)` (`"-km"` for
        descending, nils last), `group(key)`, `sum(key)`, `count()`, `first()`, `head(n)`, `iter()`,
        `to_csv(path, opts)` and `to_geojson(path)`.

        """
        return s
    }

    /// A LuaLS (`---@meta`) definition file.
    public static func luaLS(_ r: APIRegistry) -> String {
        var s = "---@meta\n-- analyst Lua API: generated from the registry (make docs); do not edit.\n\n"
        for t in r.types + [APIType(name: "EventList", summary: "A list of events: #list, list[i], ipairs, and the methods below.", fields: [])] {
            s += "---\(t.summary)\n---@class \(t.name)\n"
            for f in t.fields { s += "---@field \(f.name) \(luaType(f.type)) \(f.doc)\n" }
            s += "local \(t.name) = {}\n\n"
        }
        var tables = Set<String>()
        for e in r.entries where !e.isMethod {
            if let owner = e.owner, !tables.contains(owner) {
                tables.insert(owner)
                s += "\(owner) = {}\n\n"
            }
        }
        for e in r.entries {
            s += "---\(e.summary)\n"
            if e.isProperty {
                s += "---@type \(luaType(e.returns))\n\(e.name) = nil\n\n"
                continue
            }
            for p in e.params where p.name != "self" {
                s += "---@param \(p.name)\(p.optional ? "?" : "") \(luaType(p.type)) \(p.doc)\n"
            }
            if e.returns != "nil" { s += "---@return \(luaType(e.returns))\n" }
            let ps = e.params.filter { $0.name != "self" }.map(\.name).joined(separator: ", ")
            s += "function \(e.name)(\(ps)) end\n\n"
        }
        return s
    }

    static func luaType(_ t: String) -> String {
        var t = t
        if t.hasSuffix("?") { t = String(t.dropLast()) + "|nil" }
        return t.split(separator: "|").map { $0 == "List" ? "table" : String($0) }.joined(separator: "|")
    }

    /// `.luacheckrc`: the API's globals are read-only for scripts.
    public static func luacheckrc(_ r: APIRegistry) -> String {
        var globals: [String: [String]] = [:]
        var order: [String] = []
        for e in r.entries where !e.isMethod {
            let owner = e.owner ?? e.name
            if globals[owner] == nil { order.append(owner); globals[owner] = [] }
            if e.owner != nil { globals[owner]!.append(e.shortName) }
        }
        order.append("List"); globals["List"] = ["new"]
        var s = "-- luacheck configuration for analyst scripts: generated from the registry (make docs).\nstd = \"lua54\"\nread_globals = {\n"
        for name in order {
            let fields = globals[name] ?? []
            if fields.isEmpty { s += "  \"\(name)\",\n" } else {
                s += "  \(name) = { fields = { " + fields.map { "\"\($0)\"" }.joined(separator: ", ") + " } },\n"
            }
        }
        return s + "}\n"
    }
}
