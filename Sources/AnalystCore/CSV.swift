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
        var w = Writer(excelSafe: excelSafe)
        w.line(header.map { Cell($0) }, header: true)
        for row in rows { w.line(row) }
        return String(decoding: w.out, as: UTF8.self)
    }

    /// One field as CSV writes it: as it is, or quoted with its quotes doubled.
    public static func quote(_ field: String) -> String {
        var w = Writer(excelSafe: false)
        w.field(field)
        return String(decoding: w.out, as: UTF8.self)
    }

    /// The one CSV writer: rows appended into bytes (a long export builds no String of the whole
    /// file, and halves written on two threads are joined in order).
    public struct Writer: Sendable {
        public private(set) var out: [UInt8] = []
        public let excelSafe: Bool
        public init(excelSafe: Bool) { self.excelSafe = excelSafe; out.reserveCapacity(1 << 16) }

        /// A row and its CRLF. A header row is never made "Excel safe".
        public mutating func line(_ cells: [Cell], header: Bool = false) {
            for (i, cell) in cells.enumerated() {
                if i > 0 { out.append(44) }
                if excelSafe && !header && !cell.isNumber, let first = cell.text.unicodeScalars.first,
                   "=+-@\t\r".unicodeScalars.contains(first) {
                    field("'" + cell.text)
                } else {
                    field(cell.text)
                }
            }
            out.append(13); out.append(10)
        }

        /// A field as it is, or quoted (doubling its quotes) when it has a comma, quote or line break.
        mutating func field(_ text: String) {
            var text = text
            text.withUTF8 { b in
                guard b.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
                    out.append(contentsOf: b)
                    return
                }
                out.append(34)
                var start = 0
                for i in 0..<b.count where b[i] == 34 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...i]))
                    out.append(34)
                    start = i + 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
                out.append(34)
            }
        }
    }
}
