import Foundation
import AnalystCore

/// Equirectangular projection scaled by cos(mean latitude): x = lon·cos φ₀, y = lat. At the
/// latitude of Syria (φ₀ ≈ 35°) east-west distances are true within a few percent over a few
/// hundred km, which is all a campaign map needs; it is not equal-area and not for continents.
public struct Projection: Sendable {
    public struct Box: Sendable, Equatable {
        public var minX: Double, minY: Double, maxX: Double, maxY: Double
        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
        }
        public var width: Double { maxX - minX }
        public var height: Double { maxY - minY }
        public func contains(_ x: Double, _ y: Double) -> Bool { x >= minX && x <= maxX && y >= minY && y <= maxY }
        public func intersects(_ o: Box) -> Bool { minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY }
    }

    /// The frame on the page the map fills, in SVG units.
    public let frame: Box
    public let cosLat0: Double
    /// SVG units per degree of (scaled) longitude / latitude, and the centre in degrees.
    public let scale: Double
    public let centerLon: Double
    public let centerLat: Double

    /// Fits `points` (lat, lon) into `frame` with `margin` (fraction of the span) on every side.
    /// `minSpanKm` keeps a single city from filling the page.
    public init(fitting points: [(lat: Double, lon: Double)], frame: Box, margin: Double = 0.12, minSpanKm: Double = 120) {
        self.frame = frame
        let lats = points.map(\.lat), lons = points.map(\.lon)
        let minLat = lats.min() ?? 34, maxLat = lats.max() ?? 36
        let minLon = lons.min() ?? 36, maxLon = lons.max() ?? 38
        let lat0 = (minLat + maxLat) / 2
        cosLat0 = Swift.max(0.2, Foundation.cos(lat0 * .pi / 180))
        let minSpanDeg = minSpanKm / 111.2
        let spanX = Swift.max((maxLon - minLon) * cosLat0, minSpanDeg) * (1 + 2 * margin)
        let spanY = Swift.max(maxLat - minLat, minSpanDeg) * (1 + 2 * margin)
        scale = Swift.min(frame.width / spanX, frame.height / spanY)
        centerLon = (minLon + maxLon) / 2
        centerLat = lat0
    }

    public func x(lon: Double) -> Double { frame.minX + frame.width / 2 + (lon - centerLon) * cosLat0 * scale }
    public func y(lat: Double) -> Double { frame.minY + frame.height / 2 - (lat - centerLat) * scale }
    public func point(lat: Double, lon: Double) -> (x: Double, y: Double) { (x(lon: lon), y(lat: lat)) }

    /// SVG units per kilometre along the parallel φ₀ (and along meridians: 1° of latitude ≈ 111.2 km).
    public var unitsPerKm: Double { scale / (Geo.earthRadiusKm * .pi / 180) }

    /// A round length for a scale bar no longer than `maxUnits`: 1, 2 or 5 times a power of ten km.
    public func scaleBarKm(maxUnits: Double) -> Double {
        let maxKm = maxUnits / unitsPerKm
        var p = Foundation.pow(10, Foundation.floor(Foundation.log10(Swift.max(maxKm, 1e-6))))
        for m in [5.0, 2.0, 1.0] where m * p <= maxKm { return m * p }
        p /= 10
        return 5 * p
    }

    /// Clips a ring (projected) to the frame: Sutherland–Hodgman against each edge. The frame is
    /// convex, so the result is one ring (possibly with edges along the frame, hidden by its border).
    public func clip(_ ring: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        typealias P = (x: Double, y: Double)
        var out = ring
        let edges: [(inside: (P) -> Bool, cut: (P, P) -> P)] = [
            ({ $0.x >= frame.minX }, { a, b in (frame.minX, a.y + (b.y - a.y) * (frame.minX - a.x) / (b.x - a.x)) }),
            ({ $0.x <= frame.maxX }, { a, b in (frame.maxX, a.y + (b.y - a.y) * (frame.maxX - a.x) / (b.x - a.x)) }),
            ({ $0.y >= frame.minY }, { a, b in (a.x + (b.x - a.x) * (frame.minY - a.y) / (b.y - a.y), frame.minY) }),
            ({ $0.y <= frame.maxY }, { a, b in (a.x + (b.x - a.x) * (frame.maxY - a.y) / (b.y - a.y), frame.maxY) }),
        ]
        for e in edges {
            guard !out.isEmpty else { break }
            let input = out
            out = []
            var prev = input[input.count - 1]
            for cur in input {
                let ci = e.inside(cur), pi = e.inside(prev)
                if ci {
                    if !pi { out.append(e.cut(prev, cur)) }
                    out.append(cur)
                } else if pi {
                    out.append(e.cut(prev, cur))
                }
                prev = cur
            }
        }
        return out
    }
}
