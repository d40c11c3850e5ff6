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
        if showPrompts { print(prompt, terminator: ""); fflush(nil) }
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
    /// `.bail on|off` (`--bail`): without a terminal, stop at the first error.
    public var bail = false
    /// `.traceback on|off`: a typo at the prompt gets its one-line message; the stack traceback
    /// only when asked (scripts run with `.read` always get it).
    public var traceback = false
    /// The first error's exit status: what a run without a terminal exits with.
    var firstError: ExitCode?
    /// Lines read so far, so that errors in piped input name the line of the input.
    var linesRead = 0
    public let redirect: Redirect
    let colour: Bool

    public init(runner: Runner, reader: LineReader, terminal: Bool) {
        self.runner = runner
        self.reader = reader
        self.terminal = terminal
        redirect = Redirect(policy: runner.outputPolicy)
        let stdoutTerminal = isTerminal(1)
        colour = terminal && stdoutTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        mode = stdoutTerminal && Shell.utf8Locale ? .box : .table
        bail = runner.options.bail
    }

    /// Notes an error for the exit status (the first one counts) and, with `.bail on` and no
    /// terminal, stops the run.
    func record(_ status: ExitCode) {
        if firstError == nil { firstError = status }
        if bail && !terminal { quit = true }
    }

    static var utf8Locale: Bool {
        let env = ProcessInfo.processInfo.environment
        let locale = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return locale.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8")
    }

    public func write(_ text: String) {
        fflush(nil)   // what Lua printed (buffered by C) comes first, in a pipe too
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func say(error message: String, detail: String? = nil) {
        fflush(nil)
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
            guard let first = readLine(prompt: "> ") else {
                if Signals.terminationRequested { return Signals.terminationExitCode }
                if terminal && Signals.takePromptInterrupt() { write("\n"); continue }   // Ctrl-C: new line
                if terminal { write("\n") }
                break
            }
            let firstLine = linesRead
            let trimmed = first.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("."), trimmed.count > 1, trimmed.dropFirst().first?.isLetter == true {
                reader.addHistory(first)
                dotCommand(trimmed)
                continue
            }
            var input = first
            var cancelled = false   // Ctrl-C on a continuation line: the statement is dropped, and not kept in history
            while true {
                guard case .incomplete = evaluate(input, firstLine: firstLine) else { break }
                guard let more = readLine(prompt: ">> ") else {
                    if terminal && Signals.takePromptInterrupt() { write("\n"); cancelled = true }   // abandon the statement
                    else if !terminal { reportUnfinished(input, firstLine: firstLine) }
                    break
                }
                input += "\n" + more
            }
            if !cancelled && !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { reader.addHistory(input) }
        }
        if Signals.terminationRequested { return Signals.terminationExitCode }
        return terminal ? .success : firstError ?? .success
    }

    private func readLine(prompt: String) -> String? {
        let line = reader.readLine(prompt: prompt)
        if line != nil { linesRead += 1 }
        return line
    }

    /// Input that ends inside a statement (`x = `, `function f(`): Lua's own message, which names
    /// the line where the input ran out.
    func reportUnfinished(_ input: String, firstLine: Int) {
        let base = lua.stack.top
        defer { lua.stack.top = base }
        var message = "stdin:\(linesRead): unexpected end of input"
        do {
            try lua.load(Array((String(repeating: "\n", count: max(0, firstLine - 1)) + input).utf8), chunkName: "=stdin")
        } catch let e as LuaError {
            message = e.message
        } catch {}
        say(error: message + " (the input ends inside the statement begun on line \(firstLine))")
        record(.scriptError)
    }

    func banner() -> String {
        var text = "analyst \(AnalystCLI.version) (\(LuaState.luaRelease)). Type .help for commands, Ctrl-D to leave.\n"
        if let summary = runner.host.bannerSummary() { text += summary + "\n" }
        return colour ? "\u{1B}[2m" + text + "\u{1B}[0m" : text
    }

    /// The text after a dot-command's name, quotes kept (`.fields events{type = "capture"}`).
    var dotLineArgument = ""

    func dotCommand(_ line: String) {
        let words = DotCommands.split(line)
        dotLineArgument = line.drop { $0 != " " && $0 != "\t" }.trimmingCharacters(in: .whitespaces)
        guard let name = words.first else { return }
        guard let command = DotCommands.command(named: name) else {
            say(error: "unknown command .\(name); .help lists them")
            record(.scriptError)
            return
        }
        do {
            try command.run(self, Array(words.dropFirst()))
        } catch {
            say(error: "\(error)")
            record(.scriptError)
        }
    }

    /// Evaluates one (possibly multi-line) input, showing its values unless it ends with `;`.
    @discardableResult
    func evaluate(_ input: String, firstLine: Int = 1) -> LuaState.ReplOutcome {
        var code = input
        var quiet = false
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix(";") {
            quiet = true
            code = String(trimmed.dropLast())
        }
        // Piped input: Lua's messages name the line of the input (`stdin:12:`), not of the statement.
        if !terminal && firstLine > 1 {
            let stripped = code.drop { $0 == " " || $0 == "\t" }
            if stripped.hasPrefix("=") { code = "return " + stripped.dropFirst() }   // `= expr`, as in Lua 5.1
            code = String(repeating: "\n", count: firstLine - 1) + code
        }
        return running(consumed: { if case .incomplete = $0 { false } else { true } }) {
            let outcome = lua.evaluate(code) { lua, range in
                // `_ = value` runs _G's __newindex, if any: protected, its error is reported like any other
                lua_pushvalue(lua.L, range.lowerBound)
                if lk_psetglobal(lua.L, "_") != LUA_OK {
                    let message = lua.stack.string(at: -1) ?? "error setting _"
                    lua.stack.pop()
                    say(error: message)
                    record(.scriptError)
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

    func report(_ error: LuaError, withTraceback: Bool? = nil) {
        record(error.exitCode)
        switch error.kind {
        case .interrupted, .timeout, .memory, .syntax:
            if error.kind == .timeout || error.kind == .memory {
                runner.report(error)
            } else {
                say(error: error.message)
            }
        case .runtime, .handler:
            let detail = !(withTraceback ?? traceback) ? nil : error.traceback.map { tb in
                tb.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
            }
            say(error: error.message, detail: detail)
        }
    }

    /// `.read FILE`: runs a file in this session.
    public func runFile(_ path: String) {
        if let refusal = runner.sandbox?.refusalToLoad(path) {   // as dofile under --sandbox
            say(error: refusal)
            record(.scriptError)
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            say(error: "cannot open \(path): \(Runner.describeMissing(path))")
            record(.noInput)
            return
        }
        running {
            do {
                try lua.run(Runner.skippingShebang(Array(data)), chunkName: "@" + path)
            } catch let e as LuaError {
                report(e, withTraceback: true)   // a script: where the error happened matters
            } catch {
                say(error: "\(error)")
                record(.internalError)
            }
        }
    }
}
