import Foundation

/// Where analyst's own messages go: stderr, prefixed `analyst:`, with an ISO 8601 timestamp in
/// batch mode so cron logs can be read later.
public struct Diagnostics {
    public var timestamps: Bool

    public init(timestamps: Bool) { self.timestamps = timestamps }

    public func error(_ message: String) { write("analyst: " + message) }
    public func warning(_ message: String) { write("analyst: warning: " + message) }

    public func write(_ line: String) {
        var text = line
        if timestamps { text = Diagnostics.timestamp() + " " + text }
        if !text.hasSuffix("\n") { text += "\n" }
        fflush(nil)   // keep the order of what the script printed and what we say
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}

/// Whether a file descriptor is a terminal.
public func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }
