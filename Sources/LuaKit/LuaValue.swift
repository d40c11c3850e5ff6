/// A Lua value copied out of (or into) a state. Strings are bytes, so any Lua string, including
/// invalid UTF-8 and embedded NULs, round-trips exactly.
public enum LuaValue: Equatable, Sendable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(LuaString)
    /// A table with keys 1...n and nothing else.
    case array([LuaValue])
    /// Any other table, as key/value pairs in no particular order.
    case table([LuaPair])

    public static func str(_ s: String) -> LuaValue { .string(LuaString(s)) }

    public var stringValue: String? {
        if case .string(let s) = self { return s.string }
        return nil
    }

    public var isNil: Bool { if case .nil = self { return true } else { return false } }

    /// Looks a string key up in a `.table` value.
    public subscript(key: String) -> LuaValue {
        guard case .table(let pairs) = self else { return .nil }
        return pairs.first { $0.key == .str(key) }?.value ?? .nil
    }
}

public struct LuaPair: Equatable, Sendable {
    public var key: LuaValue
    public var value: LuaValue
    public init(_ key: LuaValue, _ value: LuaValue) { self.key = key; self.value = value }
}

/// A Lua string: raw bytes, shown as UTF-8 where they are valid.
public struct LuaString: Equatable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    public init(stringLiteral value: String) { self.init(value) }
    /// The text if the bytes are valid UTF-8.
    public var string: String? { String(validating: bytes, as: UTF8.self) }
    public var description: String { string ?? String(decoding: bytes, as: UTF8.self) }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .str(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(nilLiteral: ()) { self = .nil }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
}
