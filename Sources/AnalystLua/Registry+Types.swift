import Foundation

/// Help for types and their members, from the registry: `help("Event")`, `help("Event.place")`,
/// `help("EventList:filter")`, and the `.schema` listing. One source for all of them.
extension APIRegistry {
    public var allTypes: [APIType] { types + helpTypes }

    /// A type by name, case-insensitively (`event` finds Event).
    public func type(named name: String) -> APIType? {
        allTypes.first { $0.name == name } ?? allTypes.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The methods of a type, registered or described.
    public func methods(of type: String) -> [APIEntry] {
        (entries + described).filter { $0.isMethod && $0.owner == type }
    }

    /// What `help(name)` prints: an entry, a type, or a member `Type.field` / `Type:method`.
    public func help(for name: String) -> String? {
        if let e = (entries + described).first(where: { $0.name == name }) { return helpText(e) }
        if let t = type(named: name) { return helpText(t) }
        if let sep = name.firstIndex(where: { $0 == "." || $0 == ":" }), let t = type(named: String(name[..<sep])) {
            let member = String(name[name.index(after: sep)...])
            if let f = t.fields.first(where: { $0.name == member }) {
                return "\(t.name).\(f.name): \(f.type)\n  \(f.doc)\n"
            }
            if let m = methods(of: t.name).first(where: { $0.shortName == member }) { return helpText(m) }
            return nil
        }
        return entry(named: name).map(helpText)
    }

    /// A type: what it is, its fields with types, its methods.
    public func helpText(_ t: APIType) -> String {
        var s = "\(t.name): \(t.summary)\n"
        if let element = t.element { s += "  Items: \(element) (help(\"\(element)\") for their fields)\n" }
        if !t.fields.isEmpty {
            s += "Fields:\n" + columns(t.fields.map { ($0.name, $0.type, $0.doc) })
        }
        let ms = methods(of: t.name)
        if !ms.isEmpty {
            s += "Methods:\n" + columns(ms.map { ($0.shortName + "(" + $0.params.filter { $0.name != "self" }
                .map { $0.optional ? "[\($0.name)]" : $0.name }.joined(separator: ", ") + ")", $0.returns, firstSentence($0.summary)) })
        }
        return s
    }

    /// `.schema`: every type with one line; `.schema TYPE`: its fields and methods.
    public func schema(_ name: String?) -> String? {
        guard let name else {
            let width = allTypes.map(\.name.count).max() ?? 0
            return allTypes.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + firstSentence($0.summary) }
                .joined(separator: "\n") + "\n"
        }
        return type(named: name).map(helpText)
    }

    private func columns(_ rows: [(String, String, String)]) -> String {
        let w0 = rows.map(\.0.count).max() ?? 0, w1 = rows.map(\.1.count).max() ?? 0
        return rows.map { "  " + $0.0.padding(toLength: w0 + 2, withPad: " ", startingAt: 0)
            + $0.1.padding(toLength: w1 + 2, withPad: " ", startingAt: 0) + $0.2 }.joined(separator: "\n") + "\n"
    }

    private func firstSentence(_ text: String) -> String {
        guard let r = text.range(of: ". ") else { return text }
        return String(text[..<r.lowerBound]) + "."
    }
}
