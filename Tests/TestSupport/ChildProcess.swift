import Foundation
import Synchronization

/// Runs a program as a user would, for the tests that run the `analyst` binary: both output pipes
/// read while it runs (a chatty process cannot block on a full pipe), killed after `timeout`.
public enum ChildProcess {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var seconds: Double
        /// Killed (SIGKILL) at the timeout.
        public var timedOut: Bool
        /// Ended by a signal (its number is `status`).
        public var signaled: Bool
    }

    public static func run(_ url: URL, _ arguments: [String], stdin: Data? = nil, directory: URL? = nil,
                           environment: [String: String], timeout: Double) throws -> Outcome {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        p.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = input
        let start = Date()
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        let group = DispatchGroup()
        let outDrain = PipeDrain(out.fileHandleForReading, group), errDrain = PipeDrain(err.fileHandleForReading, group)
        var timedOut = false
        if group.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(p.processIdentifier, SIGKILL)
            group.wait()
        }
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: outDrain.bytes, as: UTF8.self),
                       stderr: String(decoding: errDrain.bytes, as: UTF8.self), seconds: Date().timeIntervalSince(start),
                       timedOut: timedOut, signaled: p.terminationReason == .uncaughtSignal)
    }
}

/// Reads a pipe to its end on another thread.
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
