import AnalystCore
/// ACLED dates as they appear in exports, parsed from bytes:
///   `2024-12-08` (current API/CSV), `28 December 2022` / `28 Dec 2022` (older exports),
///   `9-May-20` / `09-May-2020` (files saved by Excel).
/// Two-digit years: 90-99 are 1990s, 00-89 are 2000s (ACLED's data begin in 1997).
/// Month names match on their first three letters, case-insensitively, and the rest must agree
/// with the full name (`Sept` and `September` are fine, `Decxyz` is not).
public enum ACLEDDate {
    public static func parse(_ s: String) -> Day? {
        var s = s
        return s.withUTF8 { parse(bytes: $0) }
    }

    public static func parse(bytes raw: UnsafeBufferPointer<UInt8>) -> Day? {
        let b = ByteFields.trimmed(raw)
        let n = b.count
        // Fast path: YYYY-MM-DD.
        if n == 10 && b[4] == 45 && b[7] == 45 {
            guard let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2) else { return nil }
            return Day(year: y, month: m, day: d)
        }
        // Otherwise: day, month name, year separated by spaces or hyphens.
        var parts: [(Int, Int)] = []
        var i = 0
        while i < n {
            while i < n && (b[i] == 32 || b[i] == 45) { i += 1 }
            let s = i
            while i < n && b[i] != 32 && b[i] != 45 { i += 1 }
            if i > s { parts.append((s, i - s)) }
        }
        guard parts.count == 3,
              let d = digits(b, parts[0].0, parts[0].1), parts[0].1 <= 2,
              let m = month(b, parts[1].0, parts[1].1),
              var y = digits(b, parts[2].0, parts[2].1) else { return nil }
        switch parts[2].1 {
        case 2: y += y >= 90 ? 1900 : 2000
        case 4: break
        default: return nil
        }
        return Day(year: y, month: m, day: d)
    }

    @inline(__always)
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard count > 0 else { return nil }
        var v = 0
        for i in at..<(at + count) {
            let d = Int(b[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v * 10 + d
        }
        return v
    }

    private static let months: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july",
                                             "august", "september", "october", "november", "december"].map { Array($0.utf8) }

    private static func month(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard count >= 3 else { return nil }
        for (k, name) in months.enumerated() where count <= name.count {
            var ok = true
            for i in 0..<count where (b[at + i] | 0x20) != name[i] { ok = false; break }
            if ok { return k + 1 }
        }
        return nil
    }

    /// The interval an ACLED date stands for, by time_precision (our rule, see docs/import.md):
    /// 1 (day known) -> that day; 2 (week known) -> the day +-3 days; 3 (month known) -> the whole
    /// calendar month of the day. Anything else (blank) is treated as 1.
    public static func interval(_ d: Day, timePrecision: Int?) -> DayRange {
        switch timePrecision {
        case 2: return DayRange(d - 3, d + 3)
        case 3:
            let c = d.components
            let first = Day(year: c.year, month: c.month, day: 1)!
            return DayRange(first, first + (Day.daysIn(month: c.month, year: c.year) - 1))
        default: return DayRange(d)
        }
    }
}
