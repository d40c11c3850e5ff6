import Foundation
import AnalystCore

/// The map's base layer and furniture: outlines, country names, north arrow, scale bar.
extension MapRenderer {
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
}
