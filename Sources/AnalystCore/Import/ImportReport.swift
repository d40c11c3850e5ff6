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
    public var placesLinked = 0
    public var placesAdHoc = 0
    public var seconds = 0.0

    public var description: String {
        var s = "\(path): \(format), \(rowsRead) rows read, \(imported) imported, \(skipped) skipped"
        s += String(format: " in %.3f s", seconds)
        if placesLinked + placesAdHoc > 0 { s += "; places: \(placesLinked) linked, \(placesAdHoc) ad hoc" }
        for (reason, n) in skippedByReason.sorted(by: { $0.value > $1.value }) { s += "\n  \(n) skipped: \(reason)" }
        for p in problems.prefix(10) { s += "\n  line \(p.line): \(p.reason)" }
        if problems.count > 10 { s += "\n  ... (\(problems.count) kept; more in report.problems)" }
        return s
    }
}

public struct ImportOptions: Sendable {
    /// Rows whose type has no armed-conflict mapping (ACLED protests, riots, agreements; GDELT
    /// outside CAMEO 18-20) are skipped and counted; set a type to import them as that instead.
    public var unmappedAs: EventType?
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
