import AnalystCore
/// What a format-specific parser does with one record.
enum RowOutcome {
    case imported
    /// Imported, with something the user should know (a generated id): counted and listed as a
    /// warning; under `strict` it stops the import like a malformed row.
    case importedWithWarning(reason: String, detail: String)
    /// `reason` is the category counted in the report, `detail` the text shown with the line.
    case skipped(reason: String, detail: String, malformed: Bool)
}

/// A format's row parser: turns the scanner's current record into columns of a batch. One copy per
/// thread, so caches inside it need no locks.
protocol RecordParser {
    var separator: UInt8 { get }
    var quoting: Bool { get }
    /// Field count every record must have.
    var fieldCount: Int { get }
    mutating func parse(_ sc: borrowing ByteCSVScanner, line: Int32, into b: inout ColumnBatch) -> RowOutcome
}

/// One chunk's result: rows as a batch, problems with lines relative to the chunk's first line.
struct ChunkResult {
    var batch = ColumnBatch()
    /// Where the chunk's first record starts and where the next chunk's first record must start.
    var start = 0
    var end = 0
    var newlines = 0
    var rowsRead = 0
    var skipped = 0
    var skippedByReason: [String: Int] = [:]
    var problems: [ImportReport.Problem] = []
    var warnings = 0
    var warningsByReason: [String: Int] = [:]
    var warningList: [ImportReport.Problem] = []
    /// The malformed row `strict` stopped at (relative line).
    var fatal: ImportReport.Problem?
}

enum ChunkParser {
    /// Parses records starting at `start` until a record would start at or after `stopAt` (it may
    /// read past `stopAt` to finish the record it is in). Lines are relative to `start`; with
    /// `skipLeadingBlank` blank lines at `start` are skipped without being counted.
    static func parse<P: RecordParser>(_ file: MappedFile, start: Int, stopAt: Int, skipLeadingBlank: Bool, dataStartHint: Int = -1,
                                       parser p: inout P, strict: Bool, options: ImportOptions) -> ChunkResult {
        var r = ChunkResult()
        var sc = ByteCSVScanner(base: file.base, start: start, limit: file.count, separator: p.separator, quoting: p.quoting)
        if skipLeadingBlank {
            sc.skipBlankLines()
            sc.line = 0
        }
        r.start = sc.pos
        let expected = p.fieldCount
        var releasedTo = r.start
        let releaseStep = 8 << 20
        // Room for every row of the file in the first chunk: it may become the store's columns as
        // is and take the other chunks without moving (unused capacity is never touched, so it
        // costs address space, not memory).
        r.batch.reserveCapacity(max(16, ((start == dataStartHint ? file.count : min(stopAt, file.count)) - r.start) / 200))
        func problem(_ line: Int, _ reason: String, _ detail: String, _ malformed: Bool) {
            r.skipped += 1
            r.skippedByReason[reason, default: 0] += 1
            let pr = ImportReport.Problem(line: line, reason: detail, malformed: malformed)
            if r.problems.count < options.keepProblems { r.problems.append(pr) }
            if strict && malformed { r.fatal = pr }
        }
        func warning(_ line: Int, _ reason: String, _ detail: String) {
            r.warnings += 1
            r.warningsByReason[reason, default: 0] += 1
            let pr = ImportReport.Problem(line: line, reason: detail, malformed: false)
            if r.warningList.count < options.keepProblems { r.warningList.append(pr) }
            if strict { r.fatal = pr }
        }
        while true {
            sc.skipBlankLines()
            if sc.pos >= stopAt || sc.pos >= file.count { break }
            if sc.pos - releasedTo > releaseStep {
                // Pages fully behind the current record are done with.
                file.release(from: releasedTo, to: sc.pos - 4096)
                releasedTo = sc.pos - 4096
            }
            switch sc.next() {
            case .end:
                break
            case .unterminatedQuote(let line):
                r.rowsRead += 1
                problem(line, "unterminated quote", "unterminated quoted field (the rest of the file is inside it)", true)
            case .record:
                r.rowsRead += 1
                if sc.fieldCount != expected {
                    problem(sc.recordLine, "wrong field count", "expected \(expected) fields, found \(sc.fieldCount)", true)
                } else {
                    // Text that is not UTF-8 (a Latin-1 or Windows-1252 export) would become U+FFFD:
                    // an error under strict, a warning otherwise.
                    if let bad = UTF8Check.firstInvalid(file.base, from: sc.recordStart, to: sc.pos) {
                        warning(sc.recordLine, "not UTF-8", "byte 0x\(String(file.base[bad], radix: 16, uppercase: true)) is not UTF-8 (a Latin-1 or Windows-1252 file? convert it with iconv -f latin1 -t utf-8)" + (strict ? "" : "; read as U+FFFD"))
                        if r.fatal != nil { break }
                    }
                    if r.batch.extraFlat.count >= ColumnBatch.extraBlock { r.batch.flushExtras(capacity: r.batch.ids.capacity) }
                    switch p.parse(sc, line: Int32(truncatingIfNeeded: sc.recordLine), into: &r.batch) {
                    case .imported: break
                    case .importedWithWarning(let reason, let detail): warning(sc.recordLine, reason, detail)
                    case .skipped(let reason, let detail, let malformed): problem(sc.recordLine, reason, detail, malformed)
                    }
                }
            }
            if r.fatal != nil { break }
        }
        r.end = sc.pos
        r.newlines = sc.line
        file.release(from: releasedTo, to: min(sc.pos, stopAt) - 4096)
        return r
    }
}

extension ByteCSVScanner {
    /// Skips blank lines (LF, CRLF or a lone CR), counting them.
    mutating func skipBlankLines() {
        while pos < limit {
            let c = base[pos]
            if c == 10 { pos += 1; line += 1 }
            else if c == 13 { pos += pos + 1 < limit && base[pos + 1] == 10 ? 2 : 1; line += 1 }
            else { break }
        }
    }
}

