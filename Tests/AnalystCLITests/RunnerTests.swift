import Foundation
import XCTest

/// The `analyst` command as the lua interpreter's users expect it (issue: foundation).
final class RunnerTests: XCTestCase {
    func testExpressionOption() throws {
        let r = try Binary.run(["-e", "print(1+1)"])
        XCTAssertEqual(r.stdout, "2\n")
        XCTAssertEqual(r.status, 0)
        let two = try Binary.run(["-e", "x = 40", "-e", "print(x + 2)"])
        XCTAssertEqual(two.stdout, "42\n")
    }

    func testScriptFromStdinGetsArguments() throws {
        let r = try Binary.run(["-", "a", "b"], stdin: "print(...)")
        XCTAssertEqual(r.stdout, "a\tb\n")
        XCTAssertEqual(r.status, 0)
    }

    func testScriptFileArgTableAndDots() throws {
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("args.lua")
        try "#!/usr/bin/env analyst\nprint(arg[0], arg[1], arg[2], #arg, select('#', ...))\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try Binary.run([script.path, "x", "y z"])
        XCTAssertEqual(r.stdout, "\(script.path)\tx\ty z\t2\t2\n")
        XCTAssertEqual(r.status, 0)
    }

    func testNoTerminalRunsStdinAsScript() throws {
        let r = try Binary.run([], stdin: "print('from stdin')\n")
        XCTAssertEqual(r.stdout, "from stdin\n")
        XCTAssertEqual(r.status, 0)
    }

    func testErrorExitsOneWithChunkNameAndTraceback() throws {
        let r = try Binary.run(["-e", "error('boom')"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("analyst: (command line):1: boom"), r.stderr)
        XCTAssertTrue(r.stderr.contains("stack traceback:"), r.stderr)

        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("script.lua")
        try "local x = 1\n\nlocal y = nil + x\n".write(to: script, atomically: true, encoding: .utf8)
        let s = try Binary.run([script.path])
        XCTAssertEqual(s.status, 1)
        XCTAssertTrue(s.stderr.contains("script.lua:3: attempt to perform arithmetic on a nil value"), s.stderr)
    }

    func testSyntaxErrorNamesTheLine() throws {
        let r = try Binary.run(["-"], stdin: "print(1)\nx = = 2\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("stdin:2:"), r.stderr)
    }

    func testMissingScriptIsNoInput() throws {
        let r = try Binary.run(["/nonexistent/script.lua"])
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("cannot open /nonexistent/script.lua"), r.stderr)
    }

    func testBadUsage() throws {
        XCTAssertEqual(try Binary.run(["--no-such-option"]).status, 64)
        XCTAssertEqual(try Binary.run(["-e"]).status, 64)
        XCTAssertEqual(try Binary.run(["--timeout", "soon", "-e", "print(1)"]).status, 64)
    }

    func testVersionAndHelp() throws {
        let v = try Binary.run(["-v"])
        XCTAssertEqual(v.status, 0)
        XCTAssertTrue(v.stdout.hasPrefix("analyst "), v.stdout)
        XCTAssertTrue(v.stdout.contains("Lua 5.4"), v.stdout)
        let h = try Binary.run(["--help"])
        XCTAssertTrue(h.stdout.contains("usage: analyst [options] [script [args]]"))
    }

    func testTimeoutEndsInfiniteLoops() throws {
        for code in ["while true do end", "while true do pcall(function() while true do end end) end"] {
            let r = try Binary.run(["--timeout", "1", "-e", code])
            XCTAssertEqual(r.status, 75, code)
            XCTAssertTrue(r.stderr.contains("time limit of 1 s exceeded"), r.stderr)
            XCTAssertLessThan(r.seconds, 3)
        }
    }

    func testMaxMemoryStopsAGrowingTable() throws {
        let r = try Binary.run(["--max-memory", "64", "-e", "local t={} for i=1,1e9 do t[i]=(\"x\"):rep(100)..i end"])
        XCTAssertEqual(r.status, 71)
        XCTAssertTrue(r.stderr.contains("not enough memory (--max-memory 64 MB)"), r.stderr)
    }

    func testInteractiveFlagRunsShellAfterScript() throws {
        let r = try Binary.run(["-i", "-e", "x = 20"], stdin: "x * 2\nfunction f(a)\nreturn a + 1\nend\nf(x)\n= 'eq'\n")
        XCTAssertEqual(r.stdout, "40\n21\neq\n")
        XCTAssertEqual(r.status, 0)
    }
}
