import Foundation
import AnalystCore

/// An SVG map of events and advance legs over country outlines: the map on the left, the legend
/// and the table of legs on the right, title above, sources below.
public enum MapRenderer {
    public struct Input {
        public var events: [PlotEvent]
        public var legs: [PlotLeg]
        public var outlines: [Outline]
        public var title: String
        public var subtitle: String?
        public var generated: Date
        public var outlineCredit: String
        /// Keep far-away events (another front, a misplaced name) in the frame instead of noting them.
        public var fitAll: Bool

        public init(events: [PlotEvent] = [], legs: [PlotLeg] = [], outlines: [Outline] = [], title: String,
                    subtitle: String? = nil, generated: Date = Date(),
                    outlineCredit: String = "Country outlines: Natural Earth (public domain)", fitAll: Bool = false) {
            self.events = events; self.legs = legs; self.outlines = outlines; self.title = title
            self.subtitle = subtitle; self.generated = generated; self.outlineCredit = outlineCredit; self.fitAll = fitAll
        }
    }

    static let maxFrame = (width: 770.0, height: 860.0)
    static let panelWidth = 290.0
    static let top = 78.0

    /// One symbol on the map: every event of one type at one place.
    struct Group {
        var type: EventType
        var count: Int
        var asserted: Bool
        var x = 0.0, y = 0.0, r = 0.0
    }

    /// Everything drawn at one place.
    struct Site {
        var id: Int
        var name: String
        var lat: Double, lon: Double
        var groups: [Group]
        var captures: [(range: DayRange, asserted: Bool)]
        /// Every event here is located only to a province or country.
        var approximate = true
        var x = 0.0, y = 0.0, radius = 0.0
        var count: Int { groups.reduce(0) { $0 + $1.count } }
    }

