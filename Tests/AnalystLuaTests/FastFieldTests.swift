import AnalystLua
import LuaKit
import XCTest

/// The C __index (CEventIndex) serves the hot event fields from the columns; these tests hold it
/// to what the Swift side says (the CSV export reads the same columns through Swift).
final class FastFieldTests: XCTestCase {
    func testFastFieldsAgreeWithTheSwiftExport() throws {
        let (lua, _) = try makeLua()
        let dir = try temporaryDirectory()
        let n = try lua.run("""
        local p = ...
        local list = events{consolidated = false}
        list:to_csv(p)
        local rows = csv.read(p)
        assert(#rows == #list)
        local function s(v) if v == nil then return "" end return tostring(v) end
        for i, e in ipairs(list) do
          local r = rows[i]
          for _, k in ipairs{"type", "date", "date_min", "date_max", "time_precision", "geo_precision",
                              "fatalities", "count", "modality", "corroboration"} do
            assert(s(e[k]) == r[k], k .. " of " .. e.id .. ": " .. s(e[k]) .. " vs " .. r[k])
          end
          assert(math.abs(e.confidence - tonumber(r.confidence)) < 1e-9)
        end
        return #list
        """, args: [.str(dir.appendingPathComponent("m.csv").path)])
        XCTAssertGreaterThan(n.first.flatMap { if case .integer(let i) = $0 { return Int(i) } else { return nil } } ?? 0, 10)
    }

    func testForeignAndTamperedUseIsAnErrorNotACrash() throws {
        let (lua, _) = try makeLua()
        let index = "local idx = getmetatable(events{}[1]).__index "
        assertLuaError(lua, index + "return idx(io.stdout, 'type')", contains: "Event expected")
        assertLuaError(lua, index + "return idx(5, 'type')", contains: "Event expected")
        // Upvalues replaced through the debug library: the C side notices and hands over to Swift.
        XCTAssertNoThrow(try lua.run(index + "for i = 2, 7 do debug.setupvalue(idx, i, {}) end local e = events{}[1] return e.type, e.date"))
        XCTAssertNoThrow(try lua.run(index + "debug.setupvalue(idx, 6, io.stdout) return events{}[1].type"))
        XCTAssertThrowsError(try lua.run(index + "debug.setupvalue(idx, 1, 42) return events{}[1].type"))
    }

    func testFilterLoopStopsOnReloadAndPropagatesErrors() throws {
        let (lua, _) = try makeLua()
        assertLuaError(lua, "events{}:filter(function(e) corpus.reload() return true end)", contains: "before corpus.reload()")
        assertLuaError(lua, "events{}:filter(function(e) error('in the loop') end)", contains: "t.lua:1: in the loop")
        XCTAssertEqual(try lua.run("return #events{}:filter(function(e) return e.type == 'capture' end) == #events{type = 'capture'}"), [true])
    }
}
