import Foundation
import AnalystCore

/// The map's data layer: events grouped by place and type, laid out as symbols.
extension MapRenderer {
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
}
