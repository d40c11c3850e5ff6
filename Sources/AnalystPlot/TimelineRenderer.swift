import Foundation
import AnalystCore

/// A dated strip per place (or per event type): each event is a bar over its date interval with a
/// tick at its best date, so how uncertain a date is shows as the bar's length. Crowded rows turn
/// into daily counts; past `maxRows` the quietest rows are summed up in a note.
public enum TimelineRenderer {
    public enum RowKey: String, Sendable { case place, type }
    public enum ColorKey: String, Sendable { case side, actor }

    public struct Input {
        public var events: [PlotEvent]
        public var title: String
        public var subtitle: String?
        public var generated: Date
        public var by: RowKey
        public var color: ColorKey
        public var from: Day?
        public var to: Day?
        public var maxRows: Int
        /// A row with more events than this (or needing more than `maxLanes` lanes) shows counts per day.
        public var crowded: Int
        public var maxLanes: Int

        public init(events: [PlotEvent], title: String, subtitle: String? = nil, generated: Date = Date(),
                    by: RowKey = .place, color: ColorKey = .side, from: Day? = nil, to: Day? = nil,
                    maxRows: Int = 30, crowded: Int = 40, maxLanes: Int = 8) {
            self.events = events; self.title = title; self.subtitle = subtitle; self.generated = generated
            self.by = by; self.color = color; self.from = from; self.to = to; self.maxRows = maxRows
            self.crowded = crowded; self.maxLanes = maxLanes
        }
    }

    struct Row {
        var name: String
        var events: [PlotEvent]
        var lanes: [Int] = []
        var laneCount = 1
        var aggregated = false
        var height = 26.0
        var first: Day { events.compactMap(\.bestDay).min() ?? Day(number: 0) }
        var hasCapture: Bool { events.contains { $0.type == .capture && $0.modality != .denied } }
    }

    static let width = 1120.0
    /// Height of one lane of bars in a row.
    static let lane = 13.0

    /// What a bar is, for viewers that show titles on hover.
    static func tooltip(_ e: PlotEvent) -> String {
        var parts = [LegendPanel.label(e.type), e.place ?? "no place", e.dates.map(PlotText.range) ?? e.date.map { PlotText.day($0) } ?? ""]
        if let a = e.actor { parts.append(a) }
        if e.modality != .asserted { parts.append(e.modality.rawValue) }
        return parts.joined(separator: " · ")
    }
    static let plotX = (min: 210.0, max: 1080.0)

