import Foundation
import AnalystCore

/// The map's right-hand panel: a key to every symbol drawn, the arrows, and one line per leg.
enum LegendPanel {
    static let line = 20.0

    static func types(_ events: [PlotEvent]) -> [EventType] {
        Set(events.filter { $0.latitude != nil }.map(\.type)).sorted()
    }

    static func height(events: [PlotEvent], sites: [MapRenderer.Site], legs: [PlotLeg], notes: Int) -> Double {
        var h = 40 + Double(types(events).count) * line + 3 * line
        if !legs.isEmpty { h += 3 * line + Double(legs.count) * 2 * 16 + 40 }
        return h + Double(notes) * 40
    }

    static func draw(_ svg: inout SVGWriter, x: Double, y: Double, width: Double, events: [PlotEvent],
                     sites: [MapRenderer.Site], dense: Bool, legs: [PlotLeg], total: PlotLeg?, notes: [String]) {
        var y = y + 14
        let n = SVGWriter.num
        svg.open("g", [("class", "legend")])
        let shown = dense ? Set(sites.map { $0.groups[0].type }).sorted() : types(events)
        if !shown.isEmpty {
            svg.text(x, y, "Events", size: 14, weight: "bold", fill: Palette.ink)
            y += line
            for t in shown {
                let st = Palette.style(t)
                let c = sites.reduce(0) { $0 + ($1.groups.first { $0.type == t }?.count ?? 0) }
                svg.element("path", [("d", Palette.symbolPath(st.shape, x: x + 9, y: y - 4, r: 6.5)), ("fill", st.color),
                                     ("stroke", "#ffffff"), ("stroke-width", "1"), ("class", "legend-symbol " + t.rawValue)])
                svg.text(x + 24, y, label(t) + " (\(c))", size: 12, fill: Palette.ink, extra: [("class", "legend-entry"), ("analyst:type", t.rawValue)])
                y += line
            }
            let st = Palette.style(.clash)
            svg.element("path", [("d", Palette.symbolPath(.circle, x: x + 9, y: y - 4, r: 6)), ("fill", st.color), ("stroke", "#ffffff")])
            svg.element("path", [("d", Palette.symbolPath(.circle, x: x + 27, y: y - 4, r: 5)), ("fill", "#ffffff"),
                                 ("stroke", st.color), ("stroke-width", "2")])
            svg.text(x + 40, y, "stated / only claimed", size: 11, fill: Palette.mutedInk)
            y += line
            let explain = dense
                ? "Crowded map: one symbol per place, shaped and coloured by its most frequent type (counts above: events at those places); area grows with the number of events."
                : "Bigger symbol: more events. Several types at one place ring its location (black dot)."
            for piece in wrap(explain, width: width, size: 11) {
                svg.text(x, y, piece, size: 11, fill: Palette.mutedInk)
                y += 14
            }
            y += 6
            if sites.contains(where: \.approximate) {
                svg.element("circle", [("cx", SVGWriter.num(x + 9)), ("cy", SVGWriter.num(y - 4)), ("r", "8"), ("fill", "none"),
                                       ("stroke", Palette.mutedInk), ("stroke-dasharray", "3 3")])
                svg.text(x + 24, y, "located only to a province", size: 11, fill: Palette.mutedInk)
                y += line
            }
            y += 6
        }
        if !legs.isEmpty {
            svg.text(x, y, "Advance", size: 14, weight: "bold", fill: Palette.ink)
            y += line
            for (dated, text) in [(true, "dated at both ends"), (false, "arrival not found: no rate")] {
                svg.element("path", [("d", "M\(n(x)) \(n(y - 4)) L\(n(x + 34)) \(n(y - 4))"), ("stroke", Palette.advance),
                                     ("stroke-width", "3.5"), ("stroke-dasharray", dated ? nil : "8 5")])
                svg.element("path", [("d", "M\(n(x + 42)) \(n(y - 4)) L\(n(x + 32)) \(n(y - 9)) L\(n(x + 32)) \(n(y + 1)) Z"), ("fill", Palette.advance)])
                svg.text(x + 50, y, text, size: 11, fill: Palette.mutedInk)
                y += line
            }
            y += 4
            for (i, l) in legs.enumerated() {
                svg.text(x, y, "\(i + 1). \(l.from) → \(l.to)", size: 12, weight: "bold", fill: Palette.ink)
                y += 16
                var parts = [l.kmLabel, l.rateLabel]
                if let a = l.start, let b = l.finish { parts.append(PlotText.range(DayRange(a, b))) }
                svg.text(x + 14, y, parts.joined(separator: " · "), size: 11, fill: Palette.mutedInk)
                y += 18
            }
            if let t = total {
                var s = "Route: \(t.kmLabel)"
                if t.kmPerDay != nil || t.kmPerDayMin != nil { s += " · " + t.rateLabel }
                svg.text(x, y + 2, s, size: 12, weight: "bold", fill: Palette.advance)
                y += line + 4
            }
        }
        for note in notes {
            for piece in wrap(note, width: width, size: 11) {
                svg.text(x, y, piece, size: 11, fill: Palette.mutedInk, italic: true, extra: [("class", "note")])
                y += 14
            }
            y += 6
        }
        svg.close("g")
    }

    static func label(_ t: EventType) -> String {
        switch t {
        case .prisonerRelease: return "prisoner release"
        default: return t.rawValue
        }
    }

    /// Greedy word wrap by estimated width.
    static func wrap(_ s: String, width: Double, size: Double) -> [String] {
        var lines: [String] = [], cur = ""
        for w in s.split(separator: " ") {
            let next = cur.isEmpty ? String(w) : cur + " " + w
            if TextMetrics.width(next, size: size) > width && !cur.isEmpty { lines.append(cur); cur = String(w) } else { cur = next }
        }
        if !cur.isEmpty { lines.append(cur) }
        return lines
    }
}
