import AnalystCore

/// A date expression found in a sentence, resolved to an interval with ACLED's time precision.
public struct DateMention: Sendable {
    public var tokens: Range<Int>
    public var range: DayRange
    public var precision: Int
    /// Only a year ("in 2015"): marks historical statements.
    public var yearOnly: Bool
    /// "since Wednesday": the start of something still going on.
    public var since: Bool
    /// Day, month and year all written: the text's own date, kept even after the publication date.
    public var full: Bool = false
}

/// What relative dates are resolved against.
public struct DateContext: Sendable {
    public var published: DayRange?
    /// The narrative anchor: the latest date the text has set (see docs/extraction.md).
    public var anchor: DayRange?
    public var anchorPrecision: Int = 3
    /// Latest year the article mentions, to place a weekday+day+month when the publication is unknown.
    public var yearHint: Int?
    /// The publication span of the article's collection, when the article has no date of its own:
    /// gives day-and-month dates their year (and nothing else).
    public var collection: DayRange?
    /// The day the latest dated heading set ("Thursday 5 December" over a live blog's entries).
    public var headingDay: DayRange?
    public init(published: DayRange?) { self.published = published }
}

/// What the parser recognised, before resolution against the context.
enum RawDate {
    case full(y: Int, m: Int, d: Int)
    case dayMonth(m: Int, d: Int, weekday: Int?)
    case dayRange(m: Int, d1: Int, d2: Int)            // "8-9 December", "Dec. 2-4"
    case dayOnly(d: Int, weekday: Int?)                // "Friday 29", "Quinta-feira (5)", a timeline's "6 -"
    case monthYear(y: Int, m: Int, part: Int)          // part: 0 whole, 1 beginning, 2 middle, 3 end
    case month(m: Int, part: Int)
    case year(Int)
    case weekday(Int, past: Bool, next: Bool)
    case dayOffset(Int)
    case offset(days: Int)                             // from the anchor ("two days later")
    case ago(days: Int)                                // from publication
    case within(days: Int)                             // anchor .. anchor + n
    case lastWeek, thisWeek
    case clock                                         // "07:45 ..." opening a live-blog entry: that day
}

/// Finds date expressions in a sentence (one pass over its tokens with the language's date words)
/// and resolves them against publication date and narrative anchor.
struct DateResolver {
    let lex: LanguageLexicon

    private enum Item { case word(DateWord), num(Int, digits: Int), punct(String), other }

