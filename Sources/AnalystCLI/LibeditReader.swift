import CEditLine
import Foundation
import LuaKit

/// The terminal's line reader: libedit's readline API with emacs keys, history kept in
/// `$XDG_STATE_HOME/analyst/history` (else `~/.local/state/analyst/history`, at most 1000
/// entries, written after each entry so a crash keeps it), and Tab completion (Completion).
/// Ctrl-C at the prompt: libedit passes SIGINT on to our prompt handler (Signals), readline
/// returns nil and the shell starts a fresh line.
final class LibeditLineReader: LineReader {
    static let historyLimit: Int32 = 1000
    let historyPath: String?

    init(runner: Runner) {
        historyPath = LibeditLineReader.historyFile()
        // Lua words keep `.` `:` `/` `-` `~` so `caps:fi` and `Scripts/da` complete as a whole.
        analyst_rl_configure(strdup("analyst"), strdup(" \t\n\"\\'`@$><=;|&{}(,)[]+*%^#"), completeCallback)
        LibeditLineReader.completion = Completion(L: runner.lua.L, types: runner.host.completionTypes(),
                                                   returnTypes: AnalystHost.returnTypes)
        stifle_history(LibeditLineReader.historyLimit)
        if let path = historyPath { read_history(path) }
    }

    static func historyFile() -> String? {
        let env = ProcessInfo.processInfo.environment
        var base: String
        if let state = env["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = env["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        base += "/analyst"
        do {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        return base + "/history"
    }

    func readLine(prompt: String) -> String? {
        guard let line = readline(prompt) else { return nil }
        defer { free(line) }
        return String(cString: line)
    }

    func addHistory(_ entry: String) {
        add_history(entry)
        if let path = historyPath { write_history(path) }
    }

    // MARK: completion
    // libedit calls a C function pointer with no context argument, so the one shell's completion
    // state has to be reachable from a static (one terminal, one line reader per process).

    nonisolated(unsafe) static var completion: Completion?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var nextMatch = 0
}

/// rl_attempted_completion_function: computes all candidates, then hands them to libedit through
/// rl_completion_matches (which also works out their common prefix).
private let completeCallback: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, _ in
    analyst_rl_completion_over()   // no fallback to libedit's own file-name completion
    guard let text, let completion = LibeditLineReader.completion else { return nil }
    let word = String(cString: text)
    let line = analyst_rl_line_buffer().map { String(cString: $0) } ?? ""
    let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(Int(max(0, start)))))
    LibeditLineReader.matches = completion.candidates(word: word, before: before)
    LibeditLineReader.nextMatch = 0
    if LibeditLineReader.matches.isEmpty { return nil }
    return rl_completion_matches(text, nextMatchCallback)
}

private let nextMatchCallback: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, _ in
    guard LibeditLineReader.nextMatch < LibeditLineReader.matches.count else { return nil }
    defer { LibeditLineReader.nextMatch += 1 }
    return strdup(LibeditLineReader.matches[LibeditLineReader.nextMatch])
}
