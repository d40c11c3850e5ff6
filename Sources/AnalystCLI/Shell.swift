import CLua
import CLuaSupport
import Foundation
import LuaKit

/// Reads one line of input; nil at end of input (or, on a terminal, after Ctrl-C: see Signals).
public protocol LineReader {
    func readLine(prompt: String) -> String?
    func addHistory(_ entry: String)
}

/// The plain reader for standard input that is not a terminal: no prompts, no editing.
public struct PlainLineReader: LineReader {
    public var showPrompts: Bool
    public init(showPrompts: Bool) { self.showPrompts = showPrompts }
    public func readLine(prompt: String) -> String? {
        if showPrompts { print(prompt, terminator: ""); fflush(stdout) }
        return Swift.readLine(strippingNewline: true)
    }
    public func addHistory(_ entry: String) {}
}

/// The read-eval-print loop: `> ` prompts, `>> ` continues an unfinished statement, expressions
/// show their values (pretty-printed, see Pretty), `_` holds the last result, a trailing `;`
/// suppresses the display, lines starting with `.` are dot-commands. Errors are reported and the
/// loop goes on; Ctrl-C stops a running input; Ctrl-D (end of input) leaves.
public final class Shell {
    let runner: Runner
    let reader: LineReader
    /// Standard input is a terminal: banner, Ctrl-C at the prompt.
    let terminal: Bool
    public var lua: LuaState { runner.lua }
    public var mode: OutputMode
    public var timer = false
    public var rowLimit = 40
    /// `.headers on|off`, `.width [COLUMN] N`, `.wrap on|off` (see Pretty).
    public var headers = true
    public var maxColumnWidth = 40
    public var columnWidths: [String: Int] = [:]
    public var wrap = false
    /// `.pager on|off|CMD`.
    var pager = Pager()
    public var quit = false
    public let redirect = Redirect()
    let colour: Bool

    public init(runner: Runner, reader: LineReader, terminal: Bool) {
        self.runner = runner
        self.reader = reader
        self.terminal = terminal
        let stdoutTerminal = isTerminal(1)
        colour = terminal && stdoutTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        mode = stdoutTerminal && Shell.utf8Locale ? .box : .table
    }

    static var utf8Locale: Bool {
        let env = ProcessInfo.processInfo.environment
        let locale = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return locale.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8")
    }

