import AnalystCore
import AnalystImport
import AnalystLua
import Foundation
import LuaKit
import XCTest

final class AdvanceTests: XCTestCase {
    var lua: LuaState!
    override func setUpWithError() throws { lua = try makeLua().0 }

    func testLegsHaveTheDocumentedShape() throws {
        try lua.run("legs = advance{'Idlib', 'Aleppo', 'Hama', 'Homs', 'Damascus'}")
        XCTAssertEqual(try lua.run("return #legs, legs[1].from, legs[1].to, legs[4].to, legs[5].total, legs[5].from, legs[5].to"),
                       [5, "Idlib", "Aleppo", "Damascus", true, "Idlib", "Damascus"])
        try lua.run("""
        local sum = 0
        for i = 1, 4 do
          local l = legs[i]
          assert(math.abs(l.km - geo.distance(l.from, l.to)) < 0.06, l.from)
          sum = sum + l.km
          if l.days then
            assert(l.days_min <= l.days and l.days <= l.days_max)
            if l.km_per_day_max then assert(l.km_per_day_min <= l.km_per_day_max) end
            if l.days_min == 0 then assert(l.km_per_day_max == nil and l.note:find('no upper bound')) end
            assert(l.start_event and l.finish_event and #l.sources > 0)
          else
            assert(l.note ~= '', 'a leg without dates says which event is missing')
          end
        end
        assert(math.abs(legs[5].km - sum) < 0.3)
        """)
        let fields = try lua.run("return table.concat(getmetatable(legs).__fields, ',')")[0].stringValue
        XCTAssertEqual(fields, "from,to,km,start,finish,start_earliest,start_latest,finish_earliest,finish_latest,days,days_min,days_max,km_per_day,km_per_day_min,km_per_day_max,start_evidence,start_articles,finish_evidence,finish_articles,sources,total,note")
    }

    func testMissingEventsAreReportedNotInvented() throws {
        try lua.run("legs = advance({'Aleppo', 'Tartus'})")
        XCTAssertEqual(try lua.run("return legs[1].finish, legs[1].days")[0], .nil)
        XCTAssertTrue(try lua.run("return legs[1].note")[0].stringValue?.contains("no change of control at Tartus found") ?? false)
    }

    func testArrivalReachAndClaimsOptions() throws {
        try lua.run("""
        local a = advance({'Aleppo', 'Hama'})
        local r = advance({'Aleppo', 'Hama'}, {arrival = 'reach'})
        local c = advance{'Aleppo', 'Hama', claims = true}
        if a[1].finish and r[1].finish then assert(r[1].finish <= a[1].finish) end
        assert(#c == 2)
        """)
        assertLuaError(lua, "advance({'Aleppo', 'Hama'}, {arival = 'reach'})", contains: "unknown option 'arival'")
        assertLuaError(lua, "advance('Aleppo')", contains: "bad argument #1 to 'advance' (table expected, got string)")
        assertLuaError(lua, "advance{'Aleppo'}", contains: "a route needs at least two places")
        assertLuaError(lua, "advance{'Aleppo', 'Atlantis'}", contains: "no place named 'Atlantis'")
    }

    func testInferredRouteFromAnActorsCaptures() throws {
        let n = try lua.run("return #advance{actor = 'HTS'}")[0]
        guard case .integer(let legs) = n else { return XCTFail() }
        XCTAssertGreaterThanOrEqual(legs, 2)
        try lua.run("local l = advance{actor = 'HTS'} for i = 2, #l - 1 do assert(l[i].from == l[i-1].to) end")
    }
}

