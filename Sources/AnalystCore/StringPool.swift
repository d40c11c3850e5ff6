/// Interns strings: each distinct string is stored once and named by a small integer, so columns of
/// names (actors, admin1, sources) cost 4 bytes a row and compare as integers.
public struct StringPool: Sendable {
    public private(set) var strings: [String] = []
    private var index: [String: Int32] = [:]

    public init() {}

    public mutating func intern(_ s: String) -> Int32 {
        if let i = index[s] { return i }
        let i = Int32(strings.count)
        strings.append(s)
        index[s] = i
        return i
    }

    /// The id of `s` if it was interned.
    public func lookup(_ s: String) -> Int32? { index[s] }

    public subscript(id: Int32) -> String { strings[Int(id)] }

    public var count: Int { strings.count }
}
