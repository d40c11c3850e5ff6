import AnalystCore
/// Small parsers over field bytes: integers, decimal coordinates, blank/`NA` tests.
enum ByteFields {
    /// Empty, `NA`, `N/A` or `NULL` (ACLED exports use `NA`; others use blanks).
    @inline(__always)
    static func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let t = trimmed(b)
        switch t.count {
        case 0: return true
        case 2: return t[0] == 78 && t[1] == 65                        // NA
        case 3: return t[0] == 78 && t[1] == 47 && t[2] == 65          // N/A
        case 4: return t[0] == 78 && t[1] == 85 && t[2] == 76 && t[3] == 76   // NULL
        default: return false
        }
    }

    @inline(__always)
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let p = b.baseAddress else { return b }
        var s = 0, e = b.count
        while s < e && (p[s] == 32 || p[s] == 9) { s += 1 }
        while e > s && (p[e - 1] == 32 || p[e - 1] == 9) { e -= 1 }
        return UnsafeBufferPointer(start: p + s, count: e - s)
    }

    /// A decimal integer with optional sign; nil if anything else is there.
    @inline(__always)
    static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let t = trimmed(b)
        guard t.count > 0, t.count < 19 else { return nil }
        var i = 0, neg = false
        if t[0] == 45 || t[0] == 43 { neg = t[0] == 45; i = 1 }
        guard i < t.count else { return nil }
        var v = 0
        while i < t.count {
            let d = Int(t[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v &* 10 &+ d
            i += 1
        }
        return neg ? -v : v
    }

    private static let pow10: [Double] = (0...22).map { var x = 1.0; for _ in 0..<$0 { x *= 10 }; return x }

    /// A decimal number like `36.2021` or `-3.5`. Digits/10^k is exact for up to 15 digits and
    /// k <= 22 (both are exact doubles, the division rounds once); anything else goes to strtod.
    @inline(__always)
    static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let t = trimmed(b)
        guard t.count > 0 else { return nil }
        var i = 0, neg = false
        if t[0] == 45 || t[0] == 43 { neg = t[0] == 45; i = 1 }
        var mant: UInt64 = 0, digits = 0, frac = 0, seenDot = false, any = false
        while i < t.count {
            let c = t[i]
            if c >= 48 && c <= 57 {
                mant = mant &* 10 &+ UInt64(c - 48); digits += 1; any = true
                if seenDot { frac += 1 }
            } else if c == 46 && !seenDot {
                seenDot = true
            } else {
                return slowDouble(t)
            }
            i += 1
        }
        guard any else { return nil }
        if digits > 15 || frac > 22 { return slowDouble(t) }
        let v = Double(mant) / pow10[frac]
        return neg ? -v : v
    }

    private static func slowDouble(_ t: UnsafeBufferPointer<UInt8>) -> Double? {
        let s = String(decoding: t, as: UTF8.self)
        guard let v = Double(s), v.isFinite else { return nil }
        return v
    }

    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
}

/// Ids for rows that have none: the format's name and a 64-bit FNV-1a hash of the record's bytes
/// (`ACLED-9f3a...`), so the same row gets the same id in every run and after rows around it are
/// added or removed. Two identical rows get the same id (the later one wins `row(withID:)`).
enum GeneratedID {
    static func store(prefix: String, _ sc: borrowing ByteCSVScanner, _ pool: inout StringPool) -> Int32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var end = sc.pos
        while end > sc.recordStart && (sc.base[end - 1] == 10 || sc.base[end - 1] == 13) { end -= 1 }
        for i in sc.recordStart..<end { h = (h ^ UInt64(sc.base[i])) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        var id = prefix + "-" + String(repeating: "0", count: 16 - hex.count) + hex
        return id.withUTF8 { pool.store(bytes: $0) }
    }
}
