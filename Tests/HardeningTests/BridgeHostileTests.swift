import Foundation
import XCTest

/// The bridge promise under attack: metatables that have metatables, metamethods that raise or loop,
/// a `_G` and a registry with such metatables. Every case must end in a Lua error with the script's
/// line (exit 1), or go on; never exit 70 (an error through a Swift frame reaches the panic handler).
final class BridgeHostileTests: XCTestCase {
    static let hostileGlobals = """
    local function boom(_, k) error("hostile metamethod (" .. tostring(k) .. ")") end
    MM = setmetatable({}, setmetatable({}, {__index = boom, __newindex = boom}))
    NAMED = setmetatable({}, {__name = setmetatable({}, {__index = boom, __tostring = boom}), __index = boom, __tostring = boom})
    """

    static let calls = [
        "place(MM)", "place(NAMED)", "actor(NAMED)", "events(MM)", "events(NAMED)", "csv.write('x.csv', MM)",
        "csv.write('x.csv', setmetatable({{a = 1}}, getmetatable(MM)))", "geojson.write('x.json', NAMED)",
        "geo.distance(MM, NAMED)", "help(MM)", "help('place')", "events{}:filter(NAMED)", "events{}:to_csv(MM)",
        "plot.map(MM, 'x.svg', {png = false})", "atomic.open(NAMED)", "tostring(events{})", "events{}[1].place",
    ]

    func script(_ preamble: String) -> String {
        var lines = [Self.hostileGlobals]
        lines.append(preamble)
        for c in Self.calls { lines.append("io.stdout:write(tostring((pcall(function() return \(c) end))), '\\n')") }
        lines.append("io.stdout:write('finished\\n')")
        return lines.joined(separator: "\n")
    }

    func testHostFunctionsWithHostileArgumentsGlobalsAndRegistry() throws {
        let dir = try H.tempDir("bridge")
        defer { try? FileManager.default.removeItem(at: dir) }
        let preambles = [
            "",
            // _G whose metamethods raise: host code reads and writes globals raw
            "setmetatable(_G, {__index = function(_, k) error('no global ' .. tostring(k)) end, __newindex = function() error('read-only _G') end})",
            // the registry itself (reachable outside --sandbox through debug)
            "setmetatable(debug.getregistry(), {__index = function(_, k) error('registry ' .. tostring(k)) end, __newindex = function() error('registry write') end})",
            // the metatables of our own types
            "setmetatable(getmetatable(events{}), {__index = function() error('type meta') end})",
            "io = nil",
        ]
        for p in preambles {
            let r = try Bin.run(["--timeout", "60", "-e", script(p)], directory: dir, timeout: 90)
            XCTAssertFalse(Bin.isCrash(r), "\(p): status \(r.status)\n\(r.stderr.suffix(1500))")
            XCTAssertTrue(r.stdout.hasSuffix("finished\n") || p == "io = nil", "\(p): \(r.stdout.suffix(300)) \(r.stderr.suffix(800))")
        }
        // An unprotected failure in a host function is an ordinary script error on its line.
        let r = try Bin.run(["-e", Self.hostileGlobals + "\n\nplace(NAMED)"], directory: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("(command line):5:"), r.stderr)
        // help() works without io
        let h = try Bin.run(["-e", "io = nil help('place')"], directory: dir)
        XCTAssertEqual(h.status, 0, h.stderr)
        XCTAssertTrue(h.stdout.hasPrefix("place(name)"), h.stdout)
    }

    func testLoopingMetamethodsStopAtTheTimeout() throws {
        let loop = "function() while true do end end"
        // host code reads metatables raw, so these looping metamethods never run: a plain error
        for code in ["place(setmetatable({}, {__name = 'x', __index = \(loop)}))",
                     "csv.write(os.tmpname(), setmetatable({{a = 1}}, setmetatable({}, {__index = \(loop)})))"] {
            let r = try Bin.run(["--timeout", "1", "-e", code], timeout: 30)
            XCTAssertFalse(Bin.isCrash(r), "\(code): \(r.stderr)")
            XCTAssertTrue(r.status == 0 || r.status == 1, "\(code): \(r.status) \(r.stderr)")
        }
        // metamethods the API does run (protected) are stopped by --timeout
        for code in ["events{}:filter(\(loop))", "tostring(setmetatable({}, {__tostring = \(loop)}))",
                     "coroutine.wrap(function() events{}:group(\(loop)) end)()"] {
            let r = try Bin.run(["--timeout", "1", "-e", code], timeout: 30)
            XCTAssertEqual(r.status, 75, "\(code): \(r.stderr)")
        }
    }

    func testShellSurvivesHostileGlobalsAndValues() throws {
        let input = """
        setmetatable(_G, {__newindex = function() error('no new globals') end, __index = function(_, k) error('no global ' .. k) end});
        1 + 1
        rawset(_G, 'T', setmetatable({}, setmetatable({}, {__index = function() error('meta-meta') end})))
        T
        rawset(_G, 'N', setmetatable({}, {__name = setmetatable({}, {__tostring = function() error('name') end}), __tostring = function() error('ts') end, __index = function() error('idx') end, __len = function() error('len') end, __pairs = function() error('pairs') end}))
        N
        {N, T, N}
        .mode json
        N
        .mode csv
        {T}
        setmetatable(debug.getregistry(), {__index = function() error('registry') end, __newindex = function() error('registry') end});
        events{}
        place("Aleppo")
        rawget(_G, 'print')('still alive')

        """
        let r = try Bin.run(["-i", "-q"], stdin: input, timeout: 60)
        XCTAssertFalse(Bin.isCrash(r), "status \(r.status)\n\(r.stderr.suffix(2000))")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("still alive"), r.stdout.suffix(500).description)
        XCTAssertTrue(r.stderr.contains("no new globals"), r.stderr)
    }
}
