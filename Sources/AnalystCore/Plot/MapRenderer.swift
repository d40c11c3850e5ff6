import Foundation

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
            // The latest stated capture (a claim only when nothing is stated), other reports counted.
            if let c = s.captures.max(by: { ($0.asserted ? 1 : 0, $0.range.last) < ($1.asserted ? 1 : 0, $1.range.last) }) {
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

    // MARK: data to sites

    static func collectSites(_ events: [PlotEvent]) -> [Site] {
        var byKey: [String: Int] = [:]
        var sites: [Site] = []
        for e in events {
            guard let lat = e.latitude, let lon = e.longitude else { continue }
            let key = e.placeID.map(String.init) ?? "\(lat),\(lon)"
            let i: Int
            if let k = byKey[key] { i = k } else {
                i = sites.count
                byKey[key] = i
                sites.append(Site(id: e.placeID ?? i, name: e.place ?? String(format: "%.2f, %.2f", lat, lon), lat: lat, lon: lon, groups: [], captures: []))
            }
            if let g = sites[i].groups.firstIndex(where: { $0.type == e.type }) {
                sites[i].groups[g].count += 1
                sites[i].groups[g].asserted = sites[i].groups[g].asserted || e.modality == .asserted
            } else {
                sites[i].groups.append(Group(type: e.type, count: 1, asserted: e.modality == .asserted))
            }
            if e.geoPrecision < 3 { sites[i].approximate = false }
            if e.type == .capture, e.modality != .denied, let d = e.dates ?? e.date.map({ DayRange($0) }) {
                sites[i].captures.append((d, e.modality == .asserted))
            }
        }
        for i in sites.indices { sites[i].groups.sort { $0.type < $1.type } }
        return sites
    }

    /// Sites much farther from the median centre than the rest (4× the median distance, and at
    /// least 400 km) are outliers; leg endpoints never are.
    static func splitOutliers(_ sites: [Site], legs: [PlotLeg]) -> ([Site], [Site]) {
        guard sites.count >= 3 else { return (sites, []) }
        func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
        let weighted = sites.flatMap { s in Array(repeating: (s.lat, s.lon), count: min(s.count, 50)) }
        let lat = median(weighted.map(\.0)), lon = median(weighted.map(\.1))
        let dist = sites.map { Geo.distanceKm(lat1: lat, lon1: lon, lat2: $0.lat, lon2: $0.lon) }
        let limit = max(400, 4 * median(dist))
        var keep: [Site] = [], out: [Site] = []
        for (s, d) in zip(sites, dist) {
            let onRoute = legs.contains { abs($0.fromLat - s.lat) + abs($0.fromLon - s.lon) < 1e-6 || abs($0.toLat - s.lat) + abs($0.toLon - s.lon) < 1e-6 }
            if d > limit && !onRoute { out.append(s) } else { keep.append(s) }
        }
        return (keep, out)
    }

    static func dataAspect(_ pts: [(lat: Double, lon: Double)]) -> Double {
        guard let minLat = pts.map(\.lat).min(), let maxLat = pts.map(\.lat).max(),
              let minLon = pts.map(\.lon).min(), let maxLon = pts.map(\.lon).max() else { return 0.8 }
        let c = cos((minLat + maxLat) / 2 * .pi / 180)
        let w = max((maxLon - minLon) * c, 1.1), h = max(maxLat - minLat, 1.1)
        return h / w
    }

    static func symbolRadius(_ count: Int) -> Double { min(15, 6.5 + 2.2 * log2(Double(max(count, 1)))) }

    /// Places each site's symbols: one symbol on the point, or several on a small ring around it.
    static func layoutSites(_ sites: inout [Site], proj: Projection) {
        for i in sites.indices {
            let p = proj.point(lat: sites[i].lat, lon: sites[i].lon)
            sites[i].x = p.x; sites[i].y = p.y
            let n = sites[i].groups.count
            let rMax = sites[i].groups.map { symbolRadius($0.count) }.max() ?? 6
            if n == 1 {
                sites[i].groups[0].x = p.x; sites[i].groups[0].y = p.y; sites[i].groups[0].r = rMax
                sites[i].radius = rMax * 1.3
                continue
            }
            let ring = max(rMax + 3, Double(n) * (2 * rMax + 2) / (2 * .pi))
            for (k, _) in sites[i].groups.enumerated() {
                let a = -Double.pi / 2 + Double(k) * 2 * .pi / Double(n)
                sites[i].groups[k].x = p.x + ring * cos(a)
                sites[i].groups[k].y = p.y + ring * sin(a)
                sites[i].groups[k].r = symbolRadius(sites[i].groups[k].count)
            }
            sites[i].radius = ring + rMax * 1.3
        }
    }

    /// Rings of symbols stop working when they run into each other: then one symbol per place.
    static func isCrowded(_ sites: [Site]) -> Bool {
        guard sites.count > 3 else { return false }
        var overlaps = 0
        for i in sites.indices {
            for j in sites.indices where j > i && hypot(sites[i].x - sites[j].x, sites[i].y - sites[j].y) < sites[i].radius + sites[j].radius {
                overlaps += 1
            }
        }
        return overlaps * 4 > sites.count
    }

    /// The most frequent type at a place (ties: the more salient type, captures first).
    static func dominant(_ s: Site) -> Group {
        s.groups.max { ($0.count, $0.type == .capture ? 1 : 0) < ($1.count, $1.type == .capture ? 1 : 0) }!
    }

    /// Dense maps: one symbol per place, area proportional to its events.
    static func layoutDense(_ sites: inout [Site]) {
        let most = Double(sites.map(\.count).max() ?? 1)
        for i in sites.indices {
            let r = 4 + 14 * sqrt(Double(sites[i].count) / most)
            sites[i].radius = r * 1.2
            sites[i].groups = [Group(type: dominant(sites[i]).type, count: sites[i].count,
                                     asserted: sites[i].groups.contains { $0.asserted }, x: sites[i].x, y: sites[i].y, r: r)]
        }
    }

    static func drawDense(_ svg: inout SVGWriter, _ sites: [Site]) {
        // Big symbols first so small ones stay visible on top.
        for s in sites.sorted(by: { $0.count > $1.count }) {
            let g = s.groups[0], st = Palette.style(g.type)
            svg.element("path", [("d", Palette.symbolPath(st.shape, x: g.x, y: g.y, r: g.r)), ("fill", st.color),
                                 ("fill-opacity", "0.85"), ("stroke", "#ffffff"), ("stroke-width", "1.2"),
                                 ("class", "event " + g.type.rawValue), ("analyst:count", String(g.count)), ("analyst:place", s.name)])
        }
    }

    static func drawSites(_ svg: inout SVGWriter, _ sites: [Site]) {
        for s in sites {
            svg.open("g", [("class", "site"), ("analyst:place", s.name)])
            if s.approximate {
                // Located only to a province: a dashed ring says "somewhere around here".
                svg.element("circle", [("cx", SVGWriter.num(s.x)), ("cy", SVGWriter.num(s.y)), ("r", SVGWriter.num(s.radius + 6)),
                                       ("fill", "none"), ("stroke", Palette.mutedInk), ("stroke-width", "1"),
                                       ("stroke-dasharray", "3 3"), ("class", "approximate")])
            }
            if s.groups.count > 1 {
                svg.element("circle", [("cx", SVGWriter.num(s.x)), ("cy", SVGWriter.num(s.y)), ("r", SVGWriter.num(s.radius - 2)),
                                       ("fill", "#ffffff"), ("fill-opacity", "0.75"), ("stroke", "#bbbbbb"), ("stroke-width", "0.8")])
            }
            for g in s.groups {
                let st = Palette.style(g.type)
                svg.element("path", [("d", Palette.symbolPath(st.shape, x: g.x, y: g.y, r: g.r)),
                                     ("fill", g.asserted ? st.color : "#ffffff"), ("stroke", g.asserted ? "#ffffff" : st.color),
                                     ("stroke-width", g.asserted ? "1" : "2"), ("class", "event " + g.type.rawValue),
                                     ("analyst:count", String(g.count))],
                            content: "<title>\(SVGWriter.escape("\(s.name): \(PlotText.plural(g.count, LegendPanel.label(g.type) + " event"))"))</title>")
            }
            // The true location, so a ring of symbols still points at one spot.
            svg.element("circle", [("cx", SVGWriter.num(s.x)), ("cy", SVGWriter.num(s.y)), ("r", s.groups.count > 1 ? "2.5" : "1.5"),
                                   ("fill", Palette.ink)])
            svg.close("g")
        }
    }

    // MARK: base map

    /// Draws land and borders; returns where country names could go (centre of their largest visible part).
    static func drawOutlines(_ svg: inout SVGWriter, _ outlines: [Outline], proj: Projection,
                             focus: [(lat: Double, lon: Double)]) -> [(String, Double, Double)] {
        var names: [(String, Double, Double)] = []
        svg.open("g", [("class", "outlines"), ("stroke", Palette.border), ("stroke-width", "0.9"), ("stroke-linejoin", "round")])
        for o in outlines {
            let isFocus = focus.contains { o.contains(lat: $0.lat, lon: $0.lon) }
            var d = ""
            var best: (area: Double, x: Double, y: Double) = (0, 0, 0)
            for poly in o.polygons {
                for ring in poly {
                    let projected = ring.map { proj.point(lat: $0.lat, lon: $0.lon) }
                    let clipped = proj.clip(projected)
                    guard clipped.count >= 3 else { continue }
                    d += clipped.enumerated().map { ($0.offset == 0 ? "M" : "L") + SVGWriter.num($0.element.x) + " " + SVGWriter.num($0.element.y) }.joined(separator: " ") + " Z "
                    let c = centroid(clipped)
                    if c.area > best.area { best = c }
                }
            }
            guard !d.isEmpty else { continue }
            svg.element("path", [("d", String(d.dropLast())), ("fill", isFocus ? Palette.focusLand : Palette.land),
                                 ("fill-rule", "evenodd"), ("analyst:name", o.name)])
            if best.area > 2500 { names.append((o.name, best.x, best.y)) }
        }
        svg.close("g")
        return names
    }

    static func centroid(_ r: [(x: Double, y: Double)]) -> (area: Double, x: Double, y: Double) {
        var a = 0.0, cx = 0.0, cy = 0.0
        for i in r.indices {
            let p = r[i], q = r[(i + 1) % r.count]
            let f = p.x * q.y - q.x * p.y
            a += f; cx += (p.x + q.x) * f; cy += (p.y + q.y) * f
        }
        guard abs(a) > 1e-9 else { return (0, 0, 0) }
        return (abs(a) / 2, cx / (3 * a), cy / (3 * a))
    }

    /// North arrow (top right) and scale bar (bottom left); returns their boxes.
    static func drawFurniture(_ svg: inout SVGWriter, proj: Projection) -> [Projection.Box] {
        let f = proj.frame
        let nx = f.maxX - 30, ny = f.minY + 18
        svg.open("g", [("class", "north-arrow")])
        svg.element("path", [("d", "M\(SVGWriter.num(nx)) \(SVGWriter.num(ny)) L\(SVGWriter.num(nx + 9)) \(SVGWriter.num(ny + 30)) L\(SVGWriter.num(nx)) \(SVGWriter.num(ny + 24)) Z"), ("fill", Palette.ink)])
        svg.element("path", [("d", "M\(SVGWriter.num(nx)) \(SVGWriter.num(ny)) L\(SVGWriter.num(nx - 9)) \(SVGWriter.num(ny + 30)) L\(SVGWriter.num(nx)) \(SVGWriter.num(ny + 24)) Z"),
                             ("fill", "#ffffff"), ("stroke", Palette.ink), ("stroke-width", "1")])
        svg.text(nx, ny + 46, "N", size: 13, anchor: .middle, weight: "bold", fill: Palette.ink, halo: true)
        svg.close("g")

        let km = proj.scaleBarKm(maxUnits: min(200, f.width / 4))
        let len = km * proj.unitsPerKm
        let sx = f.minX + 16, sy = f.maxY - 20
        svg.open("g", [("class", "scale-bar"), ("analyst:km", SVGWriter.num(km))])
        svg.element("rect", [("x", SVGWriter.num(sx - 8)), ("y", SVGWriter.num(sy - 22)), ("width", SVGWriter.num(len + 60)),
                             ("height", "34"), ("fill", "#ffffff"), ("fill-opacity", "0.85")])
        svg.element("rect", [("x", SVGWriter.num(sx)), ("y", SVGWriter.num(sy)), ("width", SVGWriter.num(len / 2)), ("height", "5"), ("fill", Palette.ink)])
        svg.element("rect", [("x", SVGWriter.num(sx + len / 2)), ("y", SVGWriter.num(sy)), ("width", SVGWriter.num(len / 2)), ("height", "5"),
                             ("fill", "#ffffff"), ("stroke", Palette.ink), ("stroke-width", "1")])
        svg.text(sx, sy - 6, "0", size: 11, anchor: .middle, fill: Palette.ink)
        svg.text(sx + len, sy - 6, "\(SVGWriter.num(km)) km", size: 11, anchor: .start, fill: Palette.ink,
                 extra: [("dx", "-4")])
        svg.close("g")
        return [Projection.Box(minX: nx - 14, minY: ny - 4, maxX: nx + 14, maxY: ny + 50),
                Projection.Box(minX: sx - 8, minY: sy - 22, maxX: sx + len + 52, maxY: sy + 12)]
    }

    // MARK: arrows and labels

    static func shorten(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ da: Double, _ db: Double)
        -> (x1: Double, y1: Double, x2: Double, y2: Double) {
        let len = hypot(b.x - a.x, b.y - a.y)
        guard len > da + db + 4 else { return (a.x, a.y, b.x, b.y) }
        let ux = (b.x - a.x) / len, uy = (b.y - a.y) / len
        return (a.x + ux * da, a.y + uy * da, b.x - ux * db, b.y - uy * db)
    }

    static func drawArrow(_ svg: inout SVGWriter, _ a: (x1: Double, y1: Double, x2: Double, y2: Double), dated: Bool) {
        let len = max(hypot(a.x2 - a.x1, a.y2 - a.y1), 0.001)
        let ux = (a.x2 - a.x1) / len, uy = (a.y2 - a.y1) / len
        let head = 13.0, half = 6.5
        let bx = a.x2 - ux * head, by = a.y2 - uy * head
        let n = SVGWriter.num
        svg.open("g", [("class", dated ? "leg" : "leg undated")])
        svg.element("path", [("d", "M\(n(a.x1)) \(n(a.y1)) L\(n(bx)) \(n(by))"), ("stroke", "#ffffff"), ("stroke-width", "6.5"),
                             ("stroke-linecap", "round"), ("fill", "none")])
        svg.element("path", [("d", "M\(n(a.x1)) \(n(a.y1)) L\(n(bx)) \(n(by))"), ("stroke", Palette.advance), ("stroke-width", "3.5"),
                             ("fill", "none"), ("stroke-dasharray", dated ? nil : "8 5")])
        svg.element("path", [("d", "M\(n(a.x2)) \(n(a.y2)) L\(n(bx - uy * half)) \(n(by + ux * half)) L\(n(bx + uy * half)) \(n(by - ux * half)) Z"),
                             ("fill", Palette.advance), ("stroke", "#ffffff"), ("stroke-width", "1")])
        svg.close("g")
    }

    /// Boxes along a segment, so labels keep off the arrows where they can.
    static func segmentBoxes(_ a: (x1: Double, y1: Double, x2: Double, y2: Double)) -> [Projection.Box] {
        let len = hypot(a.x2 - a.x1, a.y2 - a.y1)
        let n = max(1, Int(len / 8))
        return (0...n).map { i in
            let t = Double(i) / Double(n)
            return box(a.x1 + (a.x2 - a.x1) * t, a.y1 + (a.y2 - a.y1) * t, 3)
        }
    }

    static func box(_ x: Double, _ y: Double, _ r: Double) -> Projection.Box {
        Projection.Box(minX: x - r, minY: y - r, maxX: x + r, maxY: y + r)
    }

    static func drawLabel(_ svg: inout SVGWriter, _ p: LabelPlacer.Placement, _ lines: [String], _ sizes: [Double],
                          color: String, boldFirst: Bool) {
        if let l = p.leader {
            svg.element("path", [("d", "M\(SVGWriter.num(l.x1)) \(SVGWriter.num(l.y1)) L\(SVGWriter.num(l.x2)) \(SVGWriter.num(l.y2))"),
                                 ("stroke", color), ("stroke-width", "0.8"), ("fill", "none"), ("class", "leader")])
        }
        var y = p.box.minY
        for (i, (line, size)) in zip(lines, sizes).enumerated() {
            y += size * 1.25
            svg.text(p.box.minX + 2, y - size * 0.3, line, size: size, weight: i == 0 && boldFirst ? "bold" : nil,
                     fill: i == 0 ? color : (color == Palette.ink ? Palette.mutedInk : color), halo: true,
                     extra: [("class", i == 0 ? "label" : "label-detail")])
        }
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