    public static func render(_ input: Input) -> String {
        let legs = input.legs.filter { !$0.isTotal }
        var sites = collectSites(input.events)
        let unplaced = input.events.filter { $0.latitude == nil || $0.longitude == nil }.count

        // Fit to the legs and to the events near the bulk of them; far outliers are listed, not drawn.
        var outside: [Site] = []
        if !input.fitAll { (sites, outside) = splitOutliers(sites, legs: legs) }
        let outsideIDs = Set(outside.map(\.id))
        var pts = sites.map { (lat: $0.lat, lon: $0.lon) }
        for l in legs { pts += [(l.fromLat, l.fromLon), (l.toLat, l.toLon)] }

        // The frame takes the data's shape within limits: a north-south campaign gets a tall, narrower map.
        let aspect = dataAspect(pts)
        var frameW = maxFrame.width, frameH = maxFrame.height
        if aspect >= maxFrame.height / maxFrame.width {
            frameW = min(maxFrame.width, max(560, maxFrame.height / aspect))
        } else {
            frameH = min(maxFrame.height, max(520, maxFrame.width * aspect))
        }
        frameH = max(frameH, LegendPanel.height(events: input.events, sites: sites, legs: legs, notes: 2))
        let frame = Projection.Box(minX: 20, minY: top, maxX: 20 + frameW, maxY: top + frameH)
        let panelX = frame.maxX + 22
        let width = max(panelX + panelWidth, 860)
        let proj = Projection(fitting: pts, frame: frame)
        let height = frame.maxY + 64

        var svg = SVGWriter(width: width, height: height)
        svg.text(20, 36, input.title, size: 22, weight: "bold", fill: Palette.ink)
        let subtitle = input.subtitle ?? defaultSubtitle(input.events, legs: legs)
        svg.text(20, 60, subtitle, size: 13, fill: Palette.mutedInk)

        // Base map.
        svg.element("rect", [("x", SVGWriter.num(frame.minX)), ("y", SVGWriter.num(frame.minY)),
                             ("width", SVGWriter.num(frame.width)), ("height", SVGWriter.num(frame.height)), ("fill", Palette.sea)])
        let countryLabels = drawOutlines(&svg, input.outlines, proj: proj, focus: pts)

        // Symbols: positions first (they are obstacles for every label).
        layoutSites(&sites, proj: proj)
        let dense = isCrowded(sites)
        if dense { layoutDense(&sites) }
        var placer = LabelPlacer(bounds: Projection.Box(minX: frame.minX + 1, minY: frame.minY + 1,
                                                        maxX: frame.maxX - 1, maxY: frame.maxY - 1))
        for s in sites { placer.addPlaced(box(s.x, s.y, s.radius + (s.approximate ? 7 : 1))) }
        let furniture = drawFurniture(&svg, proj: proj)
        for b in furniture { placer.addPlaced(b) }

        let arrows = legs.map { leg -> (x1: Double, y1: Double, x2: Double, y2: Double) in
            let a = proj.point(lat: leg.fromLat, lon: leg.fromLon), b = proj.point(lat: leg.toLat, lon: leg.toLon)
            let ra = sites.first { hypot($0.x - a.x, $0.y - a.y) < 1 }?.radius ?? 6
            let rb = sites.first { hypot($0.x - b.x, $0.y - b.y) < 1 }?.radius ?? 6
            return shorten(a, b, ra + 5, rb + 7)
        }
        for (leg, a) in zip(legs, arrows) { drawArrow(&svg, a, dated: leg.isDated) }
        for a in arrows { for b in segmentBoxes(a) { placer.addObstacle(b) } }
        if dense { drawDense(&svg, sites) } else { drawSites(&svg, sites) }

        // Labels, most important first: captured places, then legs, then other places, then countries.
        var wanted: [(lines: [String], sizes: [Double], color: String, bold: Bool, anchors: [(Double, Double)], gap: Double)] = []
        let order = sites.indices.sorted { (sites[$0].captures.isEmpty ? 1 : 0, -sites[$0].count) < (sites[$1].captures.isEmpty ? 1 : 0, -sites[$1].count) }
        func siteLabel(_ i: Int) {
            let s = sites[i]
            var lines = [s.name]
            var sizes = [13.0]
            // A leg's destination shows the leg's finish (the best day of its change of control), so
            // the map says what the legend and the printed table say.
            if let leg = legs.first(where: { !$0.isTotal && $0.finish != nil && abs($0.toLat - s.lat) + abs($0.toLon - s.lon) < 1e-6 }) {
                lines.append("taken " + PlotText.range(DayRange(leg.finish!)))
                sizes.append(11)
            } else if let c = s.captures.max(by: { ($0.asserted ? 1 : 0, $0.range.last) < ($1.asserted ? 1 : 0, $1.range.last) }) {
                let more = s.captures.count > 1 ? " (+\(s.captures.count - 1) report\(s.captures.count > 2 ? "s" : ""))" : ""
                lines.append((c.asserted ? "taken " : "claimed taken ") + PlotText.range(c.range) + more)
                sizes.append(11)
            }
            wanted.append((lines, sizes, Palette.ink, !s.captures.isEmpty && !s.approximate, [(s.x, s.y)],
                           s.radius + (s.approximate ? 9 : 3)))
        }
        for i in order where !sites[i].captures.isEmpty { siteLabel(i) }
        for (leg, a) in zip(legs, arrows) {
            let along = [0.5, 0.35, 0.65, 0.2, 0.8].map { (a.x1 + (a.x2 - a.x1) * $0, a.y1 + (a.y2 - a.y1) * $0) }
            wanted.append(([leg.kmLabel, leg.rateLabel], [12, 11], Palette.advance, true, along, 5))
        }
        for i in order where sites[i].captures.isEmpty { siteLabel(i) }
        let placements = placer.placeAll(wanted.map { w in
            let width = zip(w.lines, w.sizes).map { TextMetrics.width($0, size: $1) }.max() ?? 0
            let height = w.sizes.reduce(0) { $0 + $1 * 1.25 }
            return w.anchors.map { LabelPlacer.Request(text: w.lines.joined(separator: "\n"), anchorX: $0.0, anchorY: $0.1,
                                                       width: width + 4, height: height, gap: w.gap) }
        })
        for (w, p) in zip(wanted, placements) {
            if let p { drawLabel(&svg, p, w.lines, w.sizes, color: w.color, boldFirst: w.bold) }
        }
        let droppedLabels = placements.filter { $0 == nil }.count
        for (name, x, y) in countryLabels {
            let w = TextMetrics.width(name.uppercased(), size: 12) * 1.15, h = 14.0
            let b = Projection.Box(minX: x - w / 2, minY: y - h / 2, maxX: x + w / 2, maxY: y + h / 2)
            guard placer.fits(b, strict: true) else { continue }
            placer.addPlaced(b)
            svg.text(x, y + 4, name.uppercased(), size: 12, anchor: .middle, fill: "#9A958C",
                     extra: [("letter-spacing", "1.5")])
        }
        svg.element("rect", [("x", SVGWriter.num(frame.minX)), ("y", SVGWriter.num(frame.minY)),
                             ("width", SVGWriter.num(frame.width)), ("height", SVGWriter.num(frame.height)),
                             ("fill", "none"), ("stroke", "#777777"), ("stroke-width", "1")])

        // Legend, leg table and notes.
        var notes: [String] = []
        if !outside.isEmpty {
            let names = outside.map(\.name)
            notes.append("Not on this map (far from the rest): \(PlotText.plural(outside.reduce(0) { $0 + $1.count }, "event")) at \(names.prefix(4).joined(separator: ", "))\(names.count > 4 ? ", …" : "")")
        }
        if unplaced > 0 { notes.append("\(PlotText.plural(unplaced, "event")) without a place not shown") }
        if droppedLabels > 0 { notes.append("\(PlotText.plural(droppedLabels, "label")) left out for lack of room") }
        LegendPanel.draw(&svg, x: panelX, y: top, width: width - panelX - 16, events: input.events, sites: sites,
                         dense: dense, legs: legs, total: input.legs.first { $0.isTotal }, notes: notes)

        // Footer: what it rests on and when it was made.
        var ids: [String] = []
        for e in input.events where !outsideIDs.contains(e.placeID ?? -1) { for s in e.sources where !ids.contains(s) { ids.append(s) } }
        for l in input.legs { for s in l.sources where !ids.contains(s) { ids.append(s) } }
        svg.text(20, frame.maxY + 22, PlotText.sourcesLine(ids) + " · " + PlotText.generated(input.generated) + " · analyst",
                 size: 11, fill: Palette.mutedInk)
        let proj0 = String(format: "%.1f", acos(proj.cosLat0) * 180 / .pi)
        svg.text(20, frame.maxY + 40, "\(input.outlineCredit). Equirectangular projection, east-west scaled by cos \(proj0)°; distances are great-circle km.",
                 size: 11, fill: Palette.mutedInk)
        return svg.document(title: input.title, description: subtitle)
    }

    static func defaultSubtitle(_ events: [PlotEvent], legs: [PlotLeg]) -> String {
        var parts: [String] = []
        let ranges = events.compactMap { $0.dates ?? $0.date.map { DayRange($0) } }
        if let a = ranges.map(\.first).min(), let b = ranges.map(\.last).max() { parts.append(PlotText.range(DayRange(a, b))) }
        if !events.isEmpty { parts.append(PlotText.plural(events.count, "event")) }
        if !legs.isEmpty { parts.append("advance along " + ([legs[0].from] + legs.map(\.to)).joined(separator: " → ")) }
        return parts.joined(separator: " · ")
    }
}
