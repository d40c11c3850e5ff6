import Foundation
import XCTest

/// Batch runs: what cron and scripts see (exit codes, lock, sandbox, atomic outputs, SIGTERM).
final class BatchTests: XCTestCase {
    func testBatchPrintsOnlyWhatTheScriptPrints() throws {
        let r = try Binary.run(["--batch", "-e", "print('only this')"])
        XCTAssertEqual(r.stdout, "only this\n")
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.status, 0)
        // no terminal, no script: stdin is the script, no prompt, no banner
        let s = try Binary.run(["--batch"], stdin: "print(2 + 2)\n")
        XCTAssertEqual(s.stdout, "4\n")
    }

    func testBatchDiagnosticsHaveTimestampsAndExitCodes() throws {
        let r = try Binary.run(["--batch", "-e", "error('boom')"])
        XCTAssertEqual(r.status, 1)
        let pattern = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d) analyst: \(command line\):1: boom"#
        XCTAssertNotNil(r.stderr.range(of: pattern, options: .regularExpression), r.stderr)
        XCTAssertEqual(try Binary.run(["--batch", "--timeout", "0.5", "-e", "while true do end"]).status, 75)
        XCTAssertEqual(try Binary.run(["--batch", "/no/such/script.lua"]).status, 66)
        XCTAssertEqual(try Binary.run(["--batch", "--output-dir", "/no/such/dir", "-e", "x=1"]).status, 73)
    }

    // MARK: lock

    /// Starts analyst holding `lock` until its standard input closes.
    func startHolder(_ lock: String) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["--batch", "--lock", lock, "-e", "io.read('a')"]
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        Binary.waitUntilLocked(lock)
        return (p, input)
    }

    func testLockContentionExits75AtOnce() throws {
        let lock = try Binary.temporaryDirectory().appendingPathComponent("run.lock").path
        let (holder, input) = try startHolder(lock)
        let r = try Binary.run(["--batch", "--lock", lock, "-e", "print('ran')"])
        XCTAssertEqual(r.status, 75)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("lock \(lock) is held by another run (pid \(holder.processIdentifier))"), r.stderr)
        XCTAssertLessThan(r.seconds, 3.5)   // watchdog at 2 s, sleep ends at 4 s
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        XCTAssertEqual(holder.terminationStatus, 0)
        // free again
        XCTAssertEqual(try Binary.run(["--batch", "--lock", lock, "-e", "print('ran')"]).stdout, "ran\n")
    }

    func testLockWaitGetsTheLockWhenReleased() throws {
        let lock = try Binary.temporaryDirectory().appendingPathComponent("run.lock").path
        let (holder, input) = try startHolder(lock)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { try? input.fileHandleForWriting.close() }
        let r = try Binary.run(["--batch", "--lock", lock, "--lock-wait", "20", "-e", "print('ran')"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "ran\n")
        holder.waitUntilExit()
        // waiting has a limit too
        let (holder2, input2) = try startHolder(lock)
        let w = try Binary.run(["--batch", "--lock", lock, "--lock-wait", "0.3", "-e", "print('ran')"])
        XCTAssertEqual(w.status, 75)
        XCTAssertTrue(w.stderr.contains("after waiting 0.3 s"), w.stderr)
        try input2.fileHandleForWriting.close()
        holder2.waitUntilExit()
    }

    // MARK: sandbox

    func testSandboxRefusesProcessesNativeCodeAndWritesOutside() throws {
        // -e code loads from the current folder, so the output folder must lie outside it
        let top = try Binary.temporaryDirectory()
        let dir = top.appendingPathComponent("work")
        let out = top.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let realOut = URL(fileURLWithPath: out.path).resolvingSymlinksInPath().path
        let cases: [(String, String)] = [
            ("io.popen('ls')", "sandbox: io.popen is disabled (--sandbox)"),
            ("os.execute('true')", "sandbox: os.execute is disabled (--sandbox)"),
            ("package.loadlib('libc.so.6', 'puts')", "sandbox: package.loadlib is disabled (--sandbox)"),
            ("os.tmpname()", "sandbox: os.tmpname is disabled (--sandbox)"),
            ("io.open('/etc/x', 'w')", "sandbox: writing /etc/x is outside --output-dir \(realOut)"),
            ("io.open('\(out.path)/../escape.txt', 'a')", "is outside --output-dir"),
            ("io.output('/tmp/elsewhere.txt')", "is outside --output-dir"),
            ("os.remove('/tmp/whatever')", "is outside --output-dir"),
            ("os.rename('\(out.path)/a', '/tmp/b')", "is outside --output-dir"),
            ("dofile('/etc/passwd')", "is outside the script's folder and Scripts/"),
            ("load(string.dump(function() end))", "attempt to load a binary chunk"),
            ("print(debug.getupvalue)", "nil"),
        ]
        for (code, expected) in cases {
            let r = try Binary.run(["--batch", "--sandbox", "--output-dir", out.path, "-e", "print(select(2, pcall(function() return \(code) end)))"], directory: dir)
            XCTAssertTrue(r.stdout.contains(expected), "\(code): \(r.stdout) \(r.stderr)")
        }
        // an unprotected refusal is a script error blamed on the script's line
        let r = try Binary.run(["--batch", "--sandbox", "--output-dir", out.path, "-e", "\nio.popen('ls')"], directory: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("(command line):2: sandbox: io.popen is disabled"), r.stderr)
        // inside the output folder is fine; reading anywhere is fine
        let ok = try Binary.run(["--batch", "--sandbox", "--output-dir", out.path, "-e",
                                 "local f = assert(io.open('\(out.path)/r.txt', 'w')) f:write('hi') f:close() print(io.open('/etc/hostname') ~= nil)"],
                                directory: dir)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("r.txt"), encoding: .utf8), "hi")
    }

    func testSandboxRequireOnlyFromScriptFolderAndScripts() throws {
        let dir = try Binary.temporaryDirectory()
        let outside = try Binary.temporaryDirectory()
        try "return 'outside'".write(to: outside.appendingPathComponent("evil.lua"), atomically: true, encoding: .utf8)
        try "return 'helper ok'".write(to: dir.appendingPathComponent("helper.lua"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("linked.lua"),
                                                   withDestinationURL: outside.appendingPathComponent("evil.lua"))
        let script = dir.appendingPathComponent("main.lua")
        try """
        print(require('helper'))
        print(pcall(require, 'linked'))
        package.path = '\(outside.path)/?.lua;' .. package.path
        print(pcall(require, 'evil'))
        print(pcall(dofile, '\(dir.path)/../\(outside.lastPathComponent)/evil.lua'))
        """.write(to: script, atomically: true, encoding: .utf8)
        let r = try Binary.run(["--batch", "--sandbox", script.path], directory: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("helper ok\t") == true, r.stdout)
        XCTAssertEqual(lines.count, 4, r.stdout)
        for line in lines.dropFirst() {
            XCTAssertTrue(line.hasPrefix("false") && line.contains("is outside the script's folder and Scripts/"), line)
        }
    }

    // MARK: atomic outputs and SIGTERM

    func testAtomicOpenCommitsOnCloseOnly() throws {
        let dir = try Binary.temporaryDirectory()
        let target = dir.appendingPathComponent("report.csv")
        try "old\n".write(to: target, atomically: true, encoding: .utf8)
        let failing = try Binary.run(["--batch", "-e", "local f = atomic.open('\(target.path)') f:write('new') error('halfway')"])
        XCTAssertEqual(failing.status, 1)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["report.csv"])
        let ok = try Binary.run(["--batch", "-e", "local f <close> = atomic.open('\(target.path)') f:write('a,', 1, '\\n'):write('b,', 2.5, '\\n')"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "a,1\nb,2.5\n")
        let cannot = try Binary.run(["--batch", "-e", "atomic.open('/no/such/dir/x.csv')"])
        XCTAssertEqual(cannot.status, 73, cannot.stderr)
    }

    /// Runs `code` in the background, waits for "ready" on stderr, sends SIGTERM.
    func terminateMidWrite(_ code: String, in dir: URL) throws -> (status: Int32, seconds: Double) {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["--batch", "-e", code]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = Pipe()
        try p.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("ready") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        let start = Date()
        kill(p.processIdentifier, SIGTERM)
        // Process.waitUntilExit also waits for grandchildren holding our pipes (os.execute's
        // sleep): time the exit itself, seen as a zombie in /proc.
        var seconds = 0.0
        while Date().timeIntervalSince(start) < 20 {
            let stat = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/stat", encoding: .utf8)) ?? ") Z"
            if stat.contains(") Z") { seconds = Date().timeIntervalSince(start); break }
            usleep(10_000)
        }
        p.waitUntilExit()
        return (p.terminationStatus, seconds)
    }

    func testSigtermMidWriteLeavesNoPartialFile() throws {
        let dir = try Binary.temporaryDirectory()
        let target = dir.appendingPathComponent("report.csv")
        try "old\n".write(to: target, atomically: true, encoding: .utf8)
        let code = """
        local f = atomic.open('\(target.path)')
        f:write(string.rep('x', 100000))
        io.stderr:write('ready\\n') io.stderr:flush()
        while true do pcall(function() while true do end end) end
        """
        let r = try terminateMidWrite(code, in: dir)
        XCTAssertEqual(r.status, 143)
        XCTAssertLessThan(r.seconds, 1.5)   // stopped by the hook, not the watchdog
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["report.csv"])
    }

    func testSigtermWhileBlockedOutsideLuaUsesTheWatchdog() throws {
        let dir = try Binary.temporaryDirectory()
        let target = dir.appendingPathComponent("out.txt")
        let code = """
        local f = atomic.open('\(target.path)')
        f:write('partial')
        io.stderr:write('ready\\n') io.stderr:flush()
        os.execute('sleep 4')
        """
        let r = try terminateMidWrite(code, in: dir)
        XCTAssertEqual(r.status, 143)
        XCTAssertLessThan(r.seconds, 3.5)   // watchdog at 2 s, sleep ends at 4 s
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }
}
