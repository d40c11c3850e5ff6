import AnalystCore
/// How the shell shows results (`.mode`), as sqlite3's shell does.
public enum OutputMode: String, CaseIterable, Sendable {
    case box, table, csv, json, markdown

    /// Modes meant for reading on screen cut long lists; the others are for files and keep all rows.
    var cutsRows: Bool { self == .box || self == .table }
}

/// Renders walked values (`Shown`) as text in one output mode:
/// - numbers, strings, booleans, functions: as Lua's `print` writes them;
/// - a list of records (tables or record-like userdata): a table, one row per item, one column
///   per field in order of first appearance, `... N more rows` past the row limit;
/// - a single record: a key/value table; a short list of plain values: `{1, 2, 3}`;
/// - values inside cells: their `__tostring` if they have one, else a compact `{k = v}`.
struct Pretty {
    var mode: OutputMode
    var rowLimit = 40
    var maxColumnWidth = 40
    var bold = false
    /// The terminal's width: box and table modes elide middle columns to fit (nil: no limit).
    var terminalWidth: Int?
    /// `.headers off` leaves the header row out (every mode).
    var headers = true
    /// `.width COLUMN N`: a column's own limit, over `maxColumnWidth`.
    var columnWidths: [String: Int] = [:]
    /// `.wrap on`: long cells break onto more lines instead of being cut with `…`.
    var wrap = false

    /// How many list items the walker should read for this mode.
    var walkLimit: Int { mode.cutsRows ? rowLimit : 1_000_000 }

    /// Several results of one expression: plain values on one line, tab-separated (like print),
    /// tables each on their own.
    func render(_ values: [Shown]) -> String {
        if values.allSatisfy(\.isScalarLike) && mode != .json {
            return values.map { scalarText($0) }.joined(separator: "\t") + "\n"
        }
        return values.map(render).joined()
    }

    func render(_ v: Shown) -> String {
        if mode == .json { return json(v, depth: 0, pretty: true) + "\n" }
        switch v {
        case .scalar, .opaque, .cut:
            return scalarText(v) + "\n"
        case .list(_, let items, let total, let columns):
            if total == 0 { return "{}\n" }
            if items.allSatisfy(\.isScalarLike) && mode != .csv {
                let inline = compact(v, depth: 0)
                if total == items.count && DisplayWidth.of(inline) <= 100 { return inline + "\n" }
            }
            return grid(listGrid(items, total: total, columns: columns))
        case .record(_, let fields, _):
            if fields.isEmpty { return "{}\n" }
            return grid(Grid(headers: ["key", "value"],
                             rows: fields.map { [Cell($0.key), cell($0.value)] }, more: 0))
        }
    }

    // MARK: grids

    struct Cell {
        var text: String
        var numeric = false
        init(_ text: String, numeric: Bool = false) { self.text = text; self.numeric = numeric }
    }

    struct Grid {
        var headers: [String]
        var rows: [[Cell]]
        var more: Int
    }

    private func listGrid(_ items: [Shown], total: Int, columns: [String]? = nil) -> Grid {
        var headers: [String] = []
        var seen: Set<String> = []
        // The list chose its columns: show those, in that order, and nothing else.
        if let columns, !columns.isEmpty, items.allSatisfy({ if case .record = $0 { return true } else { return false } }) {
            headers = columns
            seen = Set(columns)
        }
        let fixed = !headers.isEmpty
        func add(_ h: String) { if seen.insert(h).inserted { headers.append(h) } }
        var rowsByKey: [[String: Cell]] = []
        for item in items {
            var row: [String: Cell] = [:]
            switch item {
            case .record(_, let fields, _):
                for (k, v) in fields where !fixed || seen.contains(k) { add(k); row[k] = cell(v) }
            case .list(_, let sub, _, _):
                for (i, v) in sub.enumerated() { add("[\(i + 1)]"); row["[\(i + 1)]"] = cell(v) }
            default:
                add("value"); row["value"] = cell(item)
            }
            rowsByKey.append(row)
        }
        let rows = rowsByKey.map { r in headers.map { r[$0] ?? Cell("") } }
        return Grid(headers: headers, rows: rows, more: total - items.count)
    }

    private func grid(_ g: Grid) -> String {
        switch mode {
        case .csv: return csv(g)
        case .markdown: return markdown(g)
        default: return drawn(g, box: mode == .box)
        }
    }

    /// A column's width limit: its own `.width`, else the shell's.
    private func limit(_ header: String) -> Int { columnWidths[header] ?? maxColumnWidth }

    /// A cell as the lines it occupies at `width`: cut with `…`, or wrapped with `.wrap on`.
    private func lines(_ text: String, width: Int) -> [String] {
        wrap ? DisplayWidth.wrap(text, to: width) : [DisplayWidth.truncate(text, to: width)]
    }

