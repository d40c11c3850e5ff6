import Foundation
import XCTest

/// Exit codes come from the error being reported, not from flags left by earlier caught errors;
/// --timeout covers the work before the script; signals during Swift work say what happened and
/// leave no temporary file.
final class ExitCodeTests: XCTestCase {
    func testExitCodeBelongsToTheReportedError() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/x.csv"
        let caught = try Binary.run(["--batch", "-e", "pcall(csv.write, '\(missing)', {{a = 1}}) error('plain')"])
        XCTAssertEqual(caught.status, 1, caught.stderr)
        let uncaught = try Binary.run(["--batch", "-e", "csv.write('\(missing)', {{a = 1}})"])
        XCTAssertEqual(uncaught.status, 73, uncaught.stderr)
        let rethrown = try Binary.run(["--batch", "-e", "local ok, e = pcall(csv.write, '\(missing)', {{a = 1}}) error(e, 0)"])
        XCTAssertEqual(rethrown.status, 73, rethrown.stderr)
        let viaAtomic = try Binary.run(["--batch", "-e", "pcall(atomic.open, '\(missing)') print(nil .. 1)"])
        XCTAssertEqual(viaAtomic.status, 1, viaAtomic.stderr)
        // a corpus that cannot be loaded: 65 when that is the error, 1 after it was caught
        let dir = try Binary.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try Data("bad\0bytes".utf8).write(to: dir.appendingPathComponent("articles/a.md"))
        let data = try Binary.run(["--batch", "--corpus", dir.path, "-e", "print(#events{})"])
        XCTAssertEqual(data.status, 65, data.stderr)
        let after = try Binary.run(["--batch", "--corpus", dir.path, "-e", "pcall(events, {}) local x = nil + 1"])
        XCTAssertEqual(after.status, 1, after.stderr)
    }

    func testTimeoutCoversImportAndCheck() throws {
        let dir = try Binary.temporaryDirectory()
        let fifo = dir.appendingPathComponent("events.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let r = try Binary.run(["--batch", "--timeout", "1", "--events", fifo, "-e", "print('ran')"], timeout: 30)
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertLessThan(r.seconds, 5)
        XCTAssertTrue(r.stderr.contains("time limit of 1 s exceeded (--timeout) before the script ran"), r.stderr)
        // --check on a corpus whose article is a FIFO nobody writes: not read (not a regular file)
        // is the corpus checker's business; here: a corpus folder that is fine ends in time
        let check = try Binary.run(["--batch", "--timeout", "30", "--check"], timeout: 60)
        XCTAssertNotEqual(check.status, 75, check.stderr)
    }

    /// Started from a GCD worker thread, a process inherits a mask that blocks most signals: the
    /// watchdog's wake-up must still reach the Lua thread (the hook, not the 2 s fallback, stops it).
    func testTimeoutWorksWithAnInheritedSignalMask() throws {
        var result: Binary.Result?
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            result = try? Binary.run(["--batch", "--timeout", "0.5", "-e", "coroutine.wrap(function() while true do end end)()"], timeout: 30)
            done.signal()
        }
        done.wait()
        let r = try XCTUnwrap(result)
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertFalse(r.stderr.contains("cannot stop"), r.stderr)
        XCTAssertLessThan(r.seconds, 2)
    }

    /// Starts analyst, waits until it says it is ready (or a moment), sends `signal`.
    func signalled(_ arguments: [String], _ signal: Int32, after seconds: Double, directory: URL) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = arguments
        p.currentDirectoryURL = directory
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: seconds)
        kill(p.processIdentifier, signal)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    func testSignalsEndRunsCleanly() throws {
        let dir = try Binary.temporaryDirectory()
        let loop = "local f = atomic.open('out.txt') f:write('partial') while true do end"
        for (sig, code) in [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129)] {
            let (status, text) = try signalled(["--batch", "-e", loop], sig, after: 0.8, directory: dir)
            XCTAssertEqual(status, Int32(code), "signal \(sig): \(text)")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            XCTAssertEqual(left, [], "signal \(sig) left \(left)")
        }
        // stuck outside Lua (blocked opening a FIFO for --events): SIGTERM says so and exits 143
        let fifo = dir.appendingPathComponent("feed.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let (status, text) = try signalled(["--batch", "--events", fifo, "-e", "print(1)"], SIGTERM, after: 0.8, directory: dir)
        XCTAssertEqual(status, 143, text)
        XCTAssertTrue(text.contains("terminated (SIGTERM)"), text)
    }
}