final class ExportTests: XCTestCase {
    var lua: LuaState!
    var dir: URL!
    override func setUpWithError() throws {
        lua = try makeLua().0
        dir = try temporaryDirectory()
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func testEventsCSVHasTheDocumentedColumnsAndRoundTrips() throws {
        let p = path("caps.csv")
        let n = try lua.run("return events{type = 'capture'}:to_csv(...)", args: [.str(p)])[0]
        let text = try String(contentsOfFile: p, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("id,type,date,date_min,date_max,time_precision,place,place_id,admin1,country,latitude,longitude,geo_precision,actor,actor2,fatalities,count,modality,confidence,corroboration,sources,article,language,evidence\r\n"))
        let records = try CSVRecords.parse(Array(text.utf8))
        XCTAssertEqual(.integer(Int64(records.count - 1)), n)
        XCTAssertTrue(records.allSatisfy { $0.fields.count == 24 })
        XCTAssertEqual(try lua.run("local r = csv.read(...) return #r, r[1].type, r[1].id == events{type = 'capture'}[1].id", args: [.str(p)]),
                       [n, "capture", true])
    }

    func testACLEDFormatAndColumnsOption() throws {
        let p = path("acled.csv")
        try lua.run("events{}:to_csv(..., {format = 'acled'})", args: [.str(p)])
        let header = try CSVRecords.parse(Array(String(contentsOfFile: p, encoding: .utf8).utf8))[0].fields
        XCTAssertEqual(header.count, 31)
        XCTAssertEqual(header.first, "event_id_cnty")
        XCTAssertEqual(header.last, "timestamp")
        try lua.run("events{}:to_csv(..., {columns = {'id', 'place'}})", args: [.str(path("two.csv"))])
        XCTAssertEqual(try CSVRecords.parse(Array(String(contentsOfFile: path("two.csv"), encoding: .utf8).utf8))[0].fields, ["id", "place"])
        assertLuaError(lua, "events{}:to_csv('x.csv', {columns = {'nope'}})", contains: "unknown column 'nope'")
        assertLuaError(lua, "events{}:to_csv('x.csv', {format = 'gdelt'})", contains: "unknown format 'gdelt'")
    }

    func testCSVQuotingExcelSafetyAndAtomicity() throws {
        let p = path("rows.csv")
        try lua.run("""
        csv.write(..., {{name = 'a, "quoted"', note = '=1+1', n = -3, ok = true},
                        {name = 'line\\nbreak', note = '@SUM', n = 2.5}}, {excel_safe = true})
        """, args: [.str(p)])
        let text = try String(contentsOfFile: p, encoding: .utf8)
        XCTAssertEqual(text, "n,name,note,ok\r\n-3,\"a, \"\"quoted\"\"\",'=1+1,true\r\n2.5,\"line\nbreak\",'@SUM,\r\n")
        // A failed write (directory missing) raises and leaves nothing behind; an existing file survives a failure.
        assertLuaError(lua, "csv.write('/nonexistent-dir/x.csv', {{a = 1}})", contains: "cannot create /nonexistent-dir/x.csv")
        try lua.run("csv.write(..., {{a = 1}})", args: [.str(p)])
        assertLuaError(lua, "csv.write('\(p)', {{a = 2}, 'not a row'})", contains: "row 2 is not a table")
        XCTAssertEqual(try String(contentsOfFile: p, encoding: .utf8), "a\r\n1\r\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }, [])
    }

    func testGeoJSONPointsAndLegs() throws {
        let p = path("events.geojson"), q = path("legs.geojson")
        try lua.run("events{}:to_geojson(...)", args: [.str(p)])
        try lua.run("advance{'Aleppo', 'Hama', 'Homs'}:to_geojson(...)", args: [.str(q)])
        for (file, kind) in [(p, "Point"), (q, "LineString")] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [String: Any]
            XCTAssertEqual(json["type"] as? String, "FeatureCollection")
            let features = json["features"] as! [[String: Any]]
            XCTAssertFalse(features.isEmpty)
            for f in features {
                let g = f["geometry"] as! [String: Any]
                XCTAssertEqual(g["type"] as? String, kind)
                let coords: [[Double]] = kind == "Point" ? [g["coordinates"] as! [Double]] : g["coordinates"] as! [[Double]]
                for c in coords { XCTAssertTrue((-180...180).contains(c[0]) && (-90...90).contains(c[1])) }
            }
            if kind == "Point" {
                // [lon, lat] in the order of the located events
                let expected = try lua.run("local t = {} for _, e in ipairs(events{}) do if e.latitude then t[#t+1] = {e.longitude, e.latitude} end end return t")[0]
                let got = features.map { ($0["geometry"] as! [String: Any])["coordinates"] as! [Double] }
                XCTAssertEqual(expected, .array(got.map { .array([.number($0[0]), .number($0[1])]) }))
            } else {
                let first = (features[0]["geometry"] as! [String: Any])["coordinates"] as! [[Double]]
                XCTAssertEqual(try lua.run("local p = place('Aleppo') return p.lon, p.lat"), [.number(first[0][0]), .number(first[0][1])])
            }
        }
    }
}