    public static func render(_ input: Input) -> String {
        let dated = input.events.filter { $0.dates != nil || $0.date != nil }
        let allRanges = dated.map(range)
        let d0 = input.from ?? allRanges.map(\.first).min() ?? Day(number: 0)
        let d1 = max(input.to ?? allRanges.map(\.last).max() ?? d0, d0)
        let window = DayRange(d0, d1)
        let inWindow = dated.filter { range($0).overlaps(window) }
        let outsideWindow = dated.count - inWindow.count
        let undated = input.events.count - dated.count

        // Rows: the busiest `maxRows`, shown in order of their first event (by type: in type order).
        var rows = groupRows(inWindow, by: input.by)
        rows.sort { $0.events.count != $1.events.count ? $0.events.count > $1.events.count : $0.name < $1.name }
        let hidden = rows.count > input.maxRows ? Array(rows[input.maxRows...]) : []
        rows = Array(rows.prefix(input.maxRows))
        if input.by == .type {
            rows.sort { $0.events[0].type < $1.events[0].type }
        } else {
            rows.sort { $0.first != $1.first ? $0.first < $1.first : $0.name < $1.name }
        }
        for i in rows.indices { layoutRow(&rows[i], input: input) }

        let colors = ColorScale(events: inWindow, key: input.color)
        let days = Double(window.days)
        let dayW = (plotX.max - plotX.min) / days
        func x(_ d: Day) -> Double { plotX.min + Double(d - d0) * dayW }

        // The key first, on its own writer: its height sets where the axis goes.
        var key = SVGWriter(width: width, height: 0)
        let keyBottom = drawLegend(&key, colors, y: 86, anyAggregated: rows.contains { $0.aggregated })
        let axisY = keyBottom + 38
        let rowsTop = axisY + 10
        let rowsHeight = rows.reduce(0) { $0 + $1.height }
        var notes: [String] = []
        if !hidden.isEmpty {
            let what = input.by == .place ? (hidden.count == 1 ? "place" : "places") : (hidden.count == 1 ? "type" : "types")
            notes.append("+\(hidden.count) more \(what) (\(PlotText.plural(hidden.reduce(0) { $0 + $1.events.count }, "event"))) not shown")
        }
        if outsideWindow > 0 { notes.append("\(PlotText.plural(outsideWindow, "event")) outside \(PlotText.range(window)) not shown") }
        if undated > 0 { notes.append("\(PlotText.plural(undated, "event")) without a date not shown") }
        let height = rowsTop + rowsHeight + (rows.count > 18 ? 40 : 22) + Double(notes.isEmpty ? 0 : 20) + 14

        var svg = SVGWriter(width: width, height: height)
        svg.text(20, 36, input.title, size: 22, weight: "bold", fill: Palette.ink)
        let subtitle = input.subtitle ?? "\(PlotText.range(window)) · \(PlotText.plural(inWindow.count, "event")) · one row per \(input.by.rawValue)"
        svg.text(20, 60, subtitle, size: 13, fill: Palette.mutedInk)
        svg.raw(key.body)

        // Grid and axis.
        let ticks = Ticks.make(window, pixelsPerDay: dayW)
        svg.open("g", [("class", "axis")])
        var labelEnd = -Double.infinity
        for t in ticks {
            let tx = x(t.day)
            svg.element("path", [("d", "M\(SVGWriter.num(tx)) \(SVGWriter.num(axisY + 4)) L\(SVGWriter.num(tx)) \(SVGWriter.num(rowsTop + rowsHeight))"),
                                 ("stroke", t.major ? "#BBBBBB" : "#E2E2E2"), ("stroke-width", "1")])
            // Labels start just right of their tick; one that would touch the previous one or run
            // off the plot is left out (its grid line stays).
            guard let label = t.label else { continue }
            let w = TextMetrics.width(label, size: 11)
            guard tx + 3 >= labelEnd + 8, tx + 3 + w <= plotX.max + 30 else { continue }
            labelEnd = tx + 3 + w
            svg.text(tx + 3, axisY, label, size: 11, fill: Palette.mutedInk, extra: [("class", "tick")])
            if rows.count > 18 {
                svg.text(tx + 3, rowsTop + rowsHeight + 16, label, size: 11, fill: Palette.mutedInk, extra: [("class", "tick")])
            }
        }
        svg.close("g")

        // Rows.
        var y = rowsTop
        let maxDaily = rows.filter(\.aggregated).map { dailyTotals($0, window: window).values.max() ?? 0 }.max() ?? 1
        for (i, row) in rows.enumerated() {
            svg.open("g", [("class", row.aggregated ? "row aggregated" : "row"), ("analyst:name", row.name),
                           ("analyst:events", String(row.events.count))])
            if i % 2 == 0 {
                svg.element("rect", [("x", "20"), ("y", SVGWriter.num(y)), ("width", SVGWriter.num(plotX.max - 20)),
                                     ("height", SVGWriter.num(row.height)), ("fill", "#F4F4F4")])
            }
            let name = fit(row.name, width: plotX.min - 36, size: 12)
            svg.text(plotX.min - 10, y + row.height / 2 + 4, name, size: 12, anchor: .end,
                     weight: row.hasCapture ? "bold" : nil, fill: Palette.ink, extra: [("class", "row-label")])
            if row.aggregated {
                drawCounts(&svg, row, window: window, y: y, x: x, dayW: dayW, colors: colors, maxDaily: maxDaily)
            } else {
                drawLanes(&svg, row, window: window, y: y, x: x, dayW: dayW, colors: colors, byType: input.by == .type)
            }
            drawCaptures(&svg, row, window: window, y: y, x: x, dayW: dayW, colors: colors)
            svg.close("g")
            y += row.height
        }
        svg.element("path", [("d", "M\(SVGWriter.num(plotX.min)) \(SVGWriter.num(rowsTop)) L\(SVGWriter.num(plotX.min)) \(SVGWriter.num(rowsTop + rowsHeight))"),
                             ("stroke", "#888888"), ("stroke-width", "1")])

        var fy = rowsTop + rowsHeight + (rows.count > 18 ? 40 : 22)
        if !notes.isEmpty {
            svg.text(20, fy, notes.joined(separator: " · "), size: 12, fill: Palette.mutedInk, italic: true, extra: [("class", "note")])
            fy += 20
        }
        var ids: [String] = []
        for e in inWindow { for s in e.sources where !ids.contains(s) { ids.append(s) } }
        svg.text(20, fy, PlotText.sourcesLine(ids) + " · " + PlotText.generated(input.generated) + " · analyst",
                 size: 11, fill: Palette.mutedInk)
        return svg.document(title: input.title, description: subtitle)
    }

    // MARK: rows

