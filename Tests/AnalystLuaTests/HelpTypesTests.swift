import AnalystLua
import Foundation
import LuaKit
import XCTest

/// help() covers every type, field and method of the registry, and the List methods documented
/// beside the Lua prelude run as their examples say.
final class HelpTypesTests: XCTestCase {
    func help(_ lua: LuaState, _ what: String) throws -> String {
        try lua.run("out = {} io.write = function(s) out[#out + 1] = s end")
        try lua.run("help(...)", args: [.str(what)])
        return try lua.run("return table.concat(out)")[0].stringValue ?? ""
    }

    func testHelpForEveryTypeFieldAndMethod() throws {
        let (lua, session) = try makeLua()
        let r = AnalystAPI(session: session).registry
        let names = r.allTypes.map(\.name)
        for expected in ["Event", "Place", "Actor", "Article", "EventList", "List", "Leg", "ControlChange"] {
            XCTAssertTrue(names.contains(expected), expected)
        }
        for t in r.allTypes {
            let text = try help(lua, t.name)
            XCTAssertTrue(text.hasPrefix("\(t.name): \(t.summary)"), text)
            for f in t.fields {
                XCTAssertTrue(text.contains("  \(f.name) "), "\(t.name).\(f.name)")
                XCTAssertEqual(try help(lua, "\(t.name).\(f.name)"), "\(t.name).\(f.name): \(f.type)\n  \(f.doc)\n")
            }
            for m in r.methods(of: t.name) {
                XCTAssertTrue(text.contains("  \(m.shortName)("), "\(m.name)")
                XCTAssertTrue(try help(lua, m.name).contains(m.summary), m.name)
            }
        }
        XCTAssertTrue(try help(lua, "event").hasPrefix("Event: "))                // any case
        XCTAssertTrue(try help(lua, "EventList.count_by").hasPrefix("EventList:count_by("))
        XCTAssertTrue(try help(lua, "atomic.open").hasPrefix("atomic.open(path) -> AtomicFile"))
        try lua.run("out = {} help()")
        XCTAssertTrue(try lua.run("return table.concat(out)")[0].stringValue?.contains("Types (help(\"Event\")") ?? false)
    }

    func testHelpOfAValueShowsItsType() throws {
        let (lua, _) = try makeLua()
        try lua.run("out = {} io.write = function(s) out[#out + 1] = s end")
        try lua.run("help(events{}[1]) help(events{}) help(advance{'Aleppo', 'Hama'})")
        let text = try lua.run("return table.concat(out)")[0].stringValue ?? ""
        XCTAssertTrue(text.hasPrefix("Event: "), text)
        XCTAssertTrue(text.contains("EventList: A list of events"), text)
        XCTAssertTrue(text.contains("List: A plain Lua array"), text)
        XCTAssertThrowsError(try lua.run("help('NoSuchThing')")) { error in
            XCTAssertTrue("\(error)".contains("no help for 'NoSuchThing'"), "\(error)")
        }
    }

    func testDescribedListMethodsExist() throws {
        let (lua, session) = try makeLua()
        let r = AnalystAPI(session: session).registry
        for e in r.described where e.owner == "List" {
            XCTAssertEqual(try lua.run("return type(List[...])", args: [.str(e.shortName)])[0].stringValue, "function", e.name)
            XCTAssertNoThrow(try lua.run("local print = function() end\n" + e.example, chunkName: "=example of \(e.name)"), e.name)
        }
    }
}
