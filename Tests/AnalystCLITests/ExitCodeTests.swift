import Foundation
import Synchronization
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
        // A FIFO nobody writes is refused at once (it would block the import forever).
        let fifo = dir.appendingPathComponent("events.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let refused = try Binary.run(["--batch", "--timeout", "1", "--events", fifo, "-e", "print('ran')"], timeout: 30)
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("not a regular file"), refused.stderr)
        // An import longer than --timeout stops at the deadline, before the script runs.
        let big = try bigACLEDFile(in: dir)
        let r = try Binary.run(["--batch", "--timeout", "0.01", "--events", big.path, "-e", "print('ran')"], timeout: 60)
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertFalse(r.stdout.contains("ran"), r.stdout)
        XCTAssertTrue(r.stderr.contains("exceeded (--timeout) before the script ran"), r.stderr)
        // --check on a corpus whose article is a FIFO nobody writes: not read (not a regular file)
        // is the corpus checker's business; here: a corpus folder that is fine ends in time
        let check = try Binary.run(["--batch", "--timeout", "30", "--check"], timeout: 60)
        XCTAssertNotEqual(check.status, 75, check.stderr)
    }

    /// Started from a GCD worker thread, a process inherits a mask that blocks most signals: the
    /// watchdog's wake-up must still reach the Lua thread (the hook, not the 2 s fallback, stops it).
    func testTimeoutWorksWithAnInheritedSignalMask() throws {
        let result = Mutex<Binary.Result?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let r = try? Binary.run(["--batch", "--timeout", "0.5", "-e", "coroutine.wrap(function() while true do end end)()"], timeout: 30)
            result.withLock { $0 = r }
            done.signal()
        }
        done.wait()
        let r = try XCTUnwrap(result.withLock { $0 })
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

    /// An ACLED file of 300,000 rows: its import takes a while, long enough to be interrupted.
    func bigACLEDFile(in dir: URL) throws -> URL {
        var text = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n"
        for i in 0..<300_000 {
            text += "SYR\(i),2024-12-01,2024,1,Political violence,Battles,Armed clash,A,,1,B,,2,12,,760,Middle East,Syria,Hama,,,Hama,35.13,36.75,1,X,National,note,3,,0\n"
        }
        let big = dir.appendingPathComponent("big.csv")
        try text.write(to: big, atomically: true, encoding: .utf8)
        return big
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
        // busy outside Lua (importing --events): SIGTERM says so and exits 143
        let big = try bigACLEDFile(in: try Binary.temporaryDirectory())
        let (status, text) = try signalled(["--batch", "--events", big.path, "-e", "print(1)"], SIGTERM, after: 0.3, directory: dir)
        XCTAssertEqual(status, 143, text)
        XCTAssertTrue(text.contains("terminated (SIGTERM)"), text)
    }
}