    private func drawn(_ g: Grid, box: Bool) -> String {
        var natural = g.headers.map { min(DisplayWidth.of($0), limit($0)) }
        if !headers { natural = natural.map { _ in 1 } }
        for r in g.rows {
            for (i, c) in r.enumerated() { natural[i] = max(natural[i], min(DisplayWidth.of(c.text), limit(g.headers[i]))) }
        }
        let fit = TableFit.fit(widths: natural, limit: terminalWidth)
        let widths = fit.shown.map { $0.map { fit.widths[$0] } ?? 1 }
        let (h, v, tl, tm, tr, ml, mm, mr, bl, bm, br) = box
            ? ("─", "│", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘")
            : ("-", "|", "+", "+", "+", "+", "+", "+", "+", "+", "+")
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: h, count: $0 + 2) }.joined(separator: m) + r + "\n"
        }
        /// One row, over as many lines as its tallest cell needs.
        func row(_ cells: [Cell], header: Bool) -> String {
            let columns: [[String]] = fit.shown.enumerated().map { k, index in
                guard let index else { return ["…"] }
                return header ? [DisplayWidth.truncate(cells[index].text, to: widths[k])] : lines(cells[index].text, width: widths[k])
            }
            let height = columns.map(\.count).max() ?? 1
            var out = ""
            for lineNo in 0..<height {
                out += v + fit.shown.enumerated().map { k, index -> String in
                    let text = lineNo < columns[k].count ? columns[k][lineNo] : ""
                    let numeric = index.map { !header && cells[$0].numeric } ?? false
                    var padded = DisplayWidth.pad(text, to: widths[k], right: numeric)
                    if header && bold { padded = "\u{1B}[1m" + padded + "\u{1B}[0m" }
                    return " \(padded) "
                }.joined(separator: v) + v + "\n"
            }
            return out
        }
        var out = rule(tl, tm, tr)
        if headers {
            out += row(g.headers.map { Cell($0) }, header: true)
            out += rule(ml, mm, mr)
        }
        for r in g.rows { out += row(r, header: false) }
        out += rule(bl, bm, br)
        if g.more > 0 { out += "... \(g.more) more row\(g.more == 1 ? "" : "s")\n" }
        if !fit.hidden.isEmpty {
            out += TableFit.footer(hidden: fit.hidden.map { g.headers[$0] }, total: g.headers.count, limit: terminalWidth) + "\n"
        }
        return out
    }

    private func markdown(_ g: Grid) -> String {
        let esc = { (s: String) in s.replacingOccurrences(of: "|", with: "\\|") }
        let headers = g.headers.map(esc)
        let rows = g.rows.map { $0.map { Cell(esc($0.text), numeric: $0.numeric) } }
        var widths = headers.map { max(3, DisplayWidth.of($0)) }
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c.text)) } }
        let numericColumn = headers.indices.map { i in !rows.isEmpty && rows.allSatisfy { $0[i].numeric || $0[i].text.isEmpty } }
        var out = "| " + headers.enumerated().map { DisplayWidth.pad(self.headers ? $1 : "", to: widths[$0]) }.joined(separator: " | ") + " |\n"
        out += "|" + widths.enumerated().map { i, w in
            numericColumn[i] ? String(repeating: "-", count: w + 1) + ":" : String(repeating: "-", count: w + 2)
        }.joined(separator: "|") + "|\n"
        for r in rows {
            out += "| " + r.enumerated().map { DisplayWidth.pad($1.text, to: widths[$0], right: $1.numeric) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private func csv(_ g: Grid) -> String {
        let field = CSV.quote   // the one quoting rule (RFC 4180), as in exports
        var out = headers ? g.headers.map(field).joined(separator: ",") + "\n" : ""
        for r in g.rows { out += r.map { field($0.text) }.joined(separator: ",") + "\n" }
        return out
    }

    // MARK: cells and inline forms

    private func cell(_ v: Shown) -> Cell {
        switch v {
        case .scalar(let text, let kind): return Cell(mode == .csv ? text : escaped(text), numeric: kind == .number)
        case .record(_, _, let label?): return Cell(escaped(label))
        default: return Cell(compact(v, depth: 0))
        }
    }

    private func scalarText(_ v: Shown) -> String {
        switch v {
        case .scalar(let t, _), .opaque(let t), .cut(let t): return t
        default: return compact(v, depth: 0)
        }
    }

    /// Control characters would break the grid: show them escaped.
    private func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(u.value < 0x20 || u.value == 0x7F ? "?" : u)
            }
        }
        return out
    }

    /// `{1, 2, "x"}` or `{name = "Hama", km = 42}`, cut past 8 entries.
    private func compact(_ v: Shown, depth: Int) -> String {
        switch v {
        case .scalar(let t, .string): return depth == 0 ? escaped(t) : quoted(t)
        case .scalar(let t, _), .opaque(let t), .cut(let t): return t
        case .record(_, _, let label?) where depth > 0: return escaped(label)
        case .list(_, let items, let total, _):
            var parts = items.prefix(8).map { compact($0, depth: depth + 1) }
            if total > parts.count { parts.append("… \(total - parts.count) more") }
            return "{" + parts.joined(separator: ", ") + "}"
        case .record(_, let fields, _):
            var parts = fields.prefix(8).map { "\($0.key) = \(compact($0.value, depth: depth + 1))" }
            if fields.count > 8 { parts.append("…") }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }

    private func quoted(_ s: String) -> String {
        "\"" + escaped(s).replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    // MARK: JSON

    private func json(_ v: Shown, depth: Int, pretty: Bool) -> String {
        switch v {
        case .scalar(let t, .number):
            return t.contains("inf") || t.contains("nan") ? "null" : t
        case .scalar(let t, .boolean): return t
        case .scalar(_, .nil): return "null"
        case .scalar(let t, _), .opaque(let t), .cut(let t): return jsonString(t)
        case .list(_, let items, _, _):
            let parts = items.map { json($0, depth: depth + 1, pretty: false) }
            if pretty && !items.allSatisfy(\.isScalarLike) && !parts.isEmpty {
                return "[\n  " + parts.joined(separator: ",\n  ") + "\n]"
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .record(_, let fields, _):
            let parts = fields.map { f -> String in
                var key = f.key
                if key.hasPrefix("["), key.hasSuffix("]"), key.count > 2 { key = String(key.dropFirst().dropLast()) }
                return jsonString(key) + ": " + json(f.value, depth: depth + 1, pretty: false)
            }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }

    private func jsonString(_ s: String) -> String { JSON.string(s) }   // the one JSON escaper (AnalystCore)
}
