import AnalystCore
import Foundation

public enum ImportFormat: String, Sendable, CaseIterable {
    case acled, gdelt, auto
}

/// What an import did: nothing is dropped without being counted here.
public struct ImportReport: Sendable, CustomStringConvertible {
    /// One skipped row: its line in the file (1-based, where the record starts) and why.
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var reason: String
        /// True for malformed rows (what `strict` stops on), false for rows skipped by policy.
        public var malformed: Bool
        public init(line: Int, reason: String, malformed: Bool) { self.line = line; self.reason = reason; self.malformed = malformed }
    }

    public var path: String
    /// `acled` (with the layout), `gdelt`.
    public var format: String
    public var rowsRead = 0
    public var imported = 0
    public var skipped = 0
    /// Skipped rows by reason category (`wrong field count`, `bad date`, `unmapped type`, ...).
    public var skippedByReason: [String: Int] = [:]
    /// The first `ImportOptions.keepProblems` problems, in line order.
    public var problems: [Problem] = []
    /// Rows imported with a warning (a generated id, text that is not UTF-8), by reason, and the
    /// first `keepProblems` of them with their lines. Under `strict` a warning stops the import.
    public var warnings = 0
    public var warningsByReason: [String: Int] = [:]
    public var warningList: [Problem] = []
    /// Distinct places of the file linked to the gazetteer, and kept ad hoc (unlinked).
    public var placesLinked = 0
    public var placesAdHoc = 0
    /// Distinct actor names of the file linked to the actor dictionary, and not linked.
    public var actorsLinked = 0
    public var actorsUnlinked = 0
    public var seconds = 0.0
    /// True when the rows came from the import cache's snapshot, not from parsing the file.
    public var cached = false

    public init(path: String, format: String) { self.path = path; self.format = format }

    public var description: String {
        var s = "\(path): \(format), \(rowsRead) rows read, \(imported) imported, \(skipped) skipped"
        s += String(format: " in %.3f s", seconds)
        if cached { s += " (from the import cache)" }
        if warnings > 0 { s += ", \(warnings) with warnings" }
        if placesLinked + placesAdHoc > 0 { s += "; places: \(placesLinked) linked, \(placesAdHoc) unlinked" }
        if actorsLinked + actorsUnlinked > 0 { s += "; actors: \(actorsLinked) linked, \(actorsUnlinked) unlinked" }
        for (reason, n) in skippedByReason.sorted(by: { $0.value > $1.value }) { s += "\n  \(n) skipped: \(reason)" }
        for p in problems.prefix(10) { s += "\n  line \(p.line): \(p.reason)" }
        if problems.count > 10 { s += "\n  ... (\(problems.count) kept; more in report.problems)" }
        for (reason, n) in warningsByReason.sorted(by: { $0.value > $1.value }) { s += "\n  \(n) warnings: \(reason)" }
        for p in warningList.prefix(10) { s += "\n  line \(p.line): warning: \(p.reason)" }
        return s
    }
}

public struct ImportOptions: Sendable {
    /// The type of rows with no armed-conflict mapping (ACLED protests, riots, agreements; GDELT
    /// outside CAMEO 18-20): `other` by default, so every row is imported; nil skips and counts them.
    public var unmappedAs: EventType? = .other
    /// Problems kept with their line numbers in the report (all are counted).
    public var keepProblems = 100
    /// Threads for files over `parallelThreshold` bytes (default: active processors, at most 8).
    public var threads = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
    public var parallelThreshold = 4 << 20
    /// Extra ACLED/GDELT columns kept as `EventStore.extraColumns` (admin2, assoc_actor_1, inter1, ...).
    public var extraColumns = true
    public init() {}
}

public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var path: String
    /// 0 when the error is about the whole file.
    public var line: Int
    public var message: String
    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
