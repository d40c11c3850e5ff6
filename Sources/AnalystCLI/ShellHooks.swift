import LuaKit

/// What other modules plug into the shell. The analyst API (AnalystLua) fills these when it
/// installs itself; the shell works without them.
public enum ShellHooks {
    /// One line under the banner, e.g. "corpus: 412 articles, 1208 events, 96 places, 3 languages".
    nonisolated(unsafe) public static var bannerSummary: (LuaState) -> String? = { _ in nil }
    /// The text `.corpus` prints; nil prints "no corpus loaded".
    nonisolated(unsafe) public static var corpusSummary: (LuaState) -> String? = { _ in nil }
    /// `.reload`: reloads the corpus and returns a line to print; throws to report a failure.
    /// nil: `.reload` says there is nothing to reload.
    nonisolated(unsafe) public static var reload: ((LuaState) throws -> String)?
    /// Completion after a call: global function name (`place`, `geo.nearest`) -> name of the
    /// registry metatable of the userdata it returns (`analyst.Place`). `place("Aleppo").<TAB>`
    /// then offers that type's `__fields` and methods without calling anything.
    nonisolated(unsafe) public static var returnTypes: [String: String] = [:]
}

/// What completion knows of the API's declared types (filled from the registry by the analyst
/// module): `events{}:fi<TAB>`, `caps[1].<TAB>`, and names inside strings.
public struct CompletionTypes {
    public enum StringKind { case eventType, place, actor }
    /// Field and method names of a type (`methodsOnly` after `:`); nil for an unknown type.
    public var members: (_ type: String, _ methodsOnly: Bool) -> [String]?
    /// The declared type of a field, or the return type of a method, of a type.
    public var memberType: (_ type: String, _ member: String) -> String?
    /// The declared return type of a function or property (`events`, `geo.nearest`, `corpus.articles`).
    public var returnType: (_ function: String) -> String?
    /// The type of a list's items (`Event` for `EventList`).
    public var elementType: (_ type: String) -> String?
    /// Names for a string argument: event types, place names, actor names.
    public var strings: (_ kind: StringKind) -> [String]

    public init(members: @escaping (String, Bool) -> [String]?, memberType: @escaping (String, String) -> String?,
                returnType: @escaping (String) -> String?, elementType: @escaping (String) -> String?,
                strings: @escaping (StringKind) -> [String]) {
        self.members = members; self.memberType = memberType; self.returnType = returnType
        self.elementType = elementType; self.strings = strings
    }
}

extension ShellHooks {
    nonisolated(unsafe) public static var types: CompletionTypes?
}
