import AnalystCore
import AnalystLua
import Foundation
import LuaKit
import XCTest

/// `control()`, `held_by()` and the advance legs built on them, on the bundled corpus. Nothing here
/// names a date or a taker: the checks are relations that must hold on any corpus.
final class ControlTests: XCTestCase {
    var lua: LuaState!
    var dir: URL!
    override func setUpWithError() throws {
        lua = try makeLua().0
        dir = try temporaryDirectory()
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testChangesHaveTheDocumentedShapeAndHoldTheirBestDay() throws {
        try lua.run("""
        local all = control()
        assert(#all > 0, 'the corpus has changes of control')
        local prev = ''
        for _, c in ipairs(all) do
          assert(c.earliest <= c.best and c.best <= c.latest, c.place)
          assert(c.best >= prev, 'control() lists changes in time order') prev = c.best
          assert(c.strength >= 0 and c.strength <= 1 and c.sources >= 1 and c.evidence ~= '' and c.articles ~= '')
          assert(c.modality == 'asserted', 'claims are off by default')
          assert(#c.items > 0 and c.latitude and c.longitude)
          for _, it in ipairs(c.items) do
            assert(({agrees = true, conflicts = true, denial = true})[it.role], it.role)
            assert(it.event.id == it.id)
          end
          for _, d in ipairs(control(c.place)) do assert(d.place == c.place) end
        end
        assert(#control(nil, {claims = true}) >= #all)
        """)
        let fields = try lua.run("return table.concat(getmetatable(control()).__fields, ',')")[0].stringValue
        XCTAssertEqual(fields, "place,from,to,from_side,to_side,earliest,latest,best,days,strength,sources,modality,conflicts,evidence,articles,note,latitude,longitude")
        assertLuaError(lua, "control('Atlantis')", contains: "no place named 'Atlantis'")
        assertLuaError(lua, "control(42)", contains: "bad argument #1 to 'control'")
        assertLuaError(lua, "control({lat = 35, lon = 36})", contains: "a place of the gazetteer expected")
        assertLuaError(lua, "control('Hama', 'claims')", contains: "bad argument #2 to 'control'")
        assertLuaError(lua, "held_by('Hama')", contains: "bad argument #2 to 'held_by'")
        assertLuaError(lua, "held_by('Hama', '2024-02-30')", contains: "not a day (YYYY-MM-DD)")
        assertLuaError(lua, "control('Hama', {claim = true})", contains: "unknown option 'claim'")
    }

    func testHeldByFollowsTheTimeline() throws {
        try lua.run("""
        local function shift(iso, n)
          local y, m, d = iso:match('^(%d+)-(%d+)-(%d+)$')
          return os.date('!%Y-%m-%d', os.time{year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12} + n * 86400)
        end
        for _, c in ipairs(control()) do
          local after, sure, ch = held_by(c.place, c.latest)
          local changes = control(c.place)
          if changes[#changes].best == c.best then   -- the last change at that place
            assert(after == (c.to_side or c.to), c.place)
            assert(sure == true and ch.best == c.best)
            local _, later = held_by(c.place, shift(c.latest, 400))
            assert(later == true)
          end
          if c.earliest < c.latest then
            local _, inside = held_by(c.place, c.earliest)
            assert(inside == false, 'a day inside the interval is not certain')
          end
        end
        """)
        XCTAssertEqual(try lua.run("return held_by('Tartus', '2024-01-01')")[0], .nil)
        assertLuaError(lua, "held_by('Hama', '5 December')", contains: "not a day (YYYY-MM-DD)")
    }

    func testControlExportsToCSVAndGeoJSON() throws {
        let csv = dir.appendingPathComponent("control.csv").path, geo = dir.appendingPathComponent("control.geojson").path
        let n = try lua.run("return csv.write(..., control())", args: [.str(csv)])[0]
        try lua.run("geojson.write(..., control())", args: [.str(geo)])
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("place,from,to,from_side,to_side,earliest,latest,best,days,strength"))
        XCTAssertEqual(.integer(Int64(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1)), n)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: geo))) as! [String: Any]
        let features = json["features"] as! [[String: Any]]
        XCTAssertEqual(.integer(Int64(features.count)), n)
        XCTAssertEqual((features[0]["geometry"] as! [String: Any])["type"] as? String, "Point")
    }

    func testAnImportedPreciseRowCorrectsATextWindow() throws {
        // Take a change the text dates only to a window, and import a dataset row that codes one
        // day inside it (time precision 1): the change narrows to that day.
        let found = try lua.run("""
        for _, c in ipairs(control()) do
          if c.days > 1 then
            local p = place(c.place)
            return c.place, c.latest, p.lat, p.lon, p.admin1 or '', c.earliest
          end
        end
        """)
        guard found.count == 6, let name = found[0].stringValue, let day = found[1].stringValue else {
            throw XCTSkip("no change dated only to a window in this corpus")
        }
        let lat = found[2], lon = found[3]
        func number(_ v: LuaValue) -> String { if case .number(let d) = v { return String(d) }; if case .integer(let i) = v { return String(i) }; return "0" }
        let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
        let row = "TST1,\(day),\(day.prefix(4)),1,Political violence,Battles,Non-state actor overtakes territory,Unidentified Armed Group,NA,Rebel group,NA,NA,NA,20,NA,760,Middle East,Syria,\(found[4].stringValue ?? ""),NA,NA,\(name),\(number(lat)),\(number(lon)),1,Test Monitor; Other Monitor,National,test row,0,NA,1700000000"
        let file = dir.appendingPathComponent("acled.csv")
        try (header + "\n" + row + "\n").write(to: file, atomically: true, encoding: .utf8)
        try lua.run("corpus.import(...)", args: [.str(file.path)])
        let after = try lua.run("local c = control(...) for _, x in ipairs(c) do if x.evidence:find('TST1') then return x.earliest, x.latest, x.best, x.conflicts end end", args: [.str(name)])
        XCTAssertEqual(after.count, 4, "the imported row joined the change")
        XCTAssertEqual(after[0].stringValue, day)
        XCTAssertEqual(after[1].stringValue, day)
        XCTAssertEqual(after[2].stringValue, day)
    }

    func testLegsRestOnTheTimelineAndSayWhatTheyRestOn() throws {
        try lua.run("""
        for _, claims in ipairs{false, true} do
          local legs = advance({'Idlib', 'Aleppo', 'Hama', 'Homs', 'Damascus'}, {claims = claims})
          assert(legs[#legs].total == true and legs[1].total == false)
          local last = ''
          for i = 1, #legs - 1 do
            local l = legs[i]
            if l.start then assert(l.start >= last, 'route in order') last = l.start end
            if l.finish then
              assert(l.finish >= l.start, 'never finish before start')
              assert(l.days_min <= l.days and l.days <= l.days_max, 'the range holds the best value')
              assert(l.finish_earliest <= l.finish_latest)
              assert(l.finish_evidence ~= '' and l.finish_articles ~= '' and l.start_evidence ~= '')
              -- The finish is the change of control at the destination, as control() has it.
              local found = false
              for _, c in ipairs(control(l.to, {claims = claims})) do
                if c.earliest == l.finish_earliest and c.latest == l.finish_latest then found = true end
              end
              assert(found, l.to)
              last = l.finish
            end
          end
        end
        -- The inferred route visits the places in the order their changes of control are dated.
        local route = advance{actor = 'HTS'}
        local prev = ''
        for i = 1, #route - 1 do
          if route[i].finish then assert(route[i].finish >= prev) prev = route[i].finish end
        end
        """)
    }
}
