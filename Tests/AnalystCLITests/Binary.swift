import Foundation
import TestSupport
import XCTest

/// Runs the built `analyst` binary (next to the test bundle, or $ANALYST_BIN) as a user would.
struct Binary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    static var url: URL {
        if let env = ProcessInfo.processInfo.environment["ANALYST_BIN"] { return URL(fileURLWithPath: env) }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = dir.appendingPathComponent("analyst")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        // swift test may run the bundle from a path whose parent is .build/debug
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/analyst")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs analyst with `arguments`, feeding `stdin`, in `directory`.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, stdinData: Data? = nil, directory: URL? = nil,
                    environment: [String: String]? = nil, timeout: Double = 60) throws -> Result {
        // Tests do not share the user's import cache (ImportCacheCommandTests turns it on in a directory of its own).
        var env = environment ?? ProcessInfo.processInfo.environment
        if environment == nil { env["ANALYST_NO_CACHE"] = "1" }
        var input = stdin.map { Data($0.utf8) }
        if let stdinData { input = (input ?? Data()) + stdinData }
        let o = try ChildProcess.run(url, arguments, stdin: input, directory: directory, environment: env, timeout: timeout)
        if o.timedOut { XCTFail("analyst \(arguments) did not finish within \(timeout) s") }
        return Result(status: o.status, stdout: o.stdout, stderr: o.stderr, seconds: o.seconds)
    }

    /// Waits (up to 10 s) until some process holds an exclusive flock on `path`.
    static func waitUntilLocked(_ path: String) {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 {
                let free = flock(fd, LOCK_EX | LOCK_NB) == 0
                close(fd)   // also releases our probe lock
                if !free { return }
            }
            usleep(10_000)
        }
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyst-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

