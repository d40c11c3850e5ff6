import AnalystLua
import Foundation
import LuaKit
import XCTest

/// plot.map and plot.timeline from Lua, on the bundled corpus.
final class LuaPlotTests: XCTestCase {
    func testMapOfLegsEventsAndBoth() throws {
        let (lua, _) = try makeLua()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try lua.run("""
            local d = ...
            local legs = advance{"Idlib", "Aleppo", "Hama"}
            local a = plot.map(legs, d .. "/legs.svg", {png = false})
            local b = plot.map(events{}, d .. "/events.svg", {png = false, title = "All events"})
            local c, png = plot.map({events = events{type = "capture"}, legs = legs}, d .. "/both.svg", {png = false})
            return a, b, c, png
            """, args: [.str(dir.path)])
        XCTAssertEqual(r.map(\.stringValue), [dir.path + "/legs.svg", dir.path + "/events.svg", dir.path + "/both.svg", nil])
        let legs = try String(contentsOfFile: dir.path + "/legs.svg", encoding: .utf8)
        XCTAssertTrue(legs.contains("56.1 km"))
        XCTAssertTrue(legs.contains("Idlib → Aleppo"))
        XCTAssertFalse(legs.contains("class=\"event "), "legs only: no event symbols")
        let both = try String(contentsOfFile: dir.path + "/both.svg", encoding: .utf8)
        XCTAssertTrue(both.contains("class=\"event capture\""))
        XCTAssertTrue(both.contains("analyst:name=\"Syria\""), "outlines from the bundled corpus")
        XCTAssertTrue(try String(contentsOfFile: dir.path + "/events.svg", encoding: .utf8).contains("<title>All events</title>"))
        // Atomic writes leave no temporary files behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["both.svg", "events.svg", "legs.svg"])
    }

    func testTimelineOptions() throws {
        let (lua, _) = try makeLua()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try lua.run("""
            local d = ...
            plot.timeline(events{}, d .. "/t.svg", {by = "type", color = "actor", from = "2024-11-20", to = "2024-12-10", png = false, max_rows = 3})
            """, args: [.str(dir.path)])
        let svg = try String(contentsOfFile: dir.path + "/t.svg", encoding: .utf8)
        XCTAssertEqual(svg.components(separatedBy: "class=\"row-label\"").count - 1, 3)
        XCTAssertTrue(svg.contains("more types"))
        XCTAssertTrue(svg.contains("outside 20 Nov – 10 Dec 2024 not shown"), "the 2015 events are outside the window")
        XCTAssertTrue(svg.contains("Hayat Tahrir al-Sham"), "coloured by actor: actors in the legend")
    }

    func testBadArguments() throws {
        let (lua, _) = try makeLua()
        assertLuaError(lua, #"plot.map(events{}, os.tmpname(), {colour = 1})"#, contains: "unknown option 'colour'")
        assertLuaError(lua, #"plot.timeline(events{}, os.tmpname(), {by = "day"})"#, contains: "by must be \"place\" or \"type\"")
        assertLuaError(lua, #"plot.timeline(events{}, os.tmpname(), {from = "Dec 5"})"#, contains: "from must be a date")
        assertLuaError(lua, #"plot.timeline({}, os.tmpname())"#, contains: "EventList expected")
        assertLuaError(lua, #"plot.map({{a = 1}}, os.tmpname())"#, contains: "not an advance leg")
        assertLuaError(lua, #"plot.map(events{}, "/no/such/dir/map.svg")"#, contains: "cannot create /no/such/dir/map.svg")
    }

    func testPNGNextToSVG() throws {
        guard ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/rsvg-convert") }) == true else {
            throw XCTSkip("rsvg-convert not installed (Debian: librsvg2-bin)")
        }
        let (lua, _) = try makeLua()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try lua.run("return plot.timeline(events{}, ... .. '/t.svg')", args: [.str(dir.path)])
        XCTAssertEqual(r.map(\.stringValue), [dir.path + "/t.svg", dir.path + "/t.png"])
        let png = try Data(contentsOf: dir.appendingPathComponent("t.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }
}
