import Foundation
import XCTest

/// Numbers from scripts and the command line are range-checked before any conversion to an integer
/// (a huge finite Double traps converting to Int), and a deep chain of coroutine.close (which
/// segfaults Lua 5.4.4) is stopped by a depth guard. Each case must end in a clear error, never a signal.
final class NumberAndStackTests: XCTestCase {
    func testHugeNumbersInPlotOptionsAndLegsAreErrorsNotTraps() throws {
        let dir = try H.tempDir("numbers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("p.svg").path
        let leg = "from_lat = 36, from_lon = 37, to_lat = 35, to_lon = 36"
        let cases: [(String, Bool)] = [   // code, whether it must be refused
            ("plot.timeline(events{}, '\(svg)', {max_rows = 1e300, png = false})", false),
            ("plot.timeline(events{}, '\(svg)', {crowded = 1e300, png = false})", false),
            ("plot.timeline(events{}, '\(svg)', {crowded = -1e300, max_rows = 2^63, png = false})", false),
            ("plot.map({{\(leg), km = 1e300}}, '\(svg)', {png = false})", true),
            ("plot.map({{\(leg), days = 1e300}}, '\(svg)', {png = false})", true),
            ("plot.map({{\(leg), km_per_day = -1e300}}, '\(svg)', {png = false})", true),
            ("plot.map({{from_lat = 1e300, from_lon = 0, to_lat = 0, to_lon = 0}}, '\(svg)', {png = false})", true),
            ("plot.map({{from_lat = 0, from_lon = -1e300, to_lat = 0, to_lon = 0}}, '\(svg)', {png = false})", true),
            ("plot.map({legs = {{\(leg), days = 0/0}}}, '\(svg)', {png = false})", true),
        ]
        for (code, refused) in cases {
            let r = try Bin.run(["-e", "print(pcall(function() return \(code) end))"], timeout: 60)
            XCTAssertFalse(Bin.isCrash(r), "\(code): status \(r.status) \(r.stderr)")
            XCTAssertEqual(r.status, 0, "\(code): \(r.stderr)")
            XCTAssertEqual(r.stdout.hasPrefix("false"), refused, "\(code): \(r.stdout)")
        }
        for flag in ["--max-memory", "--timeout", "--lock-wait"] {
            let r = try Bin.run([flag, "1e30", "-e", "print(1)"])
            XCTAssertEqual(r.status, 64, "\(flag): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("is at most"), r.stderr)
        }
    }

    /// Each coroutine's __close closes the previous one (the shape of Lua 5.4.5's cstack.lua test).
    static func closeChain(_ n: Int) -> String {
        """
        local count, coro = 0, false
        for i = 1, \(n) do
          local previous = coro
          coro = coroutine.create(function()
            local cc <close> = setmetatable({}, {__close = function()
              count = count + 1
              if previous then assert(coroutine.close(previous)) end
            end})
            coroutine.yield()
          end)
          assert(coroutine.resume(coro))
        end
        local st, msg = coroutine.close(coro)
        print(st, msg ~= nil and msg:find("C stack overflow") ~= nil, count)
        """
    }

    func testNestedCoroutineCloseStopsBeforeTheCStackRunsOut() throws {
        let r = try Bin.run(["-e", Self.closeChain(H.full ? 20_000 : 5_000)], timeout: 120)
        XCTAssertFalse(Bin.isCrash(r), "status \(r.status) \(r.stderr)")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("false\ttrue\t"), r.stdout)
        // a short chain still closes every coroutine, and close keeps Lua's errors
        let short = try Bin.run(["-e", Self.closeChain(100) + "\nprint(pcall(coroutine.close, coroutine.running()))"])
        XCTAssertEqual(short.stdout, "true\tfalse\t100\nfalse\tcannot close a running coroutine\n", short.stderr)
    }
}
