import AnalystCore
import AnalystLua
import Foundation
import TestSupport
import LuaKit
import XCTest

/// Shared helpers of the hardening suite (docs/reliability.md).
enum H {
    /// HARDENING_FULL=1: the long variants (full sweeps, more fuzz programs); else the CI ones.
    static let full = ProcessInfo.processInfo.environment["HARDENING_FULL"] == "1"

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var bundledCorpus: String { packageRoot.appendingPathComponent("Corpus").path }

    /// One session on the bundled corpus for the whole suite (loading it is the slow part).
    nonisolated(unsafe) static let sharedSession: Session = {
        let s = Session(corpusDirectory: bundledCorpus)
        _ = try? s.corpus()
        return s
    }()

    /// A fresh Lua state with the API on `session` (the shared one unless given).
    static func lua(session: Session? = nil, memoryLimit: Int? = nil, timeout: Double? = nil) throws -> LuaState {
        let lua = try LuaState(memoryLimit: memoryLimit)
        try AnalystAPI(session: session ?? sharedSession).install(into: lua)
        lua.setTimeout(timeout)
        return lua
    }

    static func tempDir(_ tag: String = "h") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyst-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A copy of the bundled corpus in a temporary directory.
    static func corpusCopy() throws -> URL {
        let dir = try tempDir("corpus")
        let dest = dir.appendingPathComponent("c")
        try FileManager.default.copyItem(atPath: bundledCorpus, toPath: dest.path)
        return dest
    }

    /// Runs `code`; returns nil on success or the LuaError. Anything else fails the test.
    @discardableResult
    static func outcome(_ lua: LuaState, _ code: String, file: StaticString = #filePath, line: UInt = #line) -> LuaError? {
        do { try lua.run(code, chunkName: "@hostile.lua"); return nil }
        catch let e as LuaError { return e }
        catch { XCTFail("not a LuaError: \(error)", file: file, line: line); return nil }
    }

    /// Hash of every file (path, mode, size, bytes) under `dir`, to prove it was not changed.
    static func hashTree(_ dir: String) -> String {
        let fm = FileManager.default
        var parts: [String] = []
        let e = fm.enumerator(atPath: dir)
        var names: [String] = []
        while let n = e?.nextObject() as? String { names.append(n) }
        for n in names.sorted() {
            let p = dir + "/" + n
            var st = stat()
            guard lstat(p, &st) == 0 else { parts.append("\(n):gone"); continue }
            var h: UInt64 = 0xcbf29ce484222325
            if (st.st_mode & S_IFMT) == S_IFREG, st.st_size < 300 << 20, let fh = FileHandle(forReadingAtPath: p) {
                while let chunk = try? fh.read(upToCount: 1 << 20), !chunk.isEmpty {
                    for b in chunk { h = (h ^ UInt64(b)) &* 0x100000001b3 }
                }
                try? fh.close()
            }
            parts.append("\(n):\(st.st_mode):\(st.st_size):\(h)")
        }
        return parts.joined(separator: "\n")
    }
}

/// Runs the built `analyst` binary (as Tests/AnalystCLITests/Binary.swift does), so that a crash or
/// a hang fails one test instead of the whole run.
struct Bin {
    struct Result { var status: Int32; var stdout: String; var stderr: String; var seconds: Double; var timedOut: Bool; var signaled: Bool }

    static var url: URL {
        if let env = ProcessInfo.processInfo.environment["ANALYST_BIN"] { return URL(fileURLWithPath: env) }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for c in [dir.appendingPathComponent("analyst"), dir.deletingLastPathComponent().appendingPathComponent("analyst")]
            where FileManager.default.isExecutableFile(atPath: c.path) { return c }
        for scratch in [".build-harden", ".build"] {
            let c = H.packageRoot.appendingPathComponent("\(scratch)/debug/analyst")
            if FileManager.default.isExecutableFile(atPath: c.path) { return c }
        }
        return H.packageRoot.appendingPathComponent(".build/debug/analyst")
    }

    /// Runs analyst; kills it (SIGKILL) after `timeout` seconds and reports timedOut.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, directory: URL? = nil, timeout: Double = 60) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["ANALYST_CORPUS"] = H.bundledCorpus
        let o = try ChildProcess.run(url, arguments, stdin: stdin.map { Data($0.utf8) }, directory: directory,
                                     environment: env, timeout: timeout)
        return Result(status: o.status, stdout: o.stdout, stderr: o.stderr, seconds: o.seconds,
                      timedOut: o.timedOut, signaled: o.signaled)
    }

    /// Killed by a signal (a trap or a segfault), hung past the harness's limit, or exit 70 (internal error).
    static func isCrash(_ r: Result) -> Bool {
        r.timedOut || r.signaled || r.status == 70
    }
}