    func parse(_ toks: [Token], _ range: Range<Int>) -> [(Range<Int>, RawDate, since: Bool)] {
        // 1. Label tokens: date words (longest phrase), numbers, separators.
        var labelled: [(Range<Int>, Item)] = []
        labelled.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let t = toks[i]
            if t.kind == .number, t.text.utf8.count <= 4, let v = Int(t.text) {
                labelled.append((i..<i + 1, .num(v, digits: t.text.utf8.count))); i += 1; continue
            }
            if t.kind == .word, let (v, n) = DateResolver.ordinal(t.text) {
                labelled.append((i..<i + 1, .num(v, digits: n))); i += 1; continue
            }
            if t.flags & TableBits.date != 0, let m = lex.dates.longest(in: toks, at: i, end: range.upperBound, firstForms: lex.forms(t)) {
                labelled.append((i..<i + m.length, .word(m.value))); i += m.length; continue
            }
            if t.kind == .punct, t.text == "/" || t.text == "." || t.text == "-" || t.text == "," || t.text == "(" {
                labelled.append((i..<i + 1, .punct(t.text))); i += 1; continue
            }
            labelled.append((i..<i + 1, .other)); i += 1
        }
        let items = labelled   // immutable from here: no exclusivity checks in the helpers below
        // 2. Patterns, left to right.
        var out: [(Range<Int>, RawDate, since: Bool)] = []
        var j = 0
        var since = false
        func word(_ k: Int, _ kind: DateWordKind) -> Int? {
            if k < items.count, case .word(let w) = items[k].1, w.kind == kind { return w.value }
            return nil
        }
        func num(_ k: Int) -> (Int, Int)? {
            if k < items.count, case .num(let v, let d) = items[k].1 { return (v, d) }
            if k < items.count, case .word(let w) = items[k].1, w.kind == .number { return (w.value, 0) }
            return nil
        }
        func digits(_ k: Int) -> (Int, Int)? {
            if k < items.count, case .num(let v, let d) = items[k].1 { return (v, d) }
            return nil
        }
        func punct(_ k: Int, _ set: [String]) -> Bool {
            if k < items.count, case .punct(let p) = items[k].1 { for x in set where x == p { return true } }
            return false
        }
        func skipFiller(_ k: Int) -> Int { var k = k; while word(k, .filler) != nil || punct(k, [","]) { k += 1 }; return k }
        /// month word, or "tháng 11": returns (month, next index)
        func month(_ k: Int) -> (Int, Int)? {
            if let m = word(k, .month) { return (m, k + 1) }
            if word(k, .monthPrefix) != nil, let (m, d) = digits(k + 1), d <= 2, (1...12).contains(m) { return (m, k + 2) }
            return nil
        }
        func year(_ k: Int) -> (Int, Int)? {
            var k = skipFiller(k)
            if word(k, .yearPrefix) != nil { k += 1 }
            if let (y, d) = digits(k), d == 4, (1900...2100).contains(y) { return (y, k + 1) }
            return nil
        }
        func weekdayNear(_ a: Int, _ b: Int) -> Int? {
            for k in max(0, a - 4)..<min(items.count, b + 3) { if let w = word(k, .weekday) { return w } }
            return nil
        }
        func emit(_ a: Int, _ b: Int, _ d: RawDate) {
            out.append((items[a].0.lowerBound..<items[b - 1].0.upperBound, d, since)); since = false
        }
        // A timeline line opening with a day number ("6 - Rastan falls", "8-9 - Fighters enter"):
        // a number first on its line, then a name.
        if let (d, dd) = digits(0), dd <= 2, (1...31).contains(d), toks[range.lowerBound].breakBefore > 0 || range.lowerBound == 0 {
            if items.count > 1, items[1].0.lowerBound < range.upperBound, toks[items[1].0.lowerBound].capitalized {
                emit(0, 1, .dayOnly(d: d, weekday: nil)); j = 1
            } else if punct(1, ["-"]), let (d2, db) = digits(2), db <= 2, d < d2, d2 <= 31, items.count > 3,
                      toks[items[3].0.lowerBound].capitalized {
                emit(0, 3, .dayOnly(d: d, weekday: nil))
                out[out.count - 1].1 = .dayRange(m: 0, d1: d, d2: d2); j = 3
            }
        }
        // A live-blog entry opening with a clock time ("07:45 Rebels enter ...") happens on the day
        // being told: the narrative anchor, else the publication day.
        if j == 0, let (h, dh) = digits(0), dh <= 2, h <= 23, items.count > 2,
           case .other = items[1].1, toks[items[1].0.lowerBound].text == ":", let (mm, dm) = digits(2), dm == 2, mm <= 59,
           toks[range.lowerBound].breakBefore > 0 || range.lowerBound == 0 {
            emit(0, 3, .clock); j = 3
        }
        // "14.10 – ..." opening a line is a clock time too (Turkish, German live blogs), unless a dot or
        // a year follows as in a day.month date ("27.11.", "27.11.2024")
        if j == 0, let (h, dh) = digits(0), dh == 2, h <= 23, punct(1, ["."]), let (mm, dm) = digits(2), dm == 2, mm <= 59,
           !punct(3, ["."]), toks[range.lowerBound].breakBefore > 0 || range.lowerBound == 0,
           items.count > 3, toks[items[3].0.lowerBound].kind == .word {
            emit(0, 3, .clock); j = 3
        }
        while j < items.count {
            // only a date word or a number can start a date
            switch items[j].1 { case .other, .punct: j += 1; continue; default: break }
            if word(j, .since) != nil { since = true; j += 1; continue }
            var start = j
            // ISO 2024-12-08
            if let (y, dy) = digits(j), dy == 4, punct(j + 1, ["-", "/", "."]), let (m, _) = digits(j + 2),
               punct(j + 3, ["-", "/", "."]), let (d, _) = digits(j + 4), Day(year: y, month: m, day: d) != nil {
                emit(j, j + 5, .full(y: y, m: m, d: d)); j += 5; continue
            }
            // 27/11/2024, 27.11.2024, 27/11 (a day prefix like "ngày" may precede)
            if word(j, .dayPrefix) != nil, digits(j + 1) != nil { j += 1; start = j - 1 }
            if let (a, da) = digits(j), da <= 2, punct(j + 1, ["/", ".", "-"]), let (b, db) = digits(j + 2), db <= 2 {
                var d = a, m = b
                if m > 12 && d <= 12 { swap(&d, &m) }   // US order 11/27
                if (1...12).contains(m), (1...31).contains(d) {
                    if punct(j + 3, ["/", ".", "-"]), let (y0, dy) = digits(j + 4), dy == 4 || dy == 2 {
                        let y = dy == 2 ? 2000 + y0 : y0
                        if Day(year: y, month: m, day: d) != nil { emit(start, j + 5, .full(y: y, m: m, d: d)); j += 5; continue }
                    } else if !(punct(j + 3, ["/", "."]) && digits(j + 4) != nil) {
                        emit(start, j + 3, .dayMonth(m: m, d: d, weekday: weekdayNear(start, j + 3))); j += 3; continue
                    }
                }
            }
            // 8-9 December, 2-4 Dec
            if let (d1, da) = digits(j), da <= 2, punct(j + 1, ["-"]), let (d2, db) = digits(j + 2), db <= 2, d1 < d2, d2 <= 31 {
                var k = j + 3
                if punct(k, ["."]) { k += 1 }
                k = skipFiller(k)
                if let (m, k2) = month(k) { emit(start, k2, .dayRange(m: m, d1: d1, d2: d2)); j = k2; continue }
            }
            // 27 November [2024], 27. November, 27 de noviembre de 2024, 27 tháng 11 năm 2024
            if let (d, dd) = digits(j), dd <= 2, (1...31).contains(d) {
                var k = j + 1
                if punct(k, ["."]) { k += 1 }
                k = skipFiller(k)
                if let (m, k2) = month(k) {
                    if let (y, k3) = year(k2) { emit(start, k3, .full(y: y, m: m, d: d)); j = k3; continue }
                    emit(start, k2, .dayMonth(m: m, d: d, weekday: weekdayNear(start, k2))); j = k2; continue
                }
            }
            // [end of] [last] November [27][, 2024]
            var part = 0
            var k = j
            if word(k, .endOf) != nil { part = 3; k += 1 } else if word(k, .beginningOf) != nil { part = 1; k += 1 }
            else if word(k, .midOf) != nil { part = 2; k += 1 }
            k = skipFiller(k)
            if word(k, .past) != nil || word(k, .this) != nil { k += 1 }
            if let (m, k2) = month(k) {
                var k2 = k2
                if punct(k2, ["."]) && digits(k2 + 1) != nil { k2 += 1 }   // "Nov. 29"
                if part == 0, let (d1, da) = digits(k2), da <= 2, punct(k2 + 1, ["-"]), let (d2, db) = digits(k2 + 2), db <= 2, d1 < d2, d2 <= 31 {
                    emit(j, k2 + 3, .dayRange(m: m, d1: d1, d2: d2)); j = k2 + 3; continue
                }
                if part == 0, let (d, dd) = digits(k2), dd <= 2, (1...31).contains(d) {
                    if let (y, k3) = year(k2 + 1) { emit(j, k3, .full(y: y, m: m, d: d)); j = k3; continue }
                    emit(j, k2 + 1, .dayMonth(m: m, d: d, weekday: weekdayNear(j, k2 + 1))); j = k2 + 1; continue
                }
                if let (y, k3) = year(k2) { emit(j, k3, .monthYear(y: y, m: m, part: part)); j = k3; continue }
                // A bare month word is only a date with a cue (end of, last) or in a date-ish spot.
                emit(j, k2, .month(m: m, part: part)); j = k2; continue
            }
            // [last|this|next] Friday [vừa qua]
            k = j
            var past = false, next = false
            if word(k, .past) != nil { past = true; k += 1 } else if word(k, .next) != nil { next = true; k += 1 }
            else if word(k, .this) != nil { k += 1 }
            if let w = word(k, .weekday) {
                k += 1
                // "Friday 29", "Quinta-feira (5)", "Samstag, 7.": a day of the month without its month
                var kd = k
                while punct(kd, ["(", ","]) { kd += 1 }
                if !past && !next, let (d, dd) = digits(kd), dd <= 2, (1...31).contains(d), month(skipFiller(kd + 1 + (punct(kd + 1, ["."]) ? 1 : 0))) == nil {
                    emit(j, kd + 1, .dayOnly(d: d, weekday: w)); j = kd + 1; continue
                }
                if word(k, .past) != nil { past = true; k += 1 }
                if word(k, .next) != nil { next = true; k += 1 }
                emit(j, k, .weekday(w, past: past, next: next)); j = k; continue
            }
            if let v = word(j, .dayOffset) { emit(j, j + 1, .dayOffset(v)); j += 1; continue }
            if word(j, .lastWeek) != nil { emit(j, j + 1, .lastWeek); j += 1; continue }
            if word(j, .thisWeek) != nil { emit(j, j + 1, .thisWeek); j += 1; continue }
            // within [just] three days / trong bốn ngày
            if word(j, .within) != nil {
                let k = skipFiller(j + 1)
                if let (n, _) = num(k), let u = word(k + 1, .unit) { emit(j, k + 2, .within(days: n * u)); j = k + 2; continue }
            }
            // ago before the number: hace tres días, il y a trois jours, vor drei Tagen
            if word(j, .ago) != nil, let (n, _) = num(j + 1), let u = word(j + 2, .unit) {
                emit(j, j + 3, .ago(days: n * u)); j += 3; continue
            }
            // two days later / hai ngày sau / a day after / three days ago / the day before
            if let (n, _) = num(j), let u = word(j + 1, .unit) {
                if word(j + 2, .later) != nil { emit(j, j + 3, .offset(days: n * u)); j += 3; continue }
                if word(j + 2, .before) != nil { emit(j, j + 3, .offset(days: -n * u)); j += 3; continue }
                if word(j + 2, .ago) != nil { emit(j, j + 3, .ago(days: n * u)); j += 3; continue }
            }
            if let (y, k2) = year(j), k2 == j + 1 || word(j, .yearPrefix) != nil { emit(j, k2, .year(y)); j = k2; continue }
            j += 1
        }
        return out
    }

    /// Resolves one raw date. nil when the context cannot place it (relative date, no publication date).
    static func resolve(_ raw: RawDate, _ ctx: DateContext) -> (DayRange, Int)? {
        let pub = ctx.published
        func closestPast(m: Int, d: Int) -> DayRange? {
            let ref = pub?.last ?? ctx.collection?.last ?? ctx.anchor?.last
            guard let ref else { return nil }
            var y = ref.year
            if pub == nil && ctx.collection == nil { return Day(year: y, month: m, day: d).map { DayRange($0) } }
            guard var day = Day(year: y, month: m, day: d) ?? Day(year: y - 1, month: m, day: d) else { return nil }
            if day > ref + 1 { y -= 1; guard let d2 = Day(year: y, month: m, day: d) else { return nil }; day = d2 }
            return DayRange(day)
        }
        /// A day of the month alone: the nearest such day (with that weekday when given) at or before
        /// the publication, else after the narrative anchor.
        func dayOnly(_ d: Int, _ w: Int?) -> DayRange? {
            if let ref = pub?.last {
                for back in 0..<62 { let day = ref - back; if day.dayOfMonth == d && (w == nil || day.weekday == w) { return DayRange(day) } }
                if w != nil { return dayOnly(d, nil) }
                return nil
            }
            if let a = ctx.anchor?.first {
                for fwd in -3..<62 { let day = a + fwd; if day.dayOfMonth == d && (w == nil || day.weekday == w) { return DayRange(day) } }
            }
            return nil
        }
        func monthRange(_ y: Int, _ m: Int, _ part: Int) -> DayRange? {
            guard let first = Day(year: y, month: m, day: 1) else { return nil }
            let n = Day.daysIn(month: m, year: y)
            switch part {
            case 1: return DayRange(first, first + 9)
            case 2: return DayRange(first + 10, first + 19)
            case 3: return DayRange(first + 20, first + (n - 1))
            default: return DayRange(first, first + (n - 1))
            }
        }
        switch raw {
        case let .full(y, m, d):
            return Day(year: y, month: m, day: d).map { (DayRange($0), 1) }
        case let .dayMonth(m, d, weekday):
            if let r = closestPast(m: m, d: d) { return (r, 1) }
            // Unknown publication: a weekday next to the date pins the year (first fitting year
            // not before the latest year the article mentions).
            if let w = weekday {
                let from = ctx.yearHint ?? 2000
                for y in from...(from + 12) { if let day = Day(year: y, month: m, day: d), day.weekday == w { return (DayRange(day), 1) } }
            }
            return nil
        case let .dayRange(m, d1, d2):
            if m == 0 {   // month unknown: the days after the anchor (a timeline)
                guard let a = dayOnly(d1, nil), let b = dayOnly(d2, nil), a.first <= b.first else { return nil }
                return (DayRange(a.first, b.first), 2)
            }
            guard let a = closestPast(m: m, d: d1), let b = Day(year: a.first.year, month: m, day: d2) else { return nil }
            return (DayRange(a.first, b), 2)
        case let .dayOnly(d, weekday):
            return dayOnly(d, weekday).map { ($0, 1) }
        case let .monthYear(y, m, part):
            return monthRange(y, m, part).map { ($0, part == 0 ? 3 : 2) }
        case let .month(m, part):
            guard let ref = pub?.last ?? ctx.anchor?.last else { return nil }
            var y = ref.year
            if pub != nil, m > ref.month { y -= 1 }
            return monthRange(y, m, part).map { ($0, part == 0 ? 3 : 2) }
        case let .year(y):
            guard let a = Day(year: y, month: 1, day: 1), let b = Day(year: y, month: 12, day: 31) else { return nil }
            return (DayRange(a, b), 3)
        case let .weekday(w, past, next):
            if let pub {
                func f(_ ref: Day) -> Day {
                    var back = (ref.weekday - w + 7) % 7
                    if next { return ref + ((w - ref.weekday + 7) % 7 == 0 ? 7 : (w - ref.weekday + 7) % 7) }
                    if past && back == 0 { back = 7 }
                    return ref - back
                }
                let r = DayRange(f(pub.first), f(pub.last))
                return (r, r.isSingleDay ? 1 : 2)
            }
            // Unknown publication: the first such weekday on or after the anchor (news narrates forward).
            if let a = ctx.anchor {
                let fwd = (w - a.first.weekday + 7) % 7
                return (DayRange(a.first + fwd), 2)
            }
            return nil
        case let .dayOffset(n):
            guard let pub else { return nil }
            let r = DayRange(pub.first + n, pub.last + n)
            return (r, r.isSingleDay ? 1 : 2)
        case let .offset(days):
            guard let a = ctx.anchor else { return nil }
            let r = DayRange(a.first + days, a.last + days)
            return (r, max(ctx.anchorPrecision, abs(days) >= 7 ? 2 : 1))
        case let .ago(days):
            guard let pub else { return nil }
            let r = DayRange(pub.first - days, pub.last - days)
            return (r, r.isSingleDay && days < 7 ? 1 : 2)
        case let .within(days):
            if let a = ctx.anchor { return (DayRange(a.first, a.last + days), 2) }
            if let pub { return (DayRange(pub.first - days, pub.last), 2) }
            return nil
        case .clock:
            // the day a heading set, else the publication day: what an earlier entry said of another
            // day ("overnight", "on 27 November") dates that entry, not the next ones
            if let h = ctx.headingDay { return (h, h.isSingleDay ? 1 : 2) }
            guard let pub else { return nil }
            return (pub, pub.isSingleDay ? 1 : 2)
        case .lastWeek:
            guard let pub else { return nil }
            let monday = pub.first - (pub.first.weekday - 1) - 7
            return (DayRange(monday, max(monday + 6, pub.last - 7)), 2)
        case .thisWeek:
            guard let pub else { return nil }
            return (DayRange(pub.first - (pub.first.weekday - 1), pub.last), 2)
        }
    }

    /// "1st", "2nd", "1er", "1o" (1º), "3e": an ordinal day number and its digit count.
    static func ordinal(_ w: String) -> (Int, Int)? {
        guard let first = w.utf8.first, first >= 0x30 && first <= 0x39 else { return nil }
        let u = Array(w.utf8)
        var n = 0
        while n < u.count && n < 3 && u[n] >= 0x30 && u[n] <= 0x39 { n += 1 }
        guard n <= 2, let v = Int(String(decoding: u[0..<n], as: UTF8.self)) else { return nil }
        let suffix = String(decoding: u[n...], as: UTF8.self)
        return ["st", "nd", "rd", "th", "er", "re", "e", "eme", "o", "a", "º", "ª"].contains(suffix) ? (v, n) : nil
    }

    /// Parses and resolves the dates of one sentence, moving the anchor along as it goes.
    func mentions(_ toks: [Token], _ range: Range<Int>, _ ctx: inout DateContext) -> [DateMention] {
        var out: [DateMention] = []
        for (r, raw, since) in parse(toks, range) {
            guard let (dr, p) = DateResolver.resolve(raw, ctx) else { continue }
            var yearOnly = false
            if case .year = raw { yearOnly = true }
            var full = false
            if case .full = raw { full = true }
            out.append(DateMention(tokens: r, range: dr, precision: p, yearOnly: yearOnly, since: since, full: full))
        }
        return out
    }
}
