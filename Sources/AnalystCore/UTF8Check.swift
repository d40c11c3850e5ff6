// The one UTF-8 validator: the importers check each record with it, SafeFile each corpus file.

/// UTF-8 validation (imported records, corpus files): ASCII eight bytes at a time, multi-byte sequences
/// checked by the rules of RFC 3629 (no overlongs, no surrogates, nothing above U+10FFFF).
public enum UTF8Check {
    /// Offset of the first byte that is not part of valid UTF-8 in [from, to), or nil.
    @inlinable
    public static func firstInvalid(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        var p = from
        while p < to {
            // ASCII eight bytes at a time, again after every multi-byte sequence (a record with
            // one Arabic name is mostly ASCII after it).
            while p + 8 <= to {
                if UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                p += 8
            }
            guard p < to else { break }
            let c = base[p]
            if c < 0x80 { p += 1; continue }
            var n = 0, lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: n = 1
            case 0xE0: n = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: n = 2
            case 0xED: n = 2; hi = 0x9F
            case 0xF0: n = 3; lo = 0x90
            case 0xF1...0xF3: n = 3
            case 0xF4: n = 3; hi = 0x8F
            default: return p
            }
            if p + n >= to { return p }   // truncated sequence
            let b1 = base[p + 1]
            if b1 < lo || b1 > hi { return p }
            if n >= 2 && base[p + 2] & 0xC0 != 0x80 { return p }
            if n == 3 && base[p + 3] & 0xC0 != 0x80 { return p }
            p += n + 1
        }
        return nil
    }
}
