import AnalystLua
import Foundation
import LuaKit
import Synchronization
import XCTest

/// Hostile scripts: wrong arguments to every API entry, errors and yields in callbacks, recursion,
/// metatable tricks, memory bombs and endless loops. Each must end in a Lua error that names the
/// script line, or in a documented exit code; never a trap, a segfault or a hang.
final class HostileScriptTests: XCTestCase {
    var cwd = ""
    var tmp: URL!
    override func setUpWithError() throws {
        tmp = try H.tempDir("hostile")
        cwd = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(tmp.path)   // relative output paths land here
    }
    override func tearDown() {
        FileManager.default.changeCurrentDirectoryPath(cwd)
        try? FileManager.default.removeItem(at: tmp)
    }

    /// Lua expressions for values of every type, including the awkward ones.
    static let values: [String] = [
        "nil", "true", "false", "0", "-1", "1", "3", "2^53", "math.maxinteger", "math.mininteger", "1e308", "-1e308",
        "0/0", "1/0", "-1/0", "0.5", "''", "'x'", "'Aleppo'", "'date'", "'-date'", "'fatalities'", "'\\xff\\xfe\\xc3('",
        "'\\0'", "BIG", "{}", "{1, 2, 3}", "{lat = 0/0, lon = 1/0}", "{lat = 91, lon = 0}", "{lat = 36.2, lon = 37.1}",
        "CYCLE", "DEEP", "{type = 'capture'}", "{type = {'x'}}", "{from = '2024-02-30'}", "{place = 'Hama', within_km = -1}",
        "{columns = {'nope'}}", "{[1.5] = 1}", "{[true] = 1}", "{{}, {1}, 3}",
        "function() error('cb') end", "function() return true end", "function() return nil end", "function() return {} end",
        "coroutine.create(print)", "io.stdout", "PLACE", "EVENT", "LIST", "ACTOR", "ARTICLE",
        "setmetatable({}, {__index = function() error('idx') end, __tostring = function() error('ts') end})",
        "setmetatable({}, {__len = function() return -1 end, __pairs = function() error('pairs') end})",
        // metatables with metatables, and metamethods that raise (the bridge promise)
        "setmetatable({}, setmetatable({}, {__index = function() error('meta-meta') end}))",
        "setmetatable({{a = 1}}, setmetatable({}, {__index = function() error('meta-meta') end, __newindex = function() error('mm-new') end}))",
        "setmetatable({}, {__name = setmetatable({}, {__tostring = function() error('name') end}), __index = function() error('idx') end, __newindex = function() error('nidx') end})",
        "setmetatable({}, {__name = 'Fake', __fields = setmetatable({}, {__index = function() error('fields') end}), __eq = function() error('eq') end})",
    ]

