import AnalystCore
import AnalystLua
import Foundation
import LuaKit

/// Runs generated programs in-process: one LuaState per program, all sharing one Session on the
/// bundled corpus (loaded once). A crash ends the process: the subprocess mode (FuzzMain) runs
/// batches in children and narrows a dead batch down to the program.
public final class FuzzRunner {
    public struct Limits {
        public var timeout: Double = 0.25
        public var memoryBytes: Int = 64 << 20
        public init() {}
    }
    public struct Tally: CustomStringConvertible, Sendable {
        public var programs = 0, ok = 0, runtime = 0, syntax = 0, memory = 0, timeout = 0, other = 0
        public var maxSeconds = 0.0
        public var slowest = -1
        public mutating func add(_ o: Tally) {
            programs += o.programs; ok += o.ok; runtime += o.runtime; syntax += o.syntax; memory += o.memory
            timeout += o.timeout; other += o.other
            if o.maxSeconds > maxSeconds { maxSeconds = o.maxSeconds; slowest = o.slowest }
        }
        public var description: String {
            "programs=\(programs) ok=\(ok) lua_error=\(runtime) syntax=\(syntax) memory=\(memory) timeout=\(timeout) other=\(other) max_seconds=\(String(format: "%.3f", maxSeconds)) slowest=\(slowest)"
        }
        public init() {}
        public init?(line: String) {
            var d: [String: String] = [:]
            for part in line.split(separator: " ") {
                let kv = part.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { d[String(kv[0])] = String(kv[1]) }
            }
            guard let p = d["programs"].flatMap({ Int($0) }) else { return nil }
            programs = p; ok = Int(d["ok"] ?? "") ?? 0; runtime = Int(d["lua_error"] ?? "") ?? 0
            syntax = Int(d["syntax"] ?? "") ?? 0; memory = Int(d["memory"] ?? "") ?? 0
            timeout = Int(d["timeout"] ?? "") ?? 0; other = Int(d["other"] ?? "") ?? 0
            maxSeconds = Double(d["max_seconds"] ?? "") ?? 0; slowest = Int(d["slowest"] ?? "") ?? -1
        }
    }

    public let session: Session
    public let generator: ProgramGenerator
    public var limits = Limits()
    /// Called with (index, error) for an outcome that is a finding (not a Lua error, memory or timeout).
    public var onFinding: (Int, String) -> Void = { _, _ in }

    public init(corpus: String? = nil) throws {
        session = Session(corpusDirectory: corpus)
        _ = try session.corpus()
        generator = ProgramGenerator(shape: APIShape(registry: AnalystAPI(session: session).registry))
    }

    /// Runs programs [from, from + count) of `seed`.
    public func run(seed: UInt64, from: Int, count: Int) -> Tally {
        // Programs write files under any relative name they make up: run them in a scratch folder.
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        let scratch = fm.temporaryDirectory.appendingPathComponent("analyst-fuzz-\(getpid())-\(from)")
        try? fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        fm.changeCurrentDirectoryPath(scratch.path)
        defer { fm.changeCurrentDirectoryPath(cwd); try? fm.removeItem(at: scratch) }
        var t = Tally()
        for i in from..<(from + count) {
            let code = generator.program(seed: seed, index: i)
            let start = lk_now()
            let kind = runOne(code, index: i)
            let secs = lk_now() - start
            t.programs += 1
            switch kind {
            case nil: t.ok += 1
            case .runtime?, .handler?: t.runtime += 1
            case .syntax?: t.syntax += 1; onFinding(i, "syntax error in a generated program (generator bug)")
            case .memory?: t.memory += 1
            case .timeout?: t.timeout += 1
            case .interrupted?: t.other += 1; onFinding(i, "interrupted")
            }
            if secs > t.maxSeconds { t.maxSeconds = secs; t.slowest = i }
        }
        return t
    }

    /// nil when the program ran to the end; else the kind of error that stopped it.
    public func runOne(_ code: String, index: Int) -> LuaError.Kind? {
        do {
            let lua = try LuaState(memoryLimit: limits.memoryBytes)
            try AnalystAPI(session: session).install(into: lua)
            lua.setGlobal("FUZZ_OUT", .str("out-\(index).csv"))   // in the scratch folder run() works in
            lua.setTimeout(limits.timeout)
            do {
                try lua.run(code, chunkName: "@fuzz-\(index).lua")
                return nil
            } catch let e as LuaError {
                return e.kind
            }
        } catch let e as LuaError {
            onFinding(index, "setting up the state failed: \(e)")
            return .handler
        } catch {
            onFinding(index, "\(error)")
            return .handler
        }
    }
}

func lk_now() -> Double { Date().timeIntervalSinceReferenceDate }
