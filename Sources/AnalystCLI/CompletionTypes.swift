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