    static func range(_ e: PlotEvent) -> DayRange { e.dates ?? DayRange(e.date!) }

    static func groupRows(_ events: [PlotEvent], by: RowKey) -> [Row] {
        var index: [String: Int] = [:]
        var rows: [Row] = []
        for e in events {
            let key = by == .type ? LegendPanel.label(e.type) : (e.place ?? "(no place)")
            if let i = index[key] { rows[i].events.append(e) } else {
                index[key] = rows.count
                rows.append(Row(name: key, events: [e]))
            }
        }
        return rows
    }

    /// Interval partitioning: each event takes the first lane free by its start day.
    static func layoutRow(_ row: inout Row, input: Input) {
        row.events.sort { range($0).first != range($1).first ? range($0).first < range($1).first : $0.type < $1.type }
        var laneEnds: [Day] = []
        row.lanes = row.events.map { e in
            let r = range(e)
            if let i = laneEnds.firstIndex(where: { $0 < r.first }) { laneEnds[i] = r.last; return i }
            laneEnds.append(r.last)
            return laneEnds.count - 1
        }
        row.laneCount = max(1, laneEnds.count)
        row.aggregated = row.events.count > input.crowded || row.laneCount > input.maxLanes
        row.height = row.aggregated ? 38 : max(26, Double(row.laneCount) * lane + 10)
    }

    static func drawLanes(_ svg: inout SVGWriter, _ row: Row, window: DayRange, y: Double, x: (Day) -> Double,
                          dayW: Double, colors: ColorScale, byType: Bool) {
        let n = SVGWriter.num
        let top = y + (row.height - Double(row.laneCount) * lane) / 2
        // Where the next bar of each lane starts, so a type name goes only where it has room.
        var nextStart = [Double](repeating: plotX.max, count: row.laneCount)
        var starts: [Double] = []
        for (e, l) in zip(row.events, row.lanes).reversed() {
            let x0 = x(max(range(e).first, window.first))
            starts.append(nextStart[l])
            nextStart[l] = x0
        }
        starts.reverse()
        for (i, (e, lane)) in zip(row.events, row.lanes).enumerated() {
            guard let r = range(e).intersection(window) else { continue }
            let c = colors.color(e)
            let ly = top + Double(lane) * Self.lane + 2
            let x0 = x(r.first), x1 = max(x(r.last + 1), x0 + 2)
            let claimed = e.modality != .asserted
            svg.element("rect", [("x", n(x0)), ("y", n(ly)), ("width", n(x1 - x0)), ("height", "7"),
                                 ("fill", claimed ? "#ffffff" : c), ("fill-opacity", claimed ? nil : "0.45"),
                                 ("stroke", c), ("stroke-width", claimed ? "1.2" : "0.6"), ("class", "interval " + e.type.rawValue),
                                 ("analyst:from", r.first.iso), ("analyst:to", r.last.iso)],
                        content: "<title>\(SVGWriter.escape(tooltip(e)))</title>")
            // The row already names the place (or the type): the bar names the other one.
            let name = byType ? (e.place ?? "") : LegendPanel.label(e.type)
            if x1 + 4 + TextMetrics.width(name, size: 9) < starts[i] - 4 {
                svg.text(x1 + 3, ly + 7, name, size: 9, fill: Palette.mutedInk, extra: [("class", "type-name")])
            }
            if let b = e.bestDay, window.contains(b), e.type != .capture {
                let bx = x(b) + dayW / 2
                svg.element("path", [("d", "M\(n(bx)) \(n(ly - 2)) L\(n(bx)) \(n(ly + 9))"), ("stroke", c), ("stroke-width", "2.5"),
                                     ("class", "best-date")])
            }
        }
    }

    /// Events per day (at their best date), stacked by colour.
    static func dailyTotals(_ row: Row, window: DayRange) -> [Day: Int] {
        var out: [Day: Int] = [:]
        for e in row.events {
            guard let b = e.bestDay, window.contains(b) else { continue }
            out[b, default: 0] += 1
        }
        return out
    }

