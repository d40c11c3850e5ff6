import Foundation
import LuaKit

/// Batch semantics of the shell, as sqlite3's: when its input is not a terminal (`analyst -i < x`,
/// or piped input with dot-commands), errors name their line, input that ends inside an unfinished
/// statement is an error, and the exit status is the first error's, whether the run goes on
/// (`.bail off`, the default) or stops (`.bail on`, `--bail`).
extension LuaError {
    /// The exit status this error stands for (docs/cli.md).
    var exitCode: ExitCode {
        switch kind {
        case .timeout: return .busyOrTimeout
        case .interrupted: return LuaState.terminationRequested ? Signals.terminationExitCode : .interrupted
        case .memory: return .outOfMemory
        case .syntax: return .scriptError
        case .runtime, .handler: return exitStatus.flatMap(ExitCode.init(rawValue:)) ?? .scriptError
        }
    }
}

/// Reads lines from input already read whole (piped input, once it is known to hold dot-commands).
final class BufferedLineReader: LineReader {
    private var lines: [Substring]
    private var next = 0

    init(_ data: [UInt8]) {
        var text = String(decoding: Runner.skippingShebang(data), as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func readLine(prompt: String) -> String? {
        guard next < lines.count else { return nil }
        defer { next += 1 }
        var line = lines[next]
        if line.hasSuffix("\r") { line = line.dropLast() }
        return String(line)
    }

    func addHistory(_ entry: String) {}
}

enum PipedInput {
    /// Piped input without `-i` runs as one script (as `lua` runs it), unless a line starts, in its
    /// first column, with a dot-command (`.mode csv`): then it is shell input, read line by line.
    /// No Lua statement starts with `.` followed by a letter.
    static func hasDotCommands(_ data: [UInt8]) -> Bool {
        var atLineStart = true
        var i = 0
        while i < data.count {
            let c = data[i]
            if atLineStart && c == UInt8(ascii: "."), i + 1 < data.count,
               (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(data[i + 1] | 0x20) {
                return true
            }
            atLineStart = c == UInt8(ascii: "\n")
            i += 1
        }
        return false
    }
}

extension AnalystCLI {
    /// A run that left bad articles out of the corpus (each already announced as a warning) exits
    /// 65 at the end, so cron hears about it; an error status of the run's own wins. An
    /// interactive session on a terminal only warns.
    static func withSkippedArticles(_ status: ExitCode, _ options: Options, host: AnalystHost) -> ExitCode {
        let interactiveTerminal = isTerminal(0) && !options.batch
            && (options.interactive || (options.script == nil && options.expressions.isEmpty))
        let skipped = host.skippedArticleCount
        guard status == .success, skipped > 0, !interactiveTerminal else { return status }
        Diagnostics(timestamps: options.batch).error(
            "\(skipped) article\(skipped == 1 ? "" : "s") left out of the corpus for errors (see the warnings above): exit 65")
        return .dataError
    }
}

extension AnalystCLI {
    /// `--corpus DIR` naming no folder, said before anything runs.
    static func missingCorpus(_ options: Options) -> String? {
        guard let dir = options.corpusDirectory else { return nil }
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) { return "--corpus \(dir): no such folder" }
        return isDir.boolValue ? nil : "--corpus \(dir): not a folder"
    }
}
