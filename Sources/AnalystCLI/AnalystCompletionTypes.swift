import AnalystCore
import AnalystLua
import Foundation

/// Completion's view of the analyst API: types, members and return types from the registry (the
/// one that drives help()), names from the session's corpus.
extension AnalystHost {
    /// `Leg` for `List<Leg>`: a List whose rows have a declared type.
    static func listOf(_ type: String) -> String? {
        guard type.hasPrefix("List<"), type.hasSuffix(">") else { return nil }
        return String(type.dropFirst(5).dropLast())
    }

    /// Built per call: the closures hold the host weakly (the shell's completion holds them).
    func completionTypes() -> CompletionTypes {
        CompletionTypes(
            members: { [weak self] type, methodsOnly in
                guard let r = self?.api?.registry, let t = r.type(named: AnalystHost.listOf(type) != nil ? "List" : type),
                      t.name == type || AnalystHost.listOf(type) != nil else { return nil }
                let methods = r.methods(of: t.name).map(\.shortName)
                return methodsOnly ? methods : t.fields.map(\.name) + methods
            },
            memberType: { [weak self] type, member in
                guard let r = self?.api?.registry, let t = r.type(named: type) else { return nil }
                if let f = t.fields.first(where: { $0.name == member }) { return f.type }
                return r.methods(of: t.name).first { $0.shortName == member }?.returns
            },
            returnType: { [weak self] name in
                guard let r = self?.api?.registry else { return nil }
                if let row = r.rowTypes[name] { return "List<\(row)>" }   // advance{...}[1] is a Leg
                return (r.entries + r.described).first { $0.name == name && !$0.isMethod }?.returns
            },
            elementType: { [weak self] type in AnalystHost.listOf(type) ?? self?.api?.registry.type(named: type)?.element },
            strings: { [weak self] kind in
                switch kind {
                case .eventType:
                    return EventType.allCases.map(\.rawValue)
                case .place:
                    guard let c = try? self?.session?.corpus() else { return [] }
                    return c.gazetteer.places.map(\.name)
                case .actor:
                    guard let c = try? self?.session?.corpus() else { return [] }
                    return c.actors.actors.flatMap { [$0.id, $0.name] }
                }
            })
    }
}
