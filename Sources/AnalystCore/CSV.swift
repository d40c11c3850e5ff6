/// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote, CR or
/// LF, quotes doubled. UTF-8 without BOM.
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

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses CSV text (RFC 4180; also LF line ends and a UTF-8 BOM). Returns the records with the
    /// line number each starts on. An unterminated quote is an error naming its line.
    public static func parse(_ text: String, separator: UInt8 = 44) throws -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var fields: [String] = []
        var field: [UInt8] = []
        var i = 0, line = 1, recordLine = 1
        var inQuotes = false, quoteLine = 0, sawAnything = false
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == 34 {
                    if i + 1 < n && bytes[i + 1] == 34 { field.append(34); i += 2; continue }
                    inQuotes = false
                } else {
                    if b == 10 { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 34 where field.isEmpty:
                inQuotes = true
                quoteLine = line
                sawAnything = true
            case separator:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                sawAnything = true
            case 13 where i + 1 < n && bytes[i + 1] == 10:
                break   // CR of CRLF: the LF ends the record
            case 10:
                if sawAnything || !field.isEmpty {
                    fields.append(String(decoding: field, as: UTF8.self))
                    records.append((recordLine, fields))
                }
                fields = []
                field.removeAll(keepingCapacity: true)
                sawAnything = false
                line += 1
                recordLine = line
            default:
                field.append(b)
                sawAnything = true
            }
            i += 1
        }
        if inQuotes { throw ParseError(line: quoteLine, message: "unterminated quoted field") }
        if sawAnything || !field.isEmpty {
            fields.append(String(decoding: field, as: UTF8.self))
            records.append((recordLine, fields))
        }
        return records
    }
}