    static func drawCounts(_ svg: inout SVGWriter, _ row: Row, window: DayRange, y: Double, x: (Day) -> Double,
                           dayW: Double, colors: ColorScale, maxDaily: Int) {
        var perDay: [Day: [String: Int]] = [:]
        for e in row.events {
            guard let b = e.bestDay, window.contains(b) else { continue }
            perDay[b, default: [:]][colors.color(e), default: 0] += 1
        }
        let base = y + row.height - 4, full = row.height - 16
        let n = SVGWriter.num
        for (day, byColor) in perDay.sorted(by: { $0.key < $1.key }) {
            var top = base
            for (c, count) in byColor.sorted(by: { colors.order($0.key) < colors.order($1.key) }) {
                let h = full * Double(count) / Double(max(maxDaily, 1))
                svg.element("rect", [("x", n(x(day))), ("y", n(top - h)), ("width", n(max(dayW - 0.5, 1))), ("height", n(h)),
                                     ("fill", c), ("class", "count")])
                top -= h
            }
        }
        let total = perDay.values.map { $0.values.reduce(0, +) }.max() ?? 0
        svg.text(plotX.max + 4, y + 14, "≤\(total)", size: 9, fill: Palette.mutedInk, extra: [("class", "count-max")])
    }

    static func drawCaptures(_ svg: inout SVGWriter, _ row: Row, window: DayRange, y: Double, x: (Day) -> Double,
                             dayW: Double, colors: ColorScale) {
        var seen = Set<Day>()
        let top = y + (row.height - Double(row.laneCount) * Self.lane) / 2
        for (e, lane) in zip(row.events, row.lanes) where e.type == .capture && e.modality != .denied {
            guard let b = e.bestDay, window.contains(b) else { continue }
            if row.aggregated && !seen.insert(b).inserted { continue }
            // In count rows the stars ride small along the top, clear of the bars.
            let cy = row.aggregated ? y + 7 : top + Double(lane) * Self.lane + 5.5
            svg.element("path", [("d", Palette.symbolPath(.star, x: x(b) + dayW / 2, y: cy, r: row.aggregated ? 4 : 5.5)),
                                 ("fill", e.modality == .asserted ? colors.color(e) : "#ffffff"), ("stroke", Palette.ink),
                                 ("stroke-width", "1"), ("class", "capture")])
        }
    }

    /// The key, in a row that wraps at the page edge; returns the y below it.
    static func drawLegend(_ svg: inout SVGWriter, _ colors: ColorScale, y y0: Double, anyAggregated: Bool) -> Double {
        var x = 20.0, y = y0
        let n = SVGWriter.num
        // Each item: its swatch width, its text, and how to draw the swatch at (x, y).
        var items: [(Double, String, String?, (inout SVGWriter, Double, Double) -> Void)] = colors.entries.map { name, c in
            (18, name, "legend-entry", { svg, x, y in
                svg.element("rect", [("x", n(x)), ("y", n(y - 8)), ("width", "18"), ("height", "8"), ("fill", c),
                                     ("fill-opacity", "0.45"), ("stroke", c)])
            })
        }
        items.append((30, "possible dates, tick at best date", nil, { svg, x, y in
            svg.element("rect", [("x", n(x)), ("y", n(y - 8)), ("width", "30"), ("height", "6"), ("fill", Palette.grey),
                                 ("fill-opacity", "0.45"), ("stroke", Palette.grey)])
            svg.element("path", [("d", "M\(n(x + 20)) \(n(y - 10)) L\(n(x + 20)) \(n(y))"), ("stroke", Palette.grey), ("stroke-width", "2.5")])
        }))
        items.append((18, "claimed or denied", nil, { svg, x, y in
            svg.element("rect", [("x", n(x)), ("y", n(y - 8)), ("width", "18"), ("height", "6"), ("fill", "#ffffff"),
                                 ("stroke", Palette.grey), ("stroke-width", "1.2")])
        }))
        items.append((12, "capture", nil, { svg, x, y in
            svg.element("path", [("d", Palette.symbolPath(.star, x: x + 6, y: y - 4, r: 5.5)), ("fill", Palette.grey), ("stroke", Palette.ink)])
        }))
        svg.open("g", [("class", "legend")])
        for (w, text, cls, swatch) in items {
            let itemW = w + 6 + TextMetrics.width(text, size: 12)
            if x + itemW > width - 20 && x > 20 { x = 20; y += 20 }
            swatch(&svg, x, y)
            svg.text(x + w + 6, y, text, size: 12, fill: Palette.ink, extra: [("class", cls)])
            x += itemW + 18
        }
        if anyAggregated {
            y += 18
            svg.text(20, y, "Crowded rows: events per day at their best date (bar height; ≤N = busiest day).", size: 11,
                     fill: Palette.mutedInk)
        }
        svg.close("g")
        return y
    }

    /// Shortens a label to fit, with an ellipsis.
    static func fit(_ s: String, width: Double, size: Double) -> String {
        guard TextMetrics.width(s, size: size) > width else { return s }
        var t = s
        while !t.isEmpty && TextMetrics.width(t + "…", size: size) > width { t.removeLast() }
        return t + "…"
    }
}
