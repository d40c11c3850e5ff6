import Foundation
import LuaKit
import XCTest

final class LimitTests: XCTestCase {
    func testTimeoutStopsAnInfiniteLoopEvenInsidePcall() throws {
        for code in ["while true do end",
                     "while true do pcall(function() while true do end end) end",
                     "local ok = pcall(function() while true do end end) return 'swallowed'"] {
            let lua = try LuaState()
            lua.setTimeout(0.2)
            let start = Date()
            XCTAssertThrowsError(try lua.run(code)) { e in
                XCTAssertEqual((e as? LuaError)?.kind, .timeout, code)
                XCTAssertTrue((e as? LuaError)?.message.contains("time limit of 0.2 s") ?? false)
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        }
    }

    func testMemoryCapIsSurvivable() throws {
        let lua = try LuaState(memoryLimit: 16 << 20)
        XCTAssertThrowsError(try lua.run("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) .. i end")) { e in
            XCTAssertEqual((e as? LuaError)?.kind, .memory)
        }
        try lua.run("collectgarbage()")
        XCTAssertEqual(try lua.run("return 1 + 1"), [2])
        XCTAssertLessThanOrEqual(lua.memoryPeak, 17 << 20)
    }

    func testMemoryRefusedInsideHostFunctionIsRaisedOnReturn() throws {
        let lua = try LuaState(memoryLimit: 8 << 20)
        lua.register("big") { call in
            call.push(String(repeating: "y", count: 16 << 20))   // larger than the cap, pushed from Swift
            return 1
        }
        XCTAssertThrowsError(try lua.run("return big()")) { e in
            XCTAssertEqual((e as? LuaError)?.kind, .memory)
        }
        XCTAssertEqual(try lua.run("return 'alive'"), ["alive"])
    }

    func testInterruptIsRaisedFromTheHook() throws {
        let lua = try LuaState()
        lua.register("ctrlC") { _ in LuaState.requestInterrupt(); return 0 }
        XCTAssertThrowsError(try lua.run("ctrlC() while true do end")) { e in
            XCTAssertEqual((e as? LuaError)?.kind, .interrupted)
        }
        lua.resetTrip()
        XCTAssertEqual(try lua.run("return 'next command works'"), ["next command works"])
    }

    func testChunkNamesAppearInErrors() throws {
        let lua = try LuaState()
        XCTAssertThrowsError(try lua.run("x = = 1", chunkName: "@path/to/script.lua")) { e in
            XCTAssertEqual((e as? LuaError)?.kind, .syntax)
            XCTAssertTrue((e as? LuaError)?.message.hasPrefix("path/to/script.lua:1:") ?? false)
        }
        XCTAssertThrowsError(try lua.run("\nerror('x')", chunkName: "=stdin")) { e in
            XCTAssertEqual((e as? LuaError)?.message, "stdin:2: x")
        }
    }
}
