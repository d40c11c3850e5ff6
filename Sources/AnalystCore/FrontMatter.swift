/// The YAML front matter of an article, read by a small hand parser for flat `key: value` scalars.
///
/// Why not Yams: front matter is flat, and a full YAML parser brings anchors/aliases (billion-laughs
/// expansion), unbounded nesting and type coercion (`no` -> false, `2024-11-29` -> a Date) that we
/// neither need nor want. Anything beyond flat scalars is reported as an error with its line.
///
/// Supported: `key: plain value`, `key: "double \"quoted\" \u00e9"`, `key: 'single ''quoted'''`,
/// `key: |` / `key: >` block scalars on indented lines, `# comments`, blank lines, `~`/`null`/empty = no value.
struct FrontMatter {
    struct Field { var key: String; var value: String?; var line: Int }
    var fields: [Field] = []
    /// Byte offset and 1-based line where the body starts.
    var bodyOffset: Int
    var bodyLine: Int

    func value(_ key: String) -> String? { fields.first { $0.key == key }?.value ?? nil }

    /// nil when the file has no front matter (does not start with a `---` line).
    /// Errors (unterminated, not flat key/value) come back in `diagnostics`; parsing continues past them.
    static func parse(_ b: [UInt8], path: String, diagnostics: inout [Diagnostic]) -> FrontMatter? {
        var lines: [(start: Int, end: Int)] = []   // end excludes "\n" and a preceding "\r"
        var start = 0
        // Only split as far as needed: stop at the closing fence.
        func nextLine(_ from: Int) -> (Int, Int, Int)? {   // (start, end, next)
            guard from < b.count else { return nil }
            var i = from
            while i < b.count && b[i] != 0x0A { i += 1 }
            var end = i
            if end > from && b[end - 1] == 0x0D { end -= 1 }
            return (from, end, i < b.count ? i + 1 : i)
        }
        guard let first = nextLine(0), isFence(b, first.0, first.1, open: true) else { return nil }
        start = first.2
        var closing: (line: Int, next: Int)?
        var lineNo = 1
        while let l = nextLine(start) {
            lineNo += 1
            if isFence(b, l.0, l.1, open: false) { closing = (lineNo, l.2); break }
            lines.append((l.0, l.1))
            start = l.2
        }
        guard let closing else {
            diagnostics.append(Diagnostic(file: path, line: 1,
                message: "front matter opened by `---` on line 1 is never closed by a `---` line"))
            return FrontMatter(fields: [], bodyOffset: b.count, bodyLine: lineNo + 1)
        }
        var fm = FrontMatter(bodyOffset: closing.next, bodyLine: closing.line + 1)
        let text = lines.map { String(decoding: b[$0.start..<$0.end], as: UTF8.self) }
        var i = 0
        var seen = Set<String>()   // duplicate keys in O(1): a file of 200,000 keys stays linear
        func err(_ k: Int, _ m: String) { diagnostics.append(Diagnostic(file: path, line: k + 2, message: m)) }
        while i < text.count {
            let line = text[i]
            let trimmed = line.trimmingCharacters(in: " \t")
            if trimmed.isEmpty || trimmed.hasPrefix("#") { i += 1; continue }
            if line.first == " " || line.first == "\t" {
                err(i, "indented line: front matter must be flat `key: value` lines (no nesting)"); i += 1; continue
            }
            if line.hasPrefix("-") {
                err(i, "front matter must be a mapping of `key: value` lines, not a list"); i += 1; continue
            }
            guard let colon = keyColon(line) else {
                err(i, "not a `key: value` line: front matter is not valid flat YAML"); i += 1; continue
            }
            let key = String(line[..<colon])
            var raw = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            var value: String?
            if !seen.insert(key).inserted { err(i, "field `\(key)` given twice") }
            if let c = raw.first, c == "|" || c == ">", raw.dropFirst().allSatisfy({ "+-".contains($0) }) {
                // Block scalar: the following indented (or blank) lines.
                var block: [Substring] = []
                var j = i + 1
                while j < text.count, text[j].isEmpty || text[j].first == " " || text[j].first == "\t" {
                    block.append(Substring(text[j])); j += 1
                }
                while let last = block.last, last.trimmingCharacters(in: " \t").isEmpty { block.removeLast() }
                let indent = block.filter { !$0.trimmingCharacters(in: " \t").isEmpty }
                    .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
                let body = block.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }
                value = c == "|" ? body.joined(separator: "\n") : body.joined(separator: " ")
                fm.fields.append(Field(key: key, value: value, line: i + 2))
                i = j; continue
            }
            switch raw.first {
            case "&", "*":
                err(i, "YAML anchors and aliases (`&`, `*`) are not allowed in front matter")
            case "[", "{":
                err(i, "field `\(key)`: lists and mappings are not allowed in front matter; values are plain text")
            case "!":
                err(i, "field `\(key)`: YAML tags are not allowed in front matter")
            case "\"", "'":
                switch quoted(raw) {
                case .success(let v): value = v
                case .failure(let m): err(i, "field `\(key)`: \(m)")
                }
            default:
                if let hash = raw.range(of: " #") { raw = raw[..<hash.lowerBound].trimmingCharacters(in: " \t") }
                value = (raw.isEmpty || raw == "~" || raw == "null") ? nil : String(raw)
            }
            fm.fields.append(Field(key: key, value: value, line: i + 2))
            i += 1
        }
        return fm
    }

    private static func isFence(_ b: [UInt8], _ s: Int, _ e: Int, open: Bool) -> Bool {
        var s = s
        if open && e - s >= 3 && b[s] == 0xEF && s + 2 < e && b[s + 1] == 0xBB && b[s + 2] == 0xBF { s += 3 } // BOM
        var e2 = e
        while e2 > s && (b[e2 - 1] == 0x20 || b[e2 - 1] == 0x09) { e2 -= 1 }
        guard e2 - s == 3 else { return false }
        return (b[s] == 0x2D && b[s + 1] == 0x2D && b[s + 2] == 0x2D)
            || (!open && b[s] == 0x2E && b[s + 1] == 0x2E && b[s + 2] == 0x2E)
    }

    /// Index of the `:` ending a `key:` prefix; keys are letters, digits, `_` and `-`.
    private static func keyColon(_ line: String) -> String.Index? {
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == ":" {
                let next = line.index(after: i)
                guard i > line.startIndex, next == line.endIndex || line[next] == " " || line[next] == "\t" else { return nil }
                return i
            }
            guard c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "-" else { return nil }
            i = line.index(after: i)
        }
        return nil
    }

    private struct Message: Error { var text: String }

    private static func quoted(_ raw: Substring) -> Result<String, Message> {
        let q = raw.first!
        var out = ""
        let chars = Array(raw.dropFirst())
        var k = 0
        while k < chars.count {
            let c = chars[k]; k += 1
            if c == q {
                if q == "'" && k < chars.count && chars[k] == "'" { out.append("'"); k += 1; continue }
                let rest = String(chars[k...]).trimmingCharacters(in: " \t")
                if !rest.isEmpty && !rest.hasPrefix("#") {
                    return .failure(Message(text: "unexpected text after the closing quote"))
                }
                return .success(out)
            }
            if q == "\"" && c == "\\" {
                guard k < chars.count else { break }
                let e = chars[k]; k += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\"", "\\", "/": out.append(e)
                case "u":
                    let hex = String(chars[k..<min(k + 4, chars.count)]); k += 4
                    guard hex.count == 4, let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else {
                        return .failure(Message(text: "bad \\u escape"))
                    }
                    out.unicodeScalars.append(s)
                default: return .failure(Message(text: "unknown escape in double-quoted string"))
                }
                continue
            }
            out.append(c)
        }
        return .failure(Message(text: "unterminated quoted string (quoted values must end on the same line)"))
    }
}
