import Foundation
import AnalystCore

/// Colours and symbols. Colours are Okabe & Ito's (2008) set, told apart with the common colour
/// vision deficiencies; every event type also has its own shape, so colour is never the only cue.
public enum Palette {
    public static let black = "#000000"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let green = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let purple = "#CC79A7"
    public static let grey = "#8C8C8C"
    /// The seven Okabe-Ito colours after black, in the order categories get them.
    public static let cycle = [blue, vermillion, green, purple, orange, skyBlue, yellow]

    // Base map: quiet enough that the data stays on top.
    public static let sea = "#EAF2F8"
    public static let land = "#F7F5F0"
    public static let focusLand = "#EFEBE2"
    public static let border = "#A8A49C"
    public static let ink = "#222222"
    public static let mutedInk = "#5A5A5A"
    public static let advance = "#D55E00"

    public enum Shape: String, CaseIterable, Sendable {
        case circle, square, triangleUp, triangleDown, diamond, star, cross, plus, hexagon, pentagon
    }

    public struct Style: Sendable {
        public var color: String
        public var shape: Shape
    }

    /// One style per event type. Captures get the star: they are the news.
    public static func style(_ t: EventType) -> Style {
        switch t {
        case .offensive: return Style(color: orange, shape: .triangleUp)
        case .reach: return Style(color: skyBlue, shape: .pentagon)
        case .capture: return Style(color: vermillion, shape: .star)
        case .withdrawal: return Style(color: blue, shape: .triangleDown)
        case .clash: return Style(color: black, shape: .cross)
        case .airstrike: return Style(color: purple, shape: .diamond)
        case .shelling: return Style(color: green, shape: .square)
        case .casualties: return Style(color: black, shape: .circle)
        case .displacement: return Style(color: yellow, shape: .hexagon)
        case .prisonerRelease: return Style(color: green, shape: .plus)
        case .other: return Style(color: grey, shape: .circle)
        }
    }

    /// Conflict sides: the two main ones keep fixed colours across pictures.
    public static func sideColor(_ side: String?, others: [String]) -> String {
        switch side {
        case "government": return blue
        case "opposition": return vermillion
        case nil, "": return grey
        default:
            let rest = [green, purple, orange, skyBlue, yellow]
            let i = others.firstIndex(of: side!) ?? 0
            return rest[i % rest.count]
        }
    }

    /// An absolute-coordinate path for a symbol of radius `r` centred on (x, y).
    public static func symbolPath(_ shape: Shape, x: Double, y: Double, r: Double) -> String {
        func poly(_ pts: [(Double, Double)]) -> String {
            pts.enumerated().map { ($0.offset == 0 ? "M" : "L") + SVGWriter.num(x + $0.element.0) + " " + SVGWriter.num(y + $0.element.1) }
                .joined(separator: " ") + " Z"
        }
        func regular(_ n: Int, _ rot: Double, _ radius: Double) -> [(Double, Double)] {
            (0..<n).map { i in
                let a = rot + Double(i) * 2 * .pi / Double(n)
                return (radius * Foundation.cos(a), radius * Foundation.sin(a))
            }
        }
        let up = -Double.pi / 2
        switch shape {
        case .circle:
            // Two arcs: a circle as a path, so every symbol is one element type.
            return "M\(SVGWriter.num(x - r)) \(SVGWriter.num(y)) A\(SVGWriter.num(r)) \(SVGWriter.num(r)) 0 1 0 \(SVGWriter.num(x + r)) \(SVGWriter.num(y)) A\(SVGWriter.num(r)) \(SVGWriter.num(r)) 0 1 0 \(SVGWriter.num(x - r)) \(SVGWriter.num(y)) Z"
        case .square: let s = r * 0.85; return poly([(-s, -s), (s, -s), (s, s), (-s, s)])
        case .triangleUp: return poly(regular(3, up, r * 1.15))
        case .triangleDown: return poly(regular(3, -up, r * 1.15))
        case .diamond: return poly(regular(4, up, r * 1.15))
        case .pentagon: return poly(regular(5, up, r * 1.05))
        case .hexagon: return poly(regular(6, 0, r))
        case .star:
            let outer = regular(5, up, r * 1.35), inner = regular(5, up + .pi / 5, r * 0.6)
            return poly((0..<5).flatMap { [outer[$0], inner[$0]] })
        case .cross, .plus:
            let w = r * 0.38, l = r * 1.05
            let pts: [(Double, Double)] = [(-w, -l), (w, -l), (w, -w), (l, -w), (l, w), (w, w), (w, l), (-w, l),
                                           (-w, w), (-l, w), (-l, -w), (-w, -w)]
            if shape == .plus { return poly(pts) }
            let c = Foundation.cos(Double.pi / 4), s = Foundation.sin(Double.pi / 4)
            return poly(pts.map { ($0.0 * c - $0.1 * s, $0.0 * s + $0.1 * c) })
        }
    }
}
