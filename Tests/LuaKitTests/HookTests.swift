import CLuaSupport
import Foundation
import LuaKit
import XCTest

/// The limit hook is installed only when it has work to do (plain Lua runs at full speed, and
/// debug.gethook() is nil as in lua.c), yet --timeout and Ctrl-C still stop loops in coroutines,
/// nested ones, and under pcall inside coroutines.
final class HookTests: XCTestCase {
    func testNoHookUntilThereIsWorkForIt() throws {
        let lua = try LuaState()
        lua.setTimeout(30)
        XCTAssertEqual(try lua.run("return debug.gethook() == nil"), [.boolean(true)])
        XCTAssertEqual(lk_hook_installed(lua.L), 0)
        // a script's own hook is its own: setting the limits again leaves it alone
        try lua.run("HOOKED = 0 debug.sethook(function() HOOKED = HOOKED + 1 end, '', 100)")
        lua.setTimeout(30)
        XCTAssertEqual(try lua.run("for i = 1, 1000 do end return HOOKED > 0"), [.boolean(true)])
    }

    static let loops = [
        "while true do end",
        "coroutine.wrap(function() while true do end end)()",
        "coroutine.resume(coroutine.create(function() while true do end end)) while true do end",
        "local co = coroutine.create(function() while true do pcall(function() while true do end end) end end) print(coroutine.resume(co)) while true do end",
        "local inner = coroutine.wrap(function() while true do coroutine.yield() end end) coroutine.wrap(function() while true do inner() end end)()",
        "local co = coroutine.wrap(function() coroutine.yield() while true do end end) co() co()",
        "local gen = coroutine.wrap(function() for i = 1, math.huge do coroutine.yield(i) end end) while true do gen() end",
        // __close handlers of a coroutine run on it when it is closed, or when a wrap ends in an error
        "local co = coroutine.create(function() local x <close> = setmetatable({}, {__close = function() while true do end end}) coroutine.yield() end) coroutine.resume(co) coroutine.close(co)",
        "coroutine.wrap(function() local x <close> = setmetatable({}, {__close = function() while true do end end}) error('e') end)()",
    ]

    func testTimeoutStopsLoopsInsideCoroutines() throws {
        for code in Self.loops {
            let lua = try LuaState()
            lua.setTimeout(0.3)
            let start = Date()
            XCTAssertThrowsError(try lua.run(code)) { e in
                XCTAssertEqual((e as? LuaError)?.kind, .timeout, code)
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 2, code)
            // reset: the hook is off again and the state runs at full speed
            lua.setTimeout(nil)
            XCTAssertEqual(try lua.run("return 1 + 1"), [2], code)
            XCTAssertEqual(lk_hook_installed(lua.L), 0, code)
        }
    }

    func testInterruptStopsLoopsInsideCoroutines() throws {
        for code in Self.loops {
            let lua = try LuaState()
            lua.setTimeout(10)   // the interrupt must come first
            let fire = DispatchWorkItem { LuaState.requestInterrupt() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2, execute: fire)
            let start = Date()
            XCTAssertThrowsError(try lua.run(code)) { e in
                XCTAssertEqual((e as? LuaError)?.kind, .interrupted, code)
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 5, code)
            lua.resetTrip()
            XCTAssertEqual(try lua.run("return 'again'"), ["again"], code)
        }
    }

    func testCoroutineLibraryBehavesAsLuas() throws {
        let lua = try LuaState()
        let r = try lua.run("""
        local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b) return c * 2 end)
        local r1 = {coroutine.resume(co, 1, 2)}
        local r2 = {coroutine.resume(co, 5)}
        local r3 = {coroutine.resume(co)}
        local w = coroutine.wrap(function() error("inside") end)
        local ok, e = pcall(w)
        local ok2, e2 = pcall(coroutine.resume, 42)
        return r1[1], r1[2], r2[2], r3[1], r3[2], e, e2, coroutine.status(co)
        """, chunkName: "@t.lua")
        XCTAssertEqual(r, [.boolean(true), 3, 10, .boolean(false), "cannot resume dead coroutine", "t.lua:5: inside",
                           "bad argument #1 to 'coroutine.resume' (thread expected, got number)", "dead"])
    }
}
