import Foundation
import LuaKit

/// One public function or method of the Lua API, registered once with its documentation. From the
/// registry come the Lua globals, `help()`, docs/lua-api.md, docs/analyst.d.lua and .luacheckrc.
public struct APIEntry {
    public struct Param {
        public var name: String
        public var type: String       // LuaLS type: string, number, integer, table, function, Place|string ...
        public var doc: String
        public var optional: Bool
        public init(_ name: String, _ type: String, _ doc: String, optional: Bool = false) {
            self.name = name; self.type = type; self.doc = doc; self.optional = optional
        }
    }

    /// `events`, `geo.distance`, `EventList:filter` (methods use `:`).
    public var name: String
    public var section: String
    public var params: [Param]
    public var returns: String
    public var summary: String
    /// Lua code run by the tests (and shown in help): it must succeed on the bundled corpus.
    public var example: String
    public var function: HostFunction
    /// Read as a field (`corpus.articles`), not called.
    public var isProperty: Bool

    public init(_ name: String, section: String, params: [Param] = [], returns: String = "nil", summary: String,
                example: String, isProperty: Bool = false, function: @escaping HostFunction) {
        self.name = name; self.section = section; self.params = params; self.returns = returns
        self.summary = summary; self.example = example; self.isProperty = isProperty; self.function = function
    }

    public var isMethod: Bool { name.contains(":") }
    /// `EventList` for `EventList:filter`, `geo` for `geo.distance`, nil for a global.
    public var owner: String? {
        if let i = name.firstIndex(where: { $0 == ":" || $0 == "." }) { return String(name[..<i]) }
        return nil
    }
    public var shortName: String {
        if let i = name.lastIndex(where: { $0 == ":" || $0 == "." }) { return String(name[name.index(after: i)...]) }
        return name
    }
    public var signature: String {
        if isProperty { return "\(name): \(returns)" }
        let ps = params.filter { !($0.name == "self") }.map { $0.optional ? "[\($0.name)]" : $0.name }.joined(separator: ", ")
        return "\(name)(\(ps))" + (returns == "nil" ? "" : " -> \(returns)")
    }
}

/// A userdata type's documented fields (read-only properties), for help and the generated docs.
public struct APIType {
    public var name: String
    public var summary: String
    public var fields: [(name: String, type: String, doc: String)]
}

/// The registry: every entry and type the API defines, in the order they were registered.
public final class APIRegistry {
    public private(set) var entries: [APIEntry] = []
    public private(set) var types: [APIType] = []
    public let sections: [(name: String, doc: String)] = [
        ("Events", "Query the events found in the corpus (and imported ones)."),
        ("Event lists", "Lists returned by `events{}` behave like Lua arrays and chain."),
        ("Places, actors, articles", "The gazetteer, the actor dictionary and the articles."),
        ("Geometry", "Great-circle distances and bearings (haversine, mean Earth radius 6371.0088 km)."),
        ("Advance rates", "Kilometres per day between cities, with the uncertainty of the dates."),
        ("Control of places", "Who held each place when: changes of control from every kind of evidence (docs/advance.md)."),
        ("Export", "CSV (RFC 4180) and GeoJSON (RFC 7946), written atomically."),
        ("Pictures", "SVG maps and timelines (PNG too when rsvg-convert is installed), written atomically; see docs/pictures.md."),
        ("Help", "Documentation from the same registry as the reference."),
    ]

    public init() {}

    public func add(_ e: APIEntry) { entries.append(e) }
    public func addType(_ t: APIType) { types.append(t) }

    public func entry(named name: String) -> APIEntry? {
        entries.first { $0.name == name } ?? entries.first { $0.shortName == name && !$0.isMethod }
            ?? entries.first { $0.shortName == name }
    }

    /// `help(...)` text for one entry.
    public func helpText(_ e: APIEntry) -> String {
        var s = e.signature + "\n  " + e.summary + "\n"
        for p in e.params where p.name != "self" {
            s += "  \(p.name) (\(p.type)\(p.optional ? ", optional" : "")): \(p.doc)\n"
        }
        s += "  example: " + e.example.replacingOccurrences(of: "\n", with: "\n           ") + "\n"
        return s
    }

    /// `help()` with no argument: every function by section.
    public func overview() -> String {
        var s = "analyst Lua API. help(fn) or help(\"name\") for one function; docs/lua-api.md has it all.\n"
        for (section, _) in sections {
            let es = entries.filter { $0.section == section }
            guard !es.isEmpty else { continue }
            s += "\n\(section):\n"
            for e in es { s += "  \(e.signature)\n      \(e.summary)\n" }
        }
        return s
    }
}
