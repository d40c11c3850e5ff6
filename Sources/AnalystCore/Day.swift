/// A calendar day (proleptic Gregorian, UTC), stored as days since 1970-01-01 so that dates compare
/// and subtract as integers.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var number: Int32

    public init(number: Int32) { self.number = number }

    /// nil when the date does not exist (31 February, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        number = Int32(Day.daysFromCivil(year, month, day))
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: some StringProtocol) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) { Day.civilFromDays(Int(number)) }
    public var year: Int { components.year }
    public var month: Int { components.month }
    public var dayOfMonth: Int { components.day }

    /// 1 = Monday ... 7 = Sunday (ISO 8601).
    public var weekday: Int {
        let w = (Int(number) + 3) % 7   // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var iso: String {
        let c = components
        return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)-\(c.day < 10 ? "0" : "")\(c.day)"
    }
    public var description: String { iso }

    public static func + (d: Day, n: Int) -> Day { Day(number: d.number + Int32(n)) }
    public static func - (d: Day, n: Int) -> Day { Day(number: d.number - Int32(n)) }
    public static func - (a: Day, b: Day) -> Int { Int(a.number - b.number) }
    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

/// An inclusive interval of days: what a source lets us say about when something happened.
public struct DayRange: Hashable, Sendable, CustomStringConvertible {
    public var first: Day
    public var last: Day

    public init(_ first: Day, _ last: Day) {
        self.first = min(first, last)
        self.last = max(first, last)
    }
    public init(_ day: Day) { self.init(day, day) }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` (also `/` as separator).
    public init?(iso: some StringProtocol) {
        let text = String(iso.trimmingCharacters(in: " \t"))
        for sep in ["..", "/"] {
            let parts = text.split(separator: sep, maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 {
                guard let a = Day(iso: parts[0]), let b = Day(iso: parts[1]) else { return nil }
                self.init(a, b)
                return
            }
        }
        guard let d = Day(iso: text) else { return nil }
        self.init(d)
    }

    public var days: Int { last - first + 1 }
    public var isSingleDay: Bool { first == last }
    public func contains(_ d: Day) -> Bool { first <= d && d <= last }
    public func overlaps(_ o: DayRange) -> Bool { first <= o.last && o.first <= last }
    public func intersection(_ o: DayRange) -> DayRange? {
        overlaps(o) ? DayRange(max(first, o.first), min(last, o.last)) : nil
    }
    public func union(_ o: DayRange) -> DayRange { DayRange(min(first, o.first), max(last, o.last)) }
    public var description: String { isSingleDay ? first.iso : "\(first.iso)..\(last.iso)" }
}

extension StringProtocol {
    public func trimmingCharacters(in set: String) -> Substring {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return s
    }
}
