/// Writing RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma,
/// quote, CR or LF, quotes doubled. UTF-8 without BOM. (Reading: `CSVRecords` in AnalystImport,
/// on the importers' scanner.)
public enum CSV {
    /// One cell: the text and whether it is a number (numbers are never made "Excel safe").
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var isNumber: Bool
        public init(_ text: String, isNumber: Bool = false) { self.text = text; self.isNumber = isNumber }
        public init(stringLiteral value: String) { self.init(value) }
        public static let empty = Cell("")
    }

    /// Writes a header and rows. With `excelSafe`, a text cell starting with = + - @ (or tab/CR) gets
    /// a leading apostrophe so spreadsheets do not run it as a formula (OWASP CSV injection).
    public static func render(header: [String], rows: [[Cell]], excelSafe: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(64 * (rows.count + 1))
        appendLine(&out, header.map { Cell($0) }, excelSafe: false)
        for row in rows { appendLine(&out, row, excelSafe: excelSafe) }
        return out
    }

    static func appendLine(_ out: inout String, _ cells: [Cell], excelSafe: Bool) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(",") }
            var text = cell.text
            if excelSafe && !cell.isNumber, let first = text.unicodeScalars.first,
               "=+-@\t\r".unicodeScalars.contains(first) {
                text = "'" + text
            }
            out.append(quote(text))
        }
        out.append("\r\n")
    }

    public static func quote(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return field }
        var q = "\""
        for ch in field.unicodeScalars {
            if ch == "\"" { q.append("\"\"") } else { q.unicodeScalars.append(ch) }
        }
        q.append("\"")
        return q
    }
}
