import Foundation
import XCTest

/// The bridge promise (docs/reliability.md): no Lua error may unwind through a Swift frame. Swift
/// code therefore never calls a Lua API function that can run a metamethod or raise, except through
/// the protected helpers of CLuaSupport (lk_pcall, lk_pgettable, lk_ptostring, lk_pgetglobal, ...).
/// Fields are read and written raw (clua_rawgetfield, clua_rawsetglobal, lua_rawget, lua_rawseti).
/// This lint runs in `swift test` (and so in `make test`): it fails on any such call in Sources/
/// outside the allow-list below.
final class BridgeLintTests: XCTestCase {
    /// Calls that may run a metamethod (__index, __newindex, __len, __eq, __lt, __concat, __tostring,
    /// __name via luaL_tolstring, __call) or raise a Lua error directly.
    static let forbidden = [
        "lua_getfield", "lua_gettable", "lua_getglobal", "lua_setglobal", "lua_settable", "lua_setfield",
        "lua_geti", "lua_seti", "luaL_getsubtable", "luaL_tolstring", "lua_len", "luaL_len", "lua_call", "lua_callk",
        "lua_compare", "lua_arith", "lua_concat", "luaL_callmeta", "lua_error", "luaL_error", "luaL_argerror",
        "luaL_typeerror", "luaL_checkinteger", "luaL_checknumber", "luaL_checklstring", "luaL_checkudata",
        "luaL_checktype", "luaL_checkany", "luaL_checkstack", "luaL_checkoption", "luaL_optinteger", "luaL_optnumber",
        "luaL_optlstring", "luaL_getmetatable", "luaL_testudata", "lua_resume", "lua_yield", "lua_yieldk",
        "luaL_dostring", "luaL_dofile",
    ]
    /// "path: call" pairs allowed, each with the reason it is safe. Empty: there is no exception today.
    static let allowed: [String: String] = [:]

    func testSwiftSourcesUseOnlyRawOrProtectedLuaCalls() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: "\\b(" + Self.forbidden.joined(separator: "|") + ")\\s*\\(")
        var findings: [String] = []
        var scanned = 0
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for relative in files.sorted() where relative.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            scanned += 1
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.components(separatedBy: "//").first ?? ""   // comments may name them
                let ns = code as NSString
                for m in pattern.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
                    let call = ns.substring(with: m.range(at: 1))
                    if Self.allowed["\(relative): \(call)"] != nil { continue }
                    findings.append("Sources/\(relative):\(n + 1): \(call)")
                }
            }
        }
        XCTAssertGreaterThan(scanned, 50, "the lint found too few Swift files under \(sources.path)")
        XCTAssertEqual(findings, [], "non-raw or raising Lua calls from Swift (use clua_raw*/lk_p* helpers):\n" + findings.joined(separator: "\n"))
    }
}
