import Foundation
import AnalystCore

/// Colours by side (fixed for government/opposition) or by the busiest actors.
struct ColorScale {
    let key: TimelineRenderer.ColorKey
    private(set) var entries: [(String, String)] = []
    private var byName: [String: String] = [:]
    private let otherSides: [String]

    init(events: [PlotEvent], key: TimelineRenderer.ColorKey) {
        self.key = key
        var counts: [String: Int] = [:]
        for e in events { if let k = key == .side ? e.side : e.actor { counts[k, default: 0] += 1 } }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        otherSides = ranked.filter { $0 != "government" && $0 != "opposition" }
        switch key {
        case .side:
            for s in ["government", "opposition"] + otherSides where counts[s] != nil {
                let c = Palette.sideColor(s, others: otherSides)
                byName[s] = c
                entries.append(("\(s) side", c))
            }
        case .actor:
            for (i, a) in ranked.prefix(Palette.cycle.count).enumerated() {
                byName[a] = Palette.cycle[i]
                entries.append((a, Palette.cycle[i]))
            }
            if ranked.count > Palette.cycle.count { entries.append(("other actors", Palette.grey)) }
        }
        if events.contains(where: { (key == .side ? $0.side : $0.actor) == nil }) { entries.append(("unattributed", Palette.grey)) }
    }

    func color(_ e: PlotEvent) -> String {
        guard let k = key == .side ? e.side : e.actor else { return Palette.grey }
        return byName[k] ?? Palette.grey
    }

    func order(_ c: String) -> Int { entries.firstIndex { $0.1 == c } ?? entries.count }
}

/// Axis ticks for a span of days: days, weeks (Mondays), months or years, labelled sparsely enough.
enum Ticks {
    struct Tick { var day: Day; var label: String?; var major: Bool }

    static func make(_ w: DayRange, pixelsPerDay: Double) -> [Tick] {
        var out: [Tick] = []
        let days = w.days
        var d = w.first
        if days <= 45 {
            let every = max(1, Int((60 / pixelsPerDay).rounded(.up)))
            var i = 0
            while d <= w.last {
                let label = i % every == 0 ? PlotText.day(d, year: i == 0 || (d.month == 1 && d.dayOfMonth == 1)) : nil
                out.append(Tick(day: d, label: label, major: label != nil))
                d = d + 1; i += 1
            }
        } else if days <= 240 {
            while d.weekday != 1 { d = d + 1 }
            var first = true
            while d <= w.last {
                out.append(Tick(day: d, label: PlotText.day(d, year: first), major: true))
                d = d + 7; first = false
            }
        } else if days <= 365 * 4 {
            var (y, m) = (w.first.year, w.first.month)
            let monthPx = 30 * pixelsPerDay
            let every = monthPx >= 60 ? 1 : monthPx >= 30 ? 3 : 6
            while true {
                guard let day = Day(year: y, month: m, day: 1) else { break }
                if day > w.last { break }
                if day >= w.first {
                    let label = (m - 1) % every == 0 ? (m == 1 || out.isEmpty ? PlotText.monthYear(day) : PlotText.months[m - 1]) : nil
                    out.append(Tick(day: day, label: label, major: label != nil))
                }
                m += 1; if m > 12 { m = 1; y += 1 }
            }
        } else {
            let yearPx = 365 * pixelsPerDay
            let every = yearPx >= 40 ? 1 : yearPx >= 16 ? 2 : 5
            for y in w.first.year...w.last.year + 1 {
                guard let day = Day(year: y, month: 1, day: 1), day >= w.first, day <= w.last else { continue }
                out.append(Tick(day: day, label: y % every == 0 ? String(y) : nil, major: y % every == 0))
            }
        }
        return out
    }
}
