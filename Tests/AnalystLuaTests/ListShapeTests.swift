import AnalystCore
import AnalystLua
import LuaKit
import XCTest

/// One-line answers: events{} in date order, `:select`, `:count_by`, multi-key `:sort`. Checked
/// against the same answer computed with plain loops, so the tests hold as the extractor improves.
final class ListShapeTests: XCTestCase {
    var lua: LuaState!

    override func setUpWithError() throws { lua = try makeLua().0 }

    func testEventsComeInDateOrderUndatedLast() throws {
        for view in ["true", "false"] {
            XCTAssertEqual(try lua.run("""
                local l = events{consolidated = \(view)}
                local function day(e) return e.date or e.date_min end
                local seen_undated = false
                for i = 2, #l do
                  local a, b = day(l[i - 1]), day(l[i])
                  if a == nil then seen_undated = true end
                  if seen_undated then assert(b == nil, 'a dated event after an undated one') end
                  if a and b then assert(a <= b, a .. ' before ' .. b) end
                end
                return #l > 1
                """), [true])
        }
    }

    func testCountByMatchesALoopAndPutsTheLargestFirst() throws {
        XCTAssertEqual(try lua.run("""
            local counts = {}
            for _, e in ipairs(events{}) do local k = e.type .. '/' .. e.modality counts[k] = (counts[k] or 0) + 1 end
            local rows = events{}:count_by("type", "modality")
            local total = 0
            for i, r in ipairs(rows) do
              assert(counts[r.type .. '/' .. r.modality] == r.count)
              if i > 1 then assert(rows[i - 1].count >= r.count) end
              total = total + r.count
            end
            local fields = getmetatable(rows).__fields
            return total == #events{}, table.concat(fields, ',')
            """), [true, "type,modality,count"])
    }

    func testSelectKeepsTheFieldsInTheOrderGiven() throws {
        XCTAssertEqual(try lua.run("""
            local caps = events{type = 'capture'}
            local rows = caps:select('place_name', 'date', 'modality')
            for i, r in ipairs(rows) do
              assert(r.place_name == caps[i].place_name and r.date == caps[i].date and r.modality == caps[i].modality)
              assert(r.id == nil)
            end
            return #rows == #caps, table.concat(getmetatable(rows).__fields, ',')
            """), [true, "place_name,date,modality"])
        XCTAssertThrowsError(try lua.run("events{}:select('date', 'nope')")) { error in
            XCTAssertTrue("\(error)".contains("Event has no field 'nope'"), "\(error)")
        }
    }

    func testSortBySeveralKeys() throws {
        XCTAssertEqual(try lua.run("""
            local l = events{}:sort('type', '-confidence')
            for i = 2, #l do
              local a, b = l[i - 1], l[i]
              if a.type == b.type then assert(a.confidence >= b.confidence) end
            end
            return #l == #events{}
            """), [true])
    }

    /// Methods come from the metatable's `methods` table, made once: two lookups give the same
    /// function (no closure is allocated per call).
    func testMethodLookupsReturnTheSameFunction() throws {
        XCTAssertEqual(try lua.run("""
            local a, b = events{}, events{type = 'capture'}
            local e = a[1]
            return rawequal(a.filter, b.filter), rawequal(a.count_by, a.count_by), a.nope == nil
            """), [true, true, true])
    }
}
