/// Tab-separated tables of the corpus: a header row, then one record a line. `#` lines and blank
/// lines are skipped. Rows with the wrong number of fields are reported and left out.
struct TSVTable {
    struct Row { var fields: [String]; var line: Int }
    var header: [String]
    var rows: [Row]

    /// nil when the file cannot be used at all (missing, binary, too large); the reason is in diagnostics.
    static func read(_ path: String, columns: Int, diagnostics: inout [Diagnostic]) -> TSVTable? {
        switch SafeFile.read(path) {
        case .failure(let d): diagnostics.append(d); return nil
        case .success(let b): return parse(b, path: path, columns: columns, diagnostics: &diagnostics)
        }
    }

    static func parse(_ b: [UInt8], path: String, columns: Int, diagnostics: inout [Diagnostic]) -> TSVTable {
        var table = TSVTable(header: [], rows: [])
        table.rows.reserveCapacity(b.count / 200)
        var line = 0, i = 0
        let n = b.count
        var fields: [String] = []
        var sawHeader = false
        fields.reserveCapacity(columns)
        b.withUnsafeBufferPointer { p in
            while i < n {
                line += 1
                var end = i
                while end < n && p[end] != 0x0A { end += 1 }
                let next = end + 1
                if end > i && p[end - 1] == 0x0D { end -= 1 }
                defer { i = next }
                if end == i || p[i] == UInt8(ascii: "#") { continue }
                fields.removeAll(keepingCapacity: true)
                var s = i
                for k in i...end where k == end || p[k] == 0x09 {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: p[s..<k]), as: UTF8.self))
                    s = k + 1
                }
                if !sawHeader {
                    sawHeader = true
                    table.header = fields
                    if fields.count != columns {
                        diagnostics.append(Diagnostic(file: path, line: line,
                            message: "header has \(fields.count) tab-separated fields, expected \(columns)"))
                    }
                    continue
                }
                if fields.count != columns {
                    diagnostics.append(Diagnostic(file: path, line: line,
                        message: "expected \(columns) tab-separated fields, found \(fields.count)"))
                    continue
                }
                table.rows.append(Row(fields: fields, line: line))
            }
        }
        return table
    }

    /// A coordinate field: a number within ±limit, else a diagnostic naming the column.
    static func coordinate(_ s: String, limit: Double, name: String, path: String, line: Int,
                           diagnostics: inout [Diagnostic]) -> Double? {
        guard let v = Double(s), v.isFinite else {
            diagnostics.append(Diagnostic(file: path, line: line, message: "\(name) `\(s)` is not a number"))
            return nil
        }
        guard abs(v) <= limit else {
            diagnostics.append(Diagnostic(file: path, line: line, message: "\(name) \(s) is out of range (-\(Int(limit))...\(Int(limit)))"))
            return nil
        }
        return v
    }
}
