import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG with Foundation's XMLParser and collects what the plot tests check.
final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        /// `class` attributes of the enclosing elements, innermost last.
        var ancestors: [String]
    }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private(set) var error: Error?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? NSError(domain: "xml", code: 1) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let ancestors = stack.map { elements[$0].attributes["class"] ?? "" }
        elements.append(Element(name: name, attributes: attributes, ancestors: ancestors))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = stack.last { elements[i].text += string }
    }

    var root: Element? { elements.first }

    var viewBox: (w: Double, h: Double)? {
        let parts = root?.attributes["viewBox"]?.split(separator: " ").compactMap { Double($0) } ?? []
        return parts.count == 4 ? (parts[2], parts[3]) : nil
    }

    func all(_ name: String, class cls: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (cls == nil || ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(cls!))) }
    }

    /// Every coordinate drawn (circle centres, rect corners, path points, text anchors) with what it came from.
    func points() -> [(x: Double, y: Double, what: String)] {
        var out: [(Double, Double, String)] = []
        func d(_ e: Element, _ k: String) -> Double? { e.attributes[k].flatMap(Double.init) }
        for e in elements {
            switch e.name {
            case "circle":
                if let x = d(e, "cx"), let y = d(e, "cy") { out.append((x, y, "circle")) }
            case "rect":
                if let x = d(e, "x"), let y = d(e, "y"), let w = d(e, "width"), let h = d(e, "height") {
                    out.append((x, y, "rect")); out.append((x + w, y + h, "rect"))
                }
            case "text":
                if let x = d(e, "x"), let y = d(e, "y") { out.append((x, y, "text " + e.text)) }
            case "path":
                for p in SVGInspector.pathPoints(e.attributes["d"] ?? "") { out.append((p.0, p.1, "path")) }
            default: break
            }
        }
        return out
    }

    /// End points of the absolute commands our writer uses: M, L, A (last two numbers), Z.
    static func pathPoints(_ d: String) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        var cmd: Character = "M"
        var nums: [Double] = []
        func flush() {
            switch cmd {
            case "M", "L": for i in stride(from: 0, to: nums.count - 1, by: 2) { out.append((nums[i], nums[i + 1])) }
            case "A": for i in stride(from: 0, to: nums.count - 6, by: 7) { out.append((nums[i + 5], nums[i + 6])) }
            default: break
            }
            nums = []
        }
        var token = ""
        for c in d + " " {
            if c.isLetter && c != "e" {
                if let v = Double(token) { nums.append(v) }; token = ""
                flush(); cmd = c
            } else if c == " " || c == "," {
                if let v = Double(token) { nums.append(v) }; token = ""
            } else { token.append(c) }
        }
        flush()
        return out
    }
}
