import AnalystCore
import CLua
import Foundation
import LuaKit

/// Runs what the command line asks for in one Lua state: the `-e` chunks, then the script, then
/// (with `-i` or no script on a terminal) the shell. The shell and batch runs share this runner.
public final class Runner {
    public let options: Options
    public let lua: LuaState
    public let diagnostics: Diagnostics
    /// Under --sandbox: the output folder and the folders code may come from.
    public private(set) var sandbox: SandboxPolicy?
    /// The analyst API of this run: installed into the state below, asked by the shell.
    public let host: AnalystHost
    /// Where this run may write (--sandbox: only under --output-dir); every writer gets it.
    public let outputPolicy: OutputPolicy

    public init(options: Options, diagnostics: Diagnostics, host: AnalystHost = AnalystHost()) throws {
        self.options = options
        self.diagnostics = diagnostics
        self.host = host
        if options.ignoreEnvironment { Runner.clearLuaEnvironment() }   // -E, before package reads it
        let limit = options.maxMemoryMB.map { Int($0 * 1024 * 1024) }
        lua = try LuaState(memoryLimit: limit)
        lua.setTimeout(options.timeout)
        // The exit status a host function's failure stands for: AtomicFile failures are 73, a
        // corpus that cannot be loaded 65 (the host says); nil: an ordinary script error.
        lua.classifyError = { [weak host] error in
            if error is AtomicFile.Failure { return ExitCode.cannotCreate.rawValue }
            return host?.exitCode(for: error)
        }
        if options.warnings { lua_warning(lua.L, "@on", 0) }   // -W
        let policy = options.sandbox ? try SandboxPolicy.make(options) : nil
        outputPolicy = OutputPolicy(allowedRoot: policy?.outputRoot)
        try host.install(into: lua, options: options, outputPolicy: outputPolicy)
        AtomicLua.install(in: lua, policy: outputPolicy)
        if let policy {   // last, so that it also covers what the API installed
            if policy.freshOutput { diagnostics.write("analyst: --sandbox without --output-dir: outputs go to \(policy.outputRoot)") }
            try Sandbox.install(in: lua, policy: policy)
            sandbox = policy
        }
    }

    /// Starts the --timeout clock again (the shell gives each input its own budget).
    public func armLimits() { lua.setTimeout(options.timeout) }

    /// Runs the `-e` chunks and the script. Returns the exit code of the first failure, or success.
    public func runChunks() -> ExitCode {
        setArgTable()
        let initStatus = runLuaInit()   // LUA_INIT, as lua.c: after arg, before -e and -l
        if initStatus != .success { return initStatus }
        for step in options.steps {
            let status = run(step)
            if status != .success { return status }
        }
        guard let script = options.script else { return .success }
        let args = options.scriptArguments.map { LuaValue.str($0) }
        switch script {
        case .code(let code):
            return execute(Array(code.utf8), chunkName: "=(command line)", args: args)
        case .stdin:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return execute(Runner.skippingShebang(Array(data)), chunkName: "=stdin", args: args)
        case .file(let path):
            // FileHandle, not FileManager: scripts may come from pipes and /dev/fd paths.
            guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data() else {
                diagnostics.error("cannot open \(path): \(Runner.describeMissing(path))")
                return .noInput
            }
            return execute(Runner.skippingShebang(Array(data)), chunkName: "@" + path, args: args)
        }
    }

    /// Runs one chunk and reports its error. Used by the script runner and the shell.
    public func execute(_ code: [UInt8], chunkName: String, args: [LuaValue]) -> ExitCode {
        do {
            try lua.run(code, chunkName: chunkName, args: args)
            return .success
        } catch let error as LuaError {
            return report(error)
        } catch {
            diagnostics.error(String(describing: error))
            return .internalError
        }
    }

    /// Prints a Lua error the way lua.c does (message, then traceback) and picks the exit code.
    @discardableResult
    public func report(_ error: LuaError) -> ExitCode {
        switch error.kind {
        case .timeout:
            diagnostics.error("\(error.message)")
            return .busyOrTimeout
        case .interrupted where LuaState.terminationRequested:
            diagnostics.error(Signals.terminationExitCode == .hangup ? "terminated (SIGHUP)" : "terminated (SIGTERM)")
            return Signals.terminationExitCode
        case .interrupted:
            diagnostics.error(error.message)
            return .interrupted
        case .memory:
            let cap = options.maxMemoryMB.map { " (--max-memory \(Runner.formatMB($0)) MB)" } ?? ""
            diagnostics.error("not enough memory\(cap)")
            return .outOfMemory
        case .syntax:
            diagnostics.error(error.message)
            return .scriptError
        case .runtime, .handler:
            diagnostics.error(error.traceback ?? error.message)
            // the class of this very error (not of an earlier one the script caught)
            return error.exitStatus.flatMap(ExitCode.init(rawValue:)) ?? .scriptError
        }
    }

    /// `arg` as lua.c builds it: arg[0] is the script, arguments after it positive, the interpreter
    /// and options before it negative.
    func setArgTable() {
        var pairs: [LuaPair] = []
        let program = CommandLine.arguments.first ?? "analyst"
        let before = [program] + options.interpreterArguments
        for (i, a) in before.enumerated() { pairs.append(LuaPair(.integer(Int64(i - before.count)), .str(a))) }
        switch options.script {
        case .file(let path): pairs.append(LuaPair(0, .str(path)))
        case .stdin: pairs.append(LuaPair(0, "-"))
        default: break
        }
        for (i, a) in options.scriptArguments.enumerated() { pairs.append(LuaPair(.integer(Int64(i + 1)), .str(a))) }
        lua.setGlobal("arg", .table(pairs))
    }

    /// A first line starting with `#` (a `#!/usr/bin/env analyst` line) is skipped, keeping line numbers.
    static func skippingShebang(_ code: [UInt8]) -> [UInt8] {
        guard code.first == UInt8(ascii: "#") else { return code }
        guard let nl = code.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        return Array(code[nl...])
    }

    static func describeMissing(_ path: String) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDir) { return "No such file or directory" }
        return isDir.boolValue ? "Is a directory" : "Permission denied"
    }

    static func formatMB(_ mb: Double) -> String {
        mb == mb.rounded() && abs(mb) < 1e15 ? String(Int(mb)) : String(mb)
    }
}
