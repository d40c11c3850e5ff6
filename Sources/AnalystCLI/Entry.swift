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
            Diagnostics(timestamps: false).error("\(error)\n\(Options.usage)")
            return ExitCode.usage.rawValue
        }
        return run(options).rawValue
    }

    public static func run(_ options: Options) -> ExitCode {
        AnalystSetup.install()
        let stdinIsTerminal = isTerminal(0)
        let batch = options.batch || (!stdinIsTerminal && !options.interactive)
        let diagnostics = Diagnostics(timestamps: options.batch)
        if options.showHelp { print(Options.usage); return .success }
        if options.showVersion {
            print("analyst \(version) (\(LuaState.luaRelease))")
            if options.script == nil && options.expressions.isEmpty && !options.interactive { return .success }
        }
        if options.check { return CheckCommand.run(options, diagnostics: diagnostics) }
        if let gold = options.evalGold { return EvalCommand.run(options, gold: gold, diagnostics: diagnostics) }
        let runner: Runner
        do {
            runner = try Runner(options: options, diagnostics: diagnostics)
        } catch {
            diagnostics.error("cannot start Lua: \(error)")
            return .outOfMemory
        }
        let status = runner.runChunks()
        if status != .success { return status }
        let wantsShell = options.interactive || (options.script == nil && options.expressions.isEmpty)
        guard wantsShell else { return .success }
        if options.script == nil && options.expressions.isEmpty && !stdinIsTerminal && !options.interactive {
            // No terminal: standard input is the script.
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return runner.execute(Runner.skippingShebang(Array(data)), chunkName: "=stdin", args: [])
        }
        _ = batch
        let shell = Shell(runner: runner, reader: PlainLineReader(showPrompts: stdinIsTerminal))
        return shell.run()
    }
}
