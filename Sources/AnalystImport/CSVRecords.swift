import AnalystCore

/// A whole small CSV file as records of strings (`csv.read`), read by the importers' own scanner:
/// one reader, one set of rules (RFC 4180 quoting, CRLF/LF/CR line ends, a UTF-8 BOM skipped,
/// blank lines skipped).
public enum CSVRecords {
    public struct Unterminated: Error, CustomStringConvertible, Sendable {
        /// The line (1-based) where the unterminated quoted field starts.
        public var line: Int
        public var description: String { "line \(line): unterminated quoted field" }
    }

    /// The records with the line (1-based) each starts on.
    public static func parse(_ bytes: [UInt8], separator: UInt8 = 44) throws -> [(line: Int, fields: [String])] {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return try bytes.withUnsafeBufferPointer { buf -> [(line: Int, fields: [String])] in
            guard let base = buf.baseAddress else { return [] }
            var scanner = ByteCSVScanner(base: base, start: bom, limit: buf.count, separator: separator, quoting: true)
            var records: [(line: Int, fields: [String])] = []
            while true {
                switch scanner.next() {
                case .end:
                    return records
                case .unterminatedQuote(let line):
                    throw Unterminated(line: line + 1)
                case .record:
                    let fields = (0..<scanner.fieldCount).map { String(decoding: scanner.field($0), as: UTF8.self) }
                    records.append((scanner.recordLine + 1, fields))
                }
            }
        }
    }
}