    public func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func say(error message: String, detail: String? = nil) {
        fflush(stdout)
        var text = colour ? "\u{1B}[31m\(message)\u{1B}[0m\n" : message + "\n"
        if let detail { text += detail + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    public func run() -> ExitCode {
        if terminal {
            Signals.installPromptInterruptHandler()
            if !runner.options.quiet { write(banner()) }
        }
        while !quit {
            if Signals.terminationRequested { return Signals.terminationExitCode }
            guard let first = reader.readLine(prompt: "> ") else {
                if Signals.terminationRequested { return Signals.terminationExitCode }
                if terminal && Signals.takePromptInterrupt() { write("\n"); continue }   // Ctrl-C: new line
                if terminal { write("\n") }
                break
            }
            let trimmed = first.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("."), trimmed.count > 1, trimmed.dropFirst().first?.isLetter == true {
                reader.addHistory(first)
                dotCommand(trimmed)
                continue
            }
            var input = first
            while true {
                guard case .incomplete = evaluate(input) else { break }
                guard let more = reader.readLine(prompt: ">> ") else {
                    if terminal && Signals.takePromptInterrupt() { write("\n") }   // abandon the statement
                    break
                }
                input += "\n" + more
            }
            if !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { reader.addHistory(input) }
        }
        return Signals.terminationRequested ? Signals.terminationExitCode : .success
    }

    func banner() -> String {
        var text = "analyst \(AnalystCLI.version) (\(LuaState.luaRelease)). Type .help for commands, Ctrl-D to leave.\n"
        if let summary = ShellHooks.bannerSummary(lua) { text += summary + "\n" }
        return colour ? "\u{1B}[2m" + text + "\u{1B}[0m" : text
    }

    func dotCommand(_ line: String) {
        let words = DotCommands.split(line)
        guard let name = words.first else { return }
        guard let command = DotCommands.command(named: name) else {
            say(error: "unknown command .\(name); .help lists them")
            return
        }
        do {
            try command.run(self, Array(words.dropFirst()))
        } catch {
            say(error: "\(error)")
        }
    }

    /// Evaluates one (possibly multi-line) input, showing its values unless it ends with `;`.
    @discardableResult
    func evaluate(_ input: String) -> LuaState.ReplOutcome {
        var code = input
        var quiet = false
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix(";") {
            quiet = true
            code = String(trimmed.dropLast())
        }
        return running(consumed: { if case .incomplete = $0 { false } else { true } }) {
            let outcome = lua.evaluate(code) { lua, range in
                // `_ = value` runs _G's __newindex, if any: protected, its error is reported like any other
                lua_pushvalue(lua.L, range.lowerBound)
                if lk_psetglobal(lua.L, "_") != LUA_OK {
                    let message = lua.stack.string(at: -1) ?? "error setting _"
                    lua.stack.pop()
                    say(error: message)
                }
                if !quiet { show(range) }
            }
            if case .failed(let error) = outcome { report(error) }
            return outcome
        }
    }

    /// Runs `body` as one evaluation: its own time budget, Ctrl-C stops it, output redirected
    /// if asked, timed if asked.
    private func running<T>(consumed: (T) -> Bool = { _ in true }, _ body: () -> T) -> T {
        lua.resetTrip()
        LuaState.installInterruptHandler()
        let start = DispatchTime.now()
        let result = redirect.around(body, consumed: consumed)
        LuaState.restoreInterruptHandler()
        if timer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            write(String(format: "Run Time: %.3f s\n", seconds))
        }
        return result
    }

    /// Pretty-prints the values at `range` in the current mode.
    func show(_ range: ClosedRange<Int32>) {
        var pretty = Pretty(mode: mode)
        pretty.rowLimit = rowLimit
        pretty.bold = colour && redirect.toScreen
        pretty.headers = headers
        pretty.maxColumnWidth = maxColumnWidth
        pretty.columnWidths = columnWidths
        pretty.wrap = wrap
        // Only the screen has a width to fit; files and pipes get every column.
        if redirect.toScreen { pretty.terminalWidth = TableFit.terminalWidth() }
        // JSON is for other programs: nested objects stay objects (a screen cuts them at 3 levels).
        var walk = PrettyWalk(lua.L, itemLimit: pretty.walkLimit, maxDepth: mode == .json ? 8 : 3)
        let values = range.map { walk.walk($0) }
        let text = pretty.render(values)
        if pager.wants(text, sandboxed: runner.options.sandbox, toScreen: redirect.toScreen), pager.show(text) { return }
        write(text)
    }

    func report(_ error: LuaError) {
        switch error.kind {
        case .interrupted, .timeout, .memory, .syntax:
            if error.kind == .timeout || error.kind == .memory {
                runner.report(error)
            } else {
                say(error: error.message)
            }
        case .runtime, .handler:
            let detail = error.traceback.map { tb in
                tb.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
            }
            say(error: error.message, detail: detail)
        }
    }

    /// `.read FILE`: runs a file in this session.
    public func runFile(_ path: String) {
        if let refusal = runner.sandbox?.refusalToLoad(path) {   // as dofile under --sandbox
            say(error: refusal)
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            say(error: "cannot open \(path): \(Runner.describeMissing(path))")
            return
        }
        running {
            do {
                try lua.run(Runner.skippingShebang(Array(data)), chunkName: "@" + path)
            } catch let e as LuaError {
                report(e)
            } catch {
                say(error: "\(error)")
            }
        }
    }
}
