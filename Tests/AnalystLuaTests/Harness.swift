import AnalystCore
import AnalystLua
import Foundation
import LuaKit
import XCTest

/// A Lua state with the analyst API on the bundled corpus.
func makeLua(corpus: String? = nil) throws -> (LuaState, Session) {
    let lua = try LuaState()
    let session = Session(corpusDirectory: corpus)
    try AnalystAPI(session: session).install(into: lua)
    return (lua, session)
}

func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyst-lua-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

func assertLuaError(_ lua: LuaState, _ code: String, contains text: String,
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try lua.run(code, chunkName: "@t.lua"), file: file, line: line) { e in
        let m = (e as? LuaError)?.message ?? "\(e)"
        XCTAssertTrue(m.contains(text), "“\(m)” does not contain “\(text)”", file: file, line: line)
    }
}
