/// One problem found in a corpus file, printed like a compiler message: `path:line: error: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file (too large, missing).
    public var line: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, severity: Severity = .error, message: String) {
        self.file = file; self.line = line; self.severity = severity; self.message = message
    }

    public var isError: Bool { severity == .error }
    public var description: String {
        line > 0 ? "\(file):\(line): \(severity.rawValue): \(message)" : "\(file): \(severity.rawValue): \(message)"
    }
}

/// What `Corpus.load` throws: the first error the validator would report, with the same message.
public struct CorpusError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    public var description: String { diagnostic.description }
}
