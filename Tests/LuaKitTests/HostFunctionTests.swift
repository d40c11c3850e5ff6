import LuaKit
import Synchronization
import XCTest

final class HostFunctionTests: XCTestCase {
    func testArgumentErrorsReadLikeLuasOwn() throws {
        let lua = try LuaState()
        lua.register("distance") { call in
            let a = try call.string(1)
            call.push(a)
            return 1
        }
        XCTAssertThrowsError(try lua.run("local x = 1\nreturn distance(nil)", chunkName: "@script.lua")) { e in
            XCTAssertEqual((e as? LuaError)?.message, "script.lua:2: bad argument #1 to 'distance' (string expected, got nil)")
        }
        XCTAssertThrowsError(try lua.run("return distance()", chunkName: "@s.lua")) { e in
            XCTAssertEqual((e as? LuaError)?.message, "s.lua:1: bad argument #1 to 'distance' (string expected, got no value)")
        }
        XCTAssertEqual(try lua.run("return distance(12)"), ["12"])
    }

    func testRaiseBlamesTheCallingLine() throws {
        let lua = try LuaState()
        lua.register("fail") { _ in throw LuaRaise("no such place 'Alepoo'") }
        XCTAssertThrowsError(try lua.run("\n\nfail()", chunkName: "@x.lua")) { e in
            let e = e as? LuaError
            XCTAssertEqual(e?.message, "x.lua:3: no such place 'Alepoo'")
            XCTAssertEqual(e?.kind, .runtime)
            XCTAssertTrue(e?.traceback?.contains("stack traceback") ?? false)
        }
    }

    func testThrowingHostFunctionUnderPcallManyTimesKeepsMemoryFlat() throws {
        let lua = try LuaState()
        lua.register("boom") { call in throw LuaRaise("boom \(try call.integer(1))") }
        let code = """
        local n = 0
        for i = 1, 100000 do
          local ok, err = pcall(boom, i)
          if not ok and err:find("boom " .. i, 1, true) then n = n + 1 end
        end
        collectgarbage() collectgarbage()
        return n, collectgarbage("count")
        """
        let warm = try lua.run(code)
        let rssBefore = residentBytes()
        let second = try lua.run(code)
        let rssAfter = residentBytes()
        XCTAssertEqual(warm[0], 100000)
        XCTAssertEqual(second[0], 100000)
        guard case .number(let kb1) = warm[1], case .number(let kb2) = second[1] else { return XCTFail() }
        XCTAssertLessThan(abs(kb2 - kb1), 64, "Lua heap grew from \(kb1) KB to \(kb2) KB")
        XCTAssertLessThan(rssAfter - rssBefore, 8 << 20, "RSS grew by \(rssAfter - rssBefore) bytes")
    }

    func testErrorInsideLuaCallbackCalledFromSwift() throws {
        let lua = try LuaState()
        // apply(f, x): calls the Lua function f with x from Swift.
        lua.register("apply") { call in
            try call.checkFunction(1)
            call.stack.top = 2
            try call.call(nargs: 1, nresults: 1)
            return 1
        }
        XCTAssertEqual(try lua.run("return apply(function(x) return x * 2 end, 21)"), [42])
        XCTAssertThrowsError(try lua.run("return apply(function(x) error('inner ' .. x) end, 7)", chunkName: "@cb.lua")) { e in
            XCTAssertEqual((e as? LuaError)?.message, "cb.lua:1: inner 7")
        }
        XCTAssertEqual(try lua.run("local ok, e = pcall(apply, function() error({code = 5}) end) return ok"), [false])
        XCTAssertEqual(try lua.run("return apply(function(x) return x end, 'still fine')"), ["still fine"])
    }

    func testYieldAcrossHostFunctionIsALuaError() throws {
        let lua = try LuaState()
        lua.register("apply") { call in
            call.stack.top = 2
            try call.call(nargs: 1, nresults: 1)
            return 1
        }
        let r = try lua.run("""
        local co = coroutine.create(function() return apply(function(x) coroutine.yield(x) end, 1) end)
        return coroutine.resume(co)
        """)
        XCTAssertEqual(r.first, false)
        XCTAssertTrue(r[1].stringValue?.contains("yield across") ?? false, "\(r)")
    }

    final class Thing {
        static let alive = Atomic<Int>(0)
        init() { Thing.alive.add(1, ordering: .relaxed) }
        deinit { Thing.alive.subtract(1, ordering: .relaxed) }
    }

    func testUserdataGcReleasesSwiftObject() throws {
        let lua = try LuaState()
        lua.defineType("Thing", methods: ["hello": { call in
            _ = try call.object(1, typeName: "Thing", as: Thing.self)
            call.push("hi")
            return 1
        }])
        lua.register("newThing") { call in
            call.stack.push(object: Thing(), typeName: "Thing")
            return 1
        }
        XCTAssertEqual(try lua.run("local t = newThing() return t:hello(), tostring(t):match('^Thing')"), ["hi", "Thing"])
        try lua.run("for i = 1, 1000 do newThing() end collectgarbage() collectgarbage()")
        XCTAssertEqual(Thing.alive.load(ordering: .relaxed), 0)
        XCTAssertThrowsError(try lua.run("local t = newThing() return t.hello({})", chunkName: "@u.lua")) { e in
            XCTAssertEqual((e as? LuaError)?.message, "u.lua:1: bad argument #1 to 'hello' (Thing expected, got table)")
        }
    }
}

func residentBytes() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = s.split(separator: " ")
    return (Int(fields.count > 1 ? fields[1] : "0") ?? 0) * 4096
}
