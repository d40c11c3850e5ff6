import AnalystCore
import Foundation
import LuaKit

public enum AnalystCLI {
    public static let version = "0.1.0"

    /// The whole command: parse, then run what was asked. Returns the process exit code.
    public static func main(_ argv: [String]) -> Int32 {
        let options: Options
        do {
            options = try Options.parse(Array(argv.dropFirst()))
        } catch {
            if argv.contains("--batch") {   // a log wants one line, not the whole usage
                Diagnostics(timestamps: true).error("\(error); see analyst --help")
            } else {
                Diagnostics(timestamps: false).error("\(error)\n\(Options.usage)")
            }
            return ExitCode.usage.rawValue
        }
        Signals.installTerminationHandler()
        let host = AnalystHost()
        let status = withSkippedArticles(run(options, host: host), options, host: host)
        AtomicFile.removeTemporaryFiles()   // whatever was not committed must not stay behind
        return status.rawValue
    }

    public static func run(_ options: Options, host: AnalystHost = AnalystHost()) -> ExitCode {
        let stdinIsTerminal = isTerminal(0)
        let diagnostics = Diagnostics(timestamps: options.batch)
        if options.showHelp { print(Options.usage); return .success }
        if options.showVersion {
            print("analyst \(version) (\(LuaState.luaRelease))")
            if options.script == nil && options.expressions.isEmpty && !options.interactive { return .success }
        }
        // --timeout covers the work before any Lua runs too: the watchdog is armed first.
        if options.check || options.evalGold != nil { Signals.armProcessDeadline(options.timeout) }
        if options.check { return CheckCommand.run(options, diagnostics: diagnostics) }
        if let gold = options.evalGold { return EvalCommand.run(options, gold: gold, diagnostics: diagnostics) }
        if let dir = options.outputDirectory {
            guard let real = OutputPolicy.realPath(dir) else {
                diagnostics.error("--output-dir \(dir): no such folder")
                return .cannotCreate
            }
            guard SandboxPolicy.isDirectory(real) else {
                diagnostics.error("--output-dir \(dir): not a folder")
                return .cannotCreate
            }
        }
        if let problem = missingCorpus(options) {   // a missing input: 66 at once, not at first use
            diagnostics.error(problem)
            return .noInput
        }
        var lock: RunLock?
        if let path = options.lockFile {
            do {
                lock = try RunLock.acquire(path, wait: options.lockWait)
            } catch let failure as RunLock.Failure {
                diagnostics.error(failure.description)
                if case .busy = failure { return .busyOrTimeout }
                return .cannotCreate
            } catch {
                diagnostics.error("\(error)")
                return .cannotCreate
            }
        }
        defer { withExtendedLifetime(lock) {} }   // held until the run is over
        Signals.armProcessDeadline(options.timeout)   // importing --events runs outside Lua
        defer { Signals.disarmProcessDeadline() }

        let runner: Runner
        do {
            runner = try Runner(options: options, diagnostics: diagnostics, host: host)
        } catch let refused as SandboxPolicy.Refused {
            diagnostics.error(refused.description)
            return refused.exitCode
        } catch {
            diagnostics.error("cannot start Lua: \(error)")
            return .outOfMemory
        }
        if options.strict {
            let loaded = host.loadCorpusStrictly(diagnostics: diagnostics)
            if loaded != .success { return loaded }
        }
        if !options.eventFiles.isEmpty {
            let imported = host.importEventFiles(options, diagnostics: diagnostics)
            if imported != .success { return imported }
        }
        let wantsShellLater = options.interactive || (options.script == nil && options.expressions.isEmpty && stdinIsTerminal && !options.batch)
        if !wantsShellLater { Signals.installBatchInterruptHandler() }
        let status = runner.runChunks()
        if status != .success { return status }
        let wantsShell = options.interactive || (options.script == nil && options.expressions.isEmpty)
        guard wantsShell else { return .success }
        // --batch never prompts; without a terminal (and without -i) standard input is the script.
        if options.script == nil && options.expressions.isEmpty && !options.interactive
            && (!stdinIsTerminal || options.batch) {
            let data = Array(FileHandle.standardInput.readDataToEndOfFile())
            if PipedInput.hasDotCommands(data) {   // shell input, as sqlite3 reads it
                return Shell(runner: runner, reader: BufferedLineReader(data), terminal: false).run()
            }
            return runner.execute(Runner.skippingShebang(data), chunkName: "=stdin", args: [])
        }
        Signals.disarmProcessDeadline()   // the shell gives each input its own budget
        let terminal = stdinIsTerminal && !options.batch
        let reader: LineReader = terminal ? LibeditLineReader(runner: runner) : PlainLineReader(showPrompts: false)
        let shell = Shell(runner: runner, reader: reader, terminal: terminal)
        return shell.run()
    }
}
