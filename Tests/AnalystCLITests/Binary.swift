import Foundation
import Synchronization
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
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        // Tests do not share the user's import cache (ImportCacheCommandTests turns it on in a directory of its own).
        var env = environment ?? ProcessInfo.processInfo.environment
        if environment == nil { env["ANALYST_NO_CACHE"] = "1" }
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        let start = Date()
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        if let stdinData { input.fileHandleForWriting.write(stdinData) }
        try? input.fileHandleForWriting.close()
        // Read both pipes while it runs, so a chatty process cannot block on a full pipe.
        let group = DispatchGroup()
        let outDrain = PipeDrain(out.fileHandleForReading, group), errDrain = PipeDrain(err.fileHandleForReading, group)
        if group.wait(timeout: .now() + timeout) == .timedOut {
            p.terminate()
            XCTFail("analyst \(arguments) did not finish within \(timeout) s")
            group.wait()
        }
        p.waitUntilExit()
        let outData = outDrain.bytes, errData = errDrain.bytes
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
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

/// Reads a pipe to its end on another thread, so a chatty process cannot block on a full pipe.
final class PipeDrain: Sendable {
    private let data = Mutex(Data())
    init(_ handle: FileHandle, _ group: DispatchGroup) {
        group.enter()
        DispatchQueue.global().async { [self] in
            let d = handle.readDataToEndOfFile()
            data.withLock { $0 = d }
            group.leave()
        }
    }
    var bytes: Data { data.withLock { $0 } }
}
