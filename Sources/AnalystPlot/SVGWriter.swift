import Foundation
import AnalystCore

/// A small SVG 1.1 writer: escaped text, short fixed-precision numbers, one element per line.
/// Text runs get `xml:lang` and `direction` from their script so Arabic shapes right to left and
/// Vietnamese picks a font with its stacked diacritics.
public struct SVGWriter {
    public static let fontStack = "Noto Sans, DejaVu Sans, Arial, sans-serif"
    public static let namespace = "urn:x-analyst:plot"
    public private(set) var body = ""
    public let width: Double
    public let height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// `&`, `<`, `>`, quotes escaped; control characters other than tab/newline dropped (invalid in XML 1.0).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if u.value < 0x20 && u != "\t" && u != "\n" { continue }
                if u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// At most two decimals, no trailing zeros, no `-0`: small files that diff well.
    public static func num(_ d: Double) -> String {
        guard d.isFinite else { return "0" }
        let r = (d * 100).rounded() / 100
        if r == 0 { return "0" }
        if r == r.rounded() { return String(Int64(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    public mutating func raw(_ s: String) { body += s; body += "\n" }

    /// An element with attributes in the given order; nil values are left out.
    public mutating func element(_ name: String, _ attrs: [(String, String?)], content: String? = nil) {
        var s = "<" + name
        for (k, v) in attrs { if let v { s += " \(k)=\"\(SVGWriter.escape(v))\"" } }
        if let content { s += ">" + content + "</\(name)>" } else { s += "/>" }
        raw(s)
    }

    public mutating func open(_ name: String, _ attrs: [(String, String?)] = []) {
        var s = "<" + name
        for (k, v) in attrs { if let v { s += " \(k)=\"\(SVGWriter.escape(v))\"" } }
        raw(s + ">")
    }

    public mutating func close(_ name: String) { raw("</\(name)>") }

    public enum Anchor: String { case start, middle, end }

    /// Text at (x, y) (baseline), anchored as seen on the page: `.end` means the right edge is at x,
    /// whatever the script's direction. `halo` draws a white outline under it for legibility over lines.
    public mutating func text(_ x: Double, _ y: Double, _ text: String, size: Double, anchor: Anchor = .start,
                              weight: String? = nil, fill: String = "#222222", halo: Bool = false,
                              italic: Bool = false, extra: [(String, String?)] = []) {
        let script = TextScript.of(text)
        // In right-to-left text `start` is the right edge, so page-left/right anchors swap.
        var a = anchor
        if script.rtl { a = anchor == .start ? .end : anchor == .end ? .start : .middle }
        var attrs: [(String, String?)] = [("x", SVGWriter.num(x)), ("y", SVGWriter.num(y)),
                                          ("font-size", SVGWriter.num(size)),
                                          ("text-anchor", a == .start ? nil : a.rawValue),
                                          ("font-weight", weight), ("font-style", italic ? "italic" : nil),
                                          ("xml:lang", script.lang), ("direction", script.rtl ? "rtl" : nil)]
        attrs += extra
        let content = SVGWriter.escape(text)
        if halo {
            // The same text under itself in a white outline (paint-order is SVG 2, so two elements).
            let base = attrs.filter { $0.0 != "class" && !$0.0.hasPrefix("analyst:") }
            element("text", base + [("fill", "#ffffff"), ("stroke", "#ffffff"), ("stroke-width", SVGWriter.num(size / 4)),
                                    ("stroke-linejoin", "round"), ("class", "halo")], content: content)
        }
        element("text", attrs + [("fill", fill)], content: content)
    }

    /// The whole document.
    public func document(title: String, description: String? = nil) -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        // Our own attributes (counts, dates, names for tests and scripts) live in a namespace of their
        // own, which SVG 1.1 allows, rather than HTML's data-* (not SVG 1.1).
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:analyst=\"\(SVGWriter.namespace)\" version=\"1.1\" width=\"\(SVGWriter.num(width))\" height=\"\(SVGWriter.num(height))\" "
        s += "viewBox=\"0 0 \(SVGWriter.num(width)) \(SVGWriter.num(height))\" font-family=\"\(SVGWriter.fontStack)\">\n"
        s += "<title>\(SVGWriter.escape(title))</title>\n"
        if let description { s += "<desc>\(SVGWriter.escape(description))</desc>\n" }
        s += "<rect x=\"0\" y=\"0\" width=\"\(SVGWriter.num(width))\" height=\"\(SVGWriter.num(height))\" fill=\"#ffffff\"/>\n"
        return s + body + "</svg>\n"
    }
}

/// What the renderers need to know about a string's script: its language tag and direction.
public struct TextScript: Equatable {
    public var lang: String?
    public var rtl: Bool

    /// Direction from the first strong letter (HTML's dir=auto): a Latin line quoting an Arabic
    /// name stays left to right, and the bidi algorithm orders the quoted run by itself.
    public static func of(_ s: String) -> TextScript {
        var vietnamese = false
        var first: TextScript? = nil
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
                if first == nil { first = TextScript(lang: "ar", rtl: true) }
            case 0x0590...0x05FF:
                if first == nil { first = TextScript(lang: "he", rtl: true) }
            // Letters only Vietnamese uses among Latin scripts: ơ ư đ and the stacked-diacritic block.
            case 0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x0110, 0x0111, 0x1EA0...0x1EF9:
                vietnamese = true
                if first == nil { first = TextScript(lang: nil, rtl: false) }
            default:
                if first == nil && u.properties.isAlphabetic { first = TextScript(lang: nil, rtl: false) }
            }
        }
        if let f = first, f.rtl { return f }
        return TextScript(lang: vietnamese ? "vi" : nil, rtl: false)
    }
}

/// Rough text extents for label placement without a font engine: per-character em widths between
/// Noto Sans and the wider DejaVu Sans, so boxes err slightly on the large side.
public enum TextMetrics {
    public static func width(_ s: String, size: Double) -> Double {
        var em = 0.0
        for c in s {
            if c == " " { em += 0.28 }
            else if c.isUppercase { em += 0.66 }
            else if c.isNumber { em += 0.58 }
            else if "il.,:;'|!()[]".contains(c) { em += 0.28 }
            else if "mwMW—".contains(c) { em += 0.86 }
            else if let u = c.unicodeScalars.first, u.value >= 0x2E80 { em += 1.0 }
            else { em += 0.55 }
        }
        return em * size
    }
}
