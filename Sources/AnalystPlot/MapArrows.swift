import Foundation
import AnalystCore

/// Advance arrows and the drawing of placed labels.
extension MapRenderer {
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
}
