import AnalystLua
import Foundation
import LuaKit
import XCTest

/// One registry, many faces: examples run, generated files are current, help covers everything.
final class RegistryTests: XCTestCase {
    func testEveryExampleRuns() throws {
        let (lua, session) = try makeLua()
        let api = AnalystAPI(session: session)
        for e in api.registry.entries {
            // io.write/print output of examples is not checked here, only that they run.
            XCTAssertNoThrow(try lua.run("local print, io = function() end, setmetatable({write = function() end}, {__index = io})\n" + e.example,
                                         chunkName: "=example of \(e.name)"), e.name)
        }
        XCTAssertGreaterThan(api.registry.entries.count, 25)
    }

    func testGeneratedFilesAreUpToDate() throws {
        let registry = AnalystAPI(session: Session(corpusDirectory: nil)).registry
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = [("docs/lua-api.md", APIDocs.markdown(registry)),
                     ("docs/analyst.d.lua", APIDocs.luaLS(registry)),
                     (".luacheckrc", APIDocs.luacheckrc(registry))]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            if ProcessInfo.processInfo.environment["UPDATE_DOCS"] == "1" {
                try text.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            let committed = try? String(contentsOf: url, encoding: .utf8)
            XCTAssertTrue(committed == text, "\(path) is out of date: run `make docs`")
        }
    }

    func testHelpCoversEveryFunction() throws {
        let (lua, session) = try makeLua()
        let api = AnalystAPI(session: session)
        try lua.run("out = {} io.write = function(s) out[#out + 1] = s end")
        for e in api.registry.entries {
            try lua.run("help(...)", args: [.str(e.name)])
            let text = try lua.run("return table.concat(out)")[0].stringValue ?? ""
            XCTAssertTrue(text.contains(e.summary), e.name)
            try lua.run("out = {}")
        }
        try lua.run("help(geo.distance)")
        XCTAssertTrue(try lua.run("return out[1]")[0].stringValue?.hasPrefix("geo.distance(a, b) -> number") ?? false)
        let md = APIDocs.markdown(api.registry)
        for e in api.registry.entries { XCTAssertTrue(md.contains(e.signature), e.name) }
    }
}