    static let prologue = #"""
    BIG = string.rep("a", 1024 * 1024)
    CYCLE = {} CYCLE.self = CYCLE CYCLE[1] = CYCLE
    DEEP = {} do local t = DEEP for i = 1, 500 do t[1] = {} t = t[1] end end
    PLACE = place("Aleppo") LIST = events{} EVENT = LIST[1] ACTOR = actor("HTS") ARTICLE = corpus.articles[1]
    local counts = {ok = 0, err = 0, noline = 0}
    local nolines = {}
    function try(desc, f, ...)
      local ok, e = pcall(f, ...)
      if ok then counts.ok = counts.ok + 1 else
        counts.err = counts.err + 1
        if type(e) ~= "string" or not (e:find("hostile.lua:%d+:") or e:find("bad argument")) then
          counts.noline = counts.noline + 1
          if #nolines < 20 then nolines[#nolines + 1] = desc .. " => " .. tostring(e):sub(1, 200) end
        end
      end
    end
    function report() return string.format("ok=%d err=%d noline=%d\n%s", counts.ok, counts.err, counts.noline, table.concat(nolines, "\n")) end
    """#

    /// A valid argument for a parameter of this type (so that one wrong argument is tested at a time).
    static func valid(_ p: APIEntry.Param) -> String {
        if p.name == "path" { return "'out.file'" }
        switch p.type {
        case "string": return p.name == "field" ? "'fatalities'" : (p.name == "id" ? "ARTICLE.id" : "'Aleppo'")
        case "integer", "number": return "3"
        case "function": return "function() return true end"
        case "function|table": return "function() return true end"
        case "string|function": return "'date'"
        case "EventList|table": return "LIST"
        case "table": return p.name == "route" ? "{'Aleppo', 'Hama'}" : "{}"
        default: return p.type.contains("Place") ? "'Hama'" : "nil"
        }
    }

    /// The sweep as one Lua script: every entry, arities 0...n+2 with every value, and every value at
    /// every position among valid arguments; methods also with nil, a number and a wrong handle as self.
    func sweepScript() throws -> (String, Int) {
        let api = AnalystAPI(session: Session(corpusDirectory: H.bundledCorpus))
        var lines: [String] = [Self.prologue]
        var n = 0
        let selfOf = ["EventList": "LIST", "Place": "PLACE", "Event": "EVENT", "Actor": "ACTOR", "Article": "ARTICLE"]
        for e in api.registry.entries {
            if e.isProperty { lines.append("try('\(e.name)', function() return \(e.name) end)"); n += 1; continue }
            let params = e.params.filter { $0.name != "self" }
            var fn = e.name, selves: [String?] = [nil]
            if e.isMethod, let owner = e.owner {
                let obj = selfOf[owner] ?? "nil"
                fn = "(\(obj).\(e.shortName))"
                selves = [obj, "nil", "42", owner == "EventList" ? "PLACE" : "LIST", "{}"]
            }
            for selfArg in selves {
                let pre = selfArg.map { [$0] } ?? []
                for arity in H.full ? Array(0...(params.count + 2)) : [0, params.count + 1] {
                    for v in Self.values where H.full || Self.values.firstIndex(of: v)! % 2 == 0 {
                        let args = (pre + Array(repeating: v, count: arity)).joined(separator: ", ")
                        lines.append("try(\(luaQuote("\(e.name)(\(args))")), function() return \(fn)(\(args)) end)")
                        n += 1
                    }
                }
                for i in params.indices {
                    for v in Self.values {
                        var args = params.map(Self.valid)
                        args[i] = v
                        let all = (pre + args).joined(separator: ", ")
                        lines.append("try(\(luaQuote("\(e.name)(\(all))")), function() return \(fn)(\(all)) end)")
                        n += 1
                    }
                }
            }
        }
        lines.append("print(report())")
        return (lines.joined(separator: "\n"), n)
    }

    func luaQuote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Through the binary: a crash fails this test only. Every error must carry a position.
    func testEveryRegistryEntryWithEveryWrongArgument() throws {
        let (script, n) = try sweepScript()
        let path = tmp.appendingPathComponent("hostile.lua")
        try script.write(to: path, atomically: true, encoding: .utf8)
        let r = try Bin.run(["--timeout", "600", "hostile.lua"], directory: tmp, timeout: 600)
        XCTAssertFalse(Bin.isCrash(r), "crashed: \(r.status) \(r.stderr.suffix(2000))")
        XCTAssertEqual(r.status, 0, r.stderr.suffix(2000).description)
        print("registry sweep (\(H.full ? "full" : "CI")): \(n) calls in \(String(format: "%.1f", r.seconds)) s: \(r.stdout.components(separatedBy: "\n").first { $0.hasPrefix("ok=") } ?? "?")")
        let summary = r.stdout.components(separatedBy: "\n").drop(while: { !$0.hasPrefix("ok=") }).joined(separator: "\n")
        XCTAssertTrue(summary.hasPrefix("ok="), r.stdout.suffix(1000).description)
        XCTAssertTrue(summary.contains("noline=0"), "errors without a script position:\n\(summary)")
    }

    // MARK: callbacks

    func testErrorsAndOddResultsFromCallbacks() throws {
        let lua = try H.lua()
        let cases: [(String, String?)] = [
            ("events{}:filter(function(e) error('boom') end)", "hostile.lua:1: boom"),
            ("events{}:map(function(e, i) if i == 3 then error('at three') end return i end)", "at three"),
            ("events{}:each(function(e, i) if i == 2 then error({}) end end)", nil),
            ("events{}:group(function(e) error(setmetatable({}, {__tostring = function() return 'custom' end})) end)", "custom"),
            ("events{}:sort(function(a, b) error('cmp') end)", "cmp"),
            ("local n = 0 events{}:sort(function(a, b) n = n + 1 if n == 7 then error('midway') end return a.id < b.id end)", "midway"),
            ("events{}:filter(function(e) return coroutine.yield() end)", "attempt to yield"),
            ("events{}:group(function(e) return setmetatable({}, {__tostring = function() error('ts') end}) end)", nil),
            ("events{}:group(function(e) return nil end)", nil),
            ("events{}:filter(function(e) error() end)", nil),
            ("events{}:filter(function(e) error(EVENT) end)", nil),
            ("events{}:map(function(e) return BIG end)", nil),
        ]
        _ = try lua.run("BIG = string.rep('x', 1 << 20) EVENT = events{}[1]")
        for (code, expect) in cases {
            let e = H.outcome(lua, code)
            if let expect { XCTAssertTrue(e?.message.contains(expect) ?? false, "\(code): \(e?.message ?? "no error")") }
        }
        // Inconsistent comparators: some order, no trap, every row still there exactly once.
        for cmp in ["math.random() < 0.5", "true", "false", "a.id ~= b.id", "1", "nil", "{}"] {
            let r = try lua.run("""
            math.randomseed(7)
            local l = events{consolidated = false}
            local s = l:sort(function(a, b) return \(cmp) end)
            local seen = {}
            for e in s:iter() do seen[e.id] = (seen[e.id] or 0) + 1 end
            local n = 0 for _, c in pairs(seen) do assert(c >= 1) n = n + c end
            return #s == #l and n == #l
            """, chunkName: "@hostile.lua")
            XCTAssertEqual(r.first, .boolean(true), cmp)
        }
    }

    func testCoroutinesAroundTheAPI() throws {
        let lua = try H.lua()
        let r = try lua.run("""
        local co = coroutine.wrap(function()
          local l = events{}
          coroutine.yield(#l)
          local f = l:filter(function(e) return e.type == "capture" end)
          coroutine.yield(#f)
          for e in l:iter() do coroutine.yield(e.id) end
          return "done"
        end)
        local first = co() local second = co()
        local ok, err = pcall(function()
          return coroutine.wrap(function() return events{}:map(function(e) coroutine.yield(1) end) end)()
        end)
        local a, b = coroutine.resume(coroutine.create(function() return geo.distance("Aleppo", coroutine.yield()) end))
        return first, second, ok, err
        """, chunkName: "@hostile.lua")
        XCTAssertEqual(r.count, 4)
        XCTAssertEqual(r[2], .boolean(false))
        XCTAssertTrue(r[3].stringValue?.contains("yield") ?? false, "\(r[3])")
        // A coroutine left suspended inside the iteration, then the state closed: no leak, no crash.
        _ = try lua.run("local co = coroutine.create(function() for e in events{}:iter() do coroutine.yield(e) end end) coroutine.resume(co) KEEP = co")
    }

    func testRecursion() throws {
        let lua = try H.lua()
        for (code, expect) in [
            ("local function f() return f() + 1 end f()", "stack overflow"),
            ("local function f() return events{}:filter(function(e) return f() end) end f()", "stack overflow"),
            ("local function f() return events{}:sort(function(a, b) f() return true end) end f()", "stack overflow"),
            ("local function f() return events{}:map(function(e) return f() end) end f()", "stack overflow"),
            ("local t = setmetatable({}, {}) getmetatable(t).__index = function(t, k) return t[k] end local _ = t.x", "stack overflow"),
            ("local t t = setmetatable({}, {__tostring = function() return tostring(t) end}) tostring(t)", "stack overflow"),
            ("local t t = setmetatable({}, {__tostring = function() return tostring(t) end}) events{}:group(function() return t end)", nil),
            ("local function f(n) return csv.write(os.tmpname(), {{a = f}}) end f()", nil),
        ] as [(String, String?)] {
            let e = H.outcome(lua, code)
            if let expect { XCTAssertTrue(e?.message.contains(expect) ?? false, "\(code): \(e?.message ?? "no error")") }
        }
        XCTAssertEqual(try lua.run("return #events{}:filter(function() return true end) > 0").first, .boolean(true))
    }

    // MARK: metatables and read-only objects

    func testMetatableTricksOnReturnedObjects() throws {
        let lua = try H.lua()
        let tricks = [
            "getmetatable(PLACE).__index = function() error('mine') end local _ = PLACE.name",
            "getmetatable(EVENT).__index = nil local _ = EVENT.type",
            "getmetatable(LIST).__index = 5 local _ = LIST:count()",
            "getmetatable(LIST).__gc(io.stdout)",
            "getmetatable(LIST).__gc(PLACE)",
            "getmetatable(LIST).__gc(LIST) local _ = #LIST",
            "getmetatable(LIST).__gc(LIST) getmetatable(LIST).__gc(LIST)",
            "getmetatable(LIST).__gc = function() error('gc') end",
            "getmetatable(LIST).__len = function() return -1 end local _ = #LIST",
            "getmetatable(PLACE).__eq = function() error('eq') end local _ = PLACE == place('Hama')",
            "getmetatable(PLACE).__name = nil local _ = geo.distance(LIST, PLACE)",
            "getmetatable(PLACE).__name = BIG local _ = geo.distance(EVENT, PLACE)",
            "getmetatable(PLACE)['LuaKit.box'] = true local _ = tostring(PLACE) getmetatable(LIST).__gc(PLACE)",
            "getmetatable(PLACE).methods.distance = nil local _ = PLACE:distance('Hama')",
            "getmetatable(EVENT).__pairs = nil for k, v in pairs(EVENT) do end",
            "setmetatable(LIST, {})", "setmetatable(PLACE, nil)",
            "rawset(getmetatable(LIST), '__index', getmetatable(PLACE).__index) local _ = LIST.name",
            "getmetatable('').__index = function() error('strings') end local _ = ('x'):upper()",
            "EVENT.type = 'x'", "EVENT.newfield = 1", "PLACE.name = 'x'", "LIST[1] = 1", "LIST.x = nil", "ARTICLE.text = ''",
            "rawset(EVENT, 'type', 1)", "corpus.articles = {}", "local _ = #corpus.articles",
        ]
        for t in tricks {
            // Each trick on a fresh state (they break the metatables for what follows).
            let lua = try H.lua()
            _ = try lua.run("BIG = string.rep('x', 1 << 20) PLACE = place('Aleppo') LIST = events{} EVENT = LIST[1] ARTICLE = corpus.articles[1]")
            H.outcome(lua, t)
            // The host still works with fresh objects of other types, and the state closes cleanly.
            XCTAssertNoThrow(try lua.run("local _ = geo.distance('Aleppo', 'Hama') collectgarbage()"), t)
        }
        for ro in ["EVENT.type = 'x'", "PLACE.name = 'x'", "LIST[1] = 1", "ACTOR.name = 1"] {
            _ = try lua.run("PLACE = place('Aleppo') LIST = events{} EVENT = LIST[1] ACTOR = actor('HTS')")
            let e = H.outcome(lua, ro)
            XCTAssertTrue(e?.message.contains("hostile.lua:1:") == true && e?.message.contains("read-only") == true, "\(ro): \(e?.message ?? "")")
        }
    }

    func testCollectGarbageMidIteration() throws {
        let lua = try H.lua()
        let r = try lua.run("""
        local n = 0
        for e in events{consolidated = false}:iter() do collectgarbage() collectgarbage("step") n = n + 1 end
        events{}:filter(function(e) collectgarbage() return true end)
        events{}:sort(function(a, b) collectgarbage("step", 100) return a.id < b.id end)
        local l = events{} local it = l:iter() l = nil collectgarbage() collectgarbage()
        local e = it()
        return n, e ~= nil
        """, chunkName: "@hostile.lua")
        XCTAssertEqual(r.last, .boolean(true))
    }

    // MARK: limits, through the binary

    struct LimitCase { var name: String; var args: [String]; var code: String; var status: Set<Int32>; var maxSeconds: Double }

    static let limitCases: [LimitCase] = [
        .init(name: "endless loop", args: ["--timeout", "1"], code: "while true do end", status: [75], maxSeconds: 3),
        .init(name: "endless loop in pcall", args: ["--timeout", "1"], code: "while true do pcall(function() while true do end end) end", status: [75], maxSeconds: 3),
        .init(name: "endless loop in a callback", args: ["--timeout", "1"], code: "events{}:filter(function() while true do end end)", status: [75], maxSeconds: 3),
        .init(name: "error handler that loops", args: ["--timeout", "1"], code: "xpcall(error, function() while true do end end)", status: [75], maxSeconds: 4),
        .init(name: "endless __gc during the run", args: ["--timeout", "1"], code: "setmetatable({}, {__gc = function() while true do end end}) collectgarbage()", status: [75], maxSeconds: 5),
        .init(name: "endless __gc at close", args: ["--timeout", "1"], code: "KEEP = setmetatable({}, {__gc = function() while true do end end})", status: [75], maxSeconds: 5),
        .init(name: "backtracking pattern", args: ["--timeout", "1"], code: "string.rep('a', 40):match(string.rep('a?', 40) .. string.rep('a', 40) .. 'b')", status: [75], maxSeconds: 5),
        .init(name: "table memory bomb", args: ["--max-memory", "50"], code: "local t = {} for i = 1, 1e9 do t[i] = i end", status: [71], maxSeconds: 20),
        .init(name: "string memory bomb", args: ["--max-memory", "50"], code: "local s = 'x' while true do s = s .. s end", status: [71], maxSeconds: 20),
        .init(name: "string.rep bomb", args: ["--max-memory", "50"], code: "local s = string.rep('x', 2^40)", status: [1], maxSeconds: 5),
        .init(name: "memory bomb caught by pcall in a loop (needs --timeout)", args: ["--max-memory", "50", "--timeout", "2"], code: "local t = {} while true do pcall(function() t[#t + 1] = string.rep('y', 1e5) .. #t end) end", status: [71, 75], maxSeconds: 5),
        .init(name: "memory bomb from a callback", args: ["--max-memory", "50"], code: "local t = {} events{}:map(function(e) for i = 1, 1e9 do t[#t + 1] = {} end end)", status: [71], maxSeconds: 20),
        .init(name: "host-side allocation past the cap", args: ["--max-memory", "30"], code: "local l = {} for i = 1, 1e6 do l[i] = events{} end", status: [71], maxSeconds: 30),
        .init(name: "memory bomb and timeout", args: ["--max-memory", "50", "--timeout", "2"], code: "local t = {} while true do t[#t + 1] = {} for i = 1, 1e5 do end end", status: [71, 75], maxSeconds: 10),
        .init(name: "error object with endless __tostring", args: ["--timeout", "1"], code: "error(setmetatable({}, {__tostring = function() while true do end end}))", status: [75], maxSeconds: 5),
        .init(name: "script error", args: [], code: "local x = nil + 1", status: [1], maxSeconds: 10),
    ]

    /// 10 MB strings where names are expected (place names used to take minutes: fixed in Gazetteer).
    func testTenMegabyteStrings() throws {
        let all = ["place(S)", "events{place = S}", "places.search(S)", "actor(S)", "help(S)", "geo.distance(S, S)",
                   "corpus.article(S)", "events{type = S}", "events{}:sort(S)", "events{}:group(S)", "csv.write(S, {})",
                   "csv.read(S)", "advance{S, S}", "events{}:to_csv(S)"]
        let calls = H.full ? all : ["place(S)", "events{}:sort(S)", "csv.write(S, {})"]
        let code = "local S = string.rep('\\xff', 10 * 1024 * 1024) local n = 0\n" + calls.map { "n = n + (pcall(function() return \($0) end) and 0 or 1)" }.joined(separator: "\n") + "\nprint(n)"
        let r = try Bin.run(["--timeout", "60", "-e", code], directory: tmp, timeout: 90)
        XCTAssertFalse(Bin.isCrash(r), r.stderr)
        XCTAssertEqual(r.status, 0, r.stderr.suffix(500).description)
        XCTAssertLessThan(r.seconds, 60)
        print("10 MB strings: \(calls.count) calls, \(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) errors, \(String(format: "%.1f", r.seconds)) s")
    }

    func testLimitsThroughTheBinary() throws {
        // Mostly waiting for limits to run out: run the cases side by side.
        let cases = Self.limitCases
        let ran = Mutex([Bin.Result?](repeating: nil, count: cases.count))
        let dir = tmp!
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let r = try? Bin.run(cases[i].args + ["-e", cases[i].code], directory: dir, timeout: 60)
            ran.withLock { $0[i] = r }
        }
        let results = ran.withLock { $0 }
        var report: [String] = []
        for (c, r) in zip(cases, results) {
            guard let r else { XCTFail("\(c.name): could not run"); continue }
            XCTAssertFalse(Bin.isCrash(r), "\(c.name): \(r.status) \(r.stderr.suffix(1000))")
            XCTAssertTrue(c.status.contains(r.status), "\(c.name): exit \(r.status) \(r.stderr.suffix(600))")
            XCTAssertLessThan(r.seconds, c.maxSeconds + 3, c.name)   // + 3: the cases share two cores
            report.append(String(format: "%@: exit %d in %.2f s", c.name, r.status, r.seconds))
        }
        print("limit cases:\n  " + report.joined(separator: "\n  "))
    }
}
