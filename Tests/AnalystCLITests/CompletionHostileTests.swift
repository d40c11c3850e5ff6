@testable import AnalystCLI
import LuaKit
import XCTest

/// TAB completion reads tables a script controls: metamethods that raise or loop, on values, on
/// their metatables' metatables, on _G and on the registry, must not end the session (the bridge
/// promise: no Lua error through a Swift frame), and must not hang the prompt.
final class CompletionHostileTests: XCTestCase {
    func testCompletionOverHostileTables() throws {
        let lua = try LuaState()
        try lua.run("""
        local function boom() error("hostile") end
        local function spin() while true do end end
        T = setmetatable({alpha = 1}, setmetatable({__index = {beta = 2}}, {__index = boom, __newindex = boom}))
        U = setmetatable({}, {__index = spin, __name = setmetatable({}, {__tostring = boom})})
        V = setmetatable({}, {__index = setmetatable({}, {__index = boom}), __fields = setmetatable({}, {__index = boom})})
        setmetatable(_G, {__index = boom, __newindex = boom})
        setmetatable(debug.getregistry(), {__index = boom, __newindex = boom})
        """)
        let c = Completion(L: lua.L)
        XCTAssertEqual(c.candidates(word: "T.al", before: ""), ["T.alpha"])
        XCTAssertEqual(c.candidates(word: "T.be", before: ""), ["T.beta"])
        let start = Date()
        _ = c.candidates(word: "U.x.y", before: "")
        _ = c.candidates(word: "V.", before: "")
        _ = c.candidates(word: "nothere.x", before: "")
        _ = c.candidates(word: "place(\"x\").", before: "")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertTrue(c.candidates(word: "pri", before: "").contains("print"))
    }
}
