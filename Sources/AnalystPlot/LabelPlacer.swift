import Foundation
import AnalystCore

/// Greedy label placement: labels in priority order each take the first candidate position around
/// their anchor that stays inside the bounds and clear of labels already placed (and, if possible,
/// of symbols); failing that, a farther ring with a leader line; failing that, the label is dropped.
/// Simple and predictable, which matters more here than optimal packing.
public struct LabelPlacer {
    public typealias Box = Projection.Box

    public struct Request {
        public var text: String
        public var anchorX: Double
        public var anchorY: Double
        public var width: Double
        public var height: Double
        /// Gap between anchor and label, e.g. a symbol's radius.
        public var gap: Double
        public init(text: String, anchorX: Double, anchorY: Double, width: Double, height: Double, gap: Double) {
            self.text = text; self.anchorX = anchorX; self.anchorY = anchorY
            self.width = width; self.height = height; self.gap = gap
        }
    }

    public struct Placement {
        public var request: Int
        /// The label's box; text goes at its left edge and baseline (minY + 0.8 height).
        public var box: Box
        /// A leader line from near the anchor to the box edge, when the label sits far from it.
        public var leader: (x1: Double, y1: Double, x2: Double, y2: Double)?
    }

    public let bounds: Box
    public private(set) var placed: [Box] = []
    public private(set) var obstacles: [Box] = []

    public init(bounds: Box) { self.bounds = bounds }

    /// Things labels should avoid (symbols, arrows' labels, the legend) but may touch if nothing else fits.
    public mutating func addObstacle(_ b: Box) { obstacles.append(b) }
    /// Things labels must not overlap.
    public mutating func addPlaced(_ b: Box) { placed.append(b) }

    /// Right, left, above, below, the diagonals, then wide labels hung above or below from the
    /// anchor: the cartographic order of preference.
    static let directions: [(Double, Double)] = [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1),
                                                 (2, -1), (2, 1), (-2, -1), (-2, 1)]
    /// Passes from best to worst: close and clear of obstacles, close over obstacles, then farther
    /// out with a leader line (clear, then over obstacles).
    static let passes: [(ring: Int, strict: Bool)] = [(0, true), (0, false), (1, true), (1, false)]

    /// Places one label; nil when it cannot go anywhere.
    public mutating func place(_ r: Request, index: Int = 0) -> Placement? { place(alternatives: [r], index: index) }

    /// Places one label at the first anchor of `alternatives` with room near it (e.g. points along an arrow).
    public mutating func place(alternatives: [Request], index: Int = 0) -> Placement? {
        for pass in LabelPlacer.passes {
            if let p = place(alternatives, index: index, ring: pass.ring, strict: pass.strict) { return p }
        }
        return nil
    }

    /// Places many labels in priority order, pass by pass: every label gets a chance at a close,
    /// clear spot before any label settles for a worse one. nil for the labels that found no room.
    public mutating func placeAll(_ labels: [[Request]]) -> [Placement?] {
        var out = [Placement?](repeating: nil, count: labels.count)
        for pass in LabelPlacer.passes {
            for (i, alternatives) in labels.enumerated() where out[i] == nil {
                out[i] = place(alternatives, index: i, ring: pass.ring, strict: pass.strict)
            }
        }
        return out
    }

    mutating func place(_ alternatives: [Request], index: Int, ring: Int, strict: Bool) -> Placement? {
        let factor = ring == 0 ? 1.0 : 2.8
        for r in alternatives {
            for (dx, dy) in LabelPlacer.directions {
                let box = candidate(r, dx: dx, dy: dy, distance: r.gap * factor + Double(ring) * r.height * 0.6)
                guard fits(box, strict: strict) else { continue }
                placed.append(box)
                var leader: (Double, Double, Double, Double)? = nil
                if ring > 0 {
                    let e = nearestEdge(box, r.anchorX, r.anchorY)
                    let len = max(hypot(e.0 - r.anchorX, e.1 - r.anchorY), 0.001)
                    leader = (r.anchorX + (e.0 - r.anchorX) / len * r.gap, r.anchorY + (e.1 - r.anchorY) / len * r.gap, e.0, e.1)
                }
                return Placement(request: index, box: box, leader: leader)
            }
        }
        return nil
    }

    func candidate(_ r: Request, dx: Double, dy: Double, distance d: Double) -> Box {
        let cx: Double
        switch dx {
        case 1: cx = r.anchorX + d + r.width / 2
        case -1: cx = r.anchorX - d - r.width / 2
        case 2: cx = r.anchorX - r.gap * 0.5 + r.width / 2    // starts just left of the anchor
        case -2: cx = r.anchorX + r.gap * 0.5 - r.width / 2   // ends just right of it
        default: cx = r.anchorX
        }
        let cy: Double
        switch dy {
        case 1: cy = r.anchorY + d + r.height / 2
        case -1: cy = r.anchorY - d - r.height / 2
        default: cy = r.anchorY
        }
        return Box(minX: cx - r.width / 2, minY: cy - r.height / 2, maxX: cx + r.width / 2, maxY: cy + r.height / 2)
    }

    func fits(_ b: Box, strict: Bool) -> Bool {
        guard b.minX >= bounds.minX, b.maxX <= bounds.maxX, b.minY >= bounds.minY, b.maxY <= bounds.maxY else { return false }
        if placed.contains(where: { $0.intersects(b) }) { return false }
        if strict && obstacles.contains(where: { $0.intersects(b) }) { return false }
        return true
    }

    func nearestEdge(_ b: Box, _ x: Double, _ y: Double) -> (Double, Double) {
        (min(max(x, b.minX), b.maxX), min(max(y, b.minY), b.maxY))
    }
}
