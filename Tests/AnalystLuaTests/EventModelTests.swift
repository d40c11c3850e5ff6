import AnalystCore
import AnalystLua
import Foundation
import LuaKit
import XCTest

/// One event model: every field read in Lua agrees with the CSV export of the same rows, for
/// consolidated events, for mentions (many per place) and for imported rows, which are events and
/// their own mentions in every view.
final class EventModelTests: XCTestCase {
    /// Twelve short articles of our own, each reporting events at the same few towns, so the
    /// mentions store holds many mentions per place and its place rows differ from the events store's.
    static func corpusWithManyMentionsPerPlace() throws -> String {
        let dir = try temporaryDirectory()
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let towns = ["Hama", "Homs", "Aleppo", "Idlib", "Saraqib", "Maarat al-Numan"]
        for i in 0..<12 {
            let a = towns[i % towns.count], b = towns[(i + 1) % towns.count], c = towns[(i + 3) % towns.count]
            let day = 1 + i % 7
            let text = """
            ---
            id: test-\(i)
            outlet: Test Wire \(i % 3)
            language: en
            published: 2024-12-0\(day)
            ---
            Rebels captured \(a) on \(day) December 2024, residents said.
            Government forces shelled \(b) the same day, killing 3 people.
            Fighters entered \(c) on Tuesday according to the Syrian Observatory for Human Rights.
            Russian warplanes struck \(b) overnight.

            """
            try text.write(to: articles.appendingPathComponent(String(format: "%02d.md", i)), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    /// Lua that compares every exported column of `list` with the fields of the same events.
    static let compare = #"""
    function check(list, label)
      local path = os.tmpname()
      list:to_csv(path)
      local rows = csv.read(path)
      assert(#rows == #list, label .. ": " .. #rows .. " rows exported for " .. #list)
      local function s(v) if v == nil then return "" end return tostring(v) end
      local function num(a, b, what, i)
        if a == "" and b == nil then return end
        assert(math.abs(tonumber(a) - b) < 1e-9, label .. " row " .. i .. " " .. what .. ": csv " .. a .. " lua " .. tostring(b))
      end
      for i, row in ipairs(rows) do
        local e = list[i]
        local function eq(col, v)
          assert(row[col] == s(v), label .. " row " .. i .. " " .. col .. ": csv '" .. row[col] .. "' lua '" .. s(v) .. "'")
        end
        eq("id", e.id) eq("type", e.type) eq("date", e.date) eq("date_min", e.date_min) eq("date_max", e.date_max)
        eq("time_precision", e.time_precision) eq("geo_precision", e.geo_precision)
        eq("place", e.place and e.place.name) eq("place_id", e.place and e.place.id)
        eq("place", e.place_name) eq("place_id", e.place_id)
        eq("admin1", e.place and e.place.admin1) eq("country", e.place and e.place.country)
        eq("admin1", e.admin1) eq("country", e.country)
        num(row.latitude, e.place and e.place.lat, "latitude", i) num(row.longitude, e.place and e.place.lon, "longitude", i)
        num(row.latitude, e.latitude, "latitude", i) num(row.longitude, e.longitude, "longitude", i)
        eq("actor", e.actor_name) eq("actor2", e.actor2_name)
        eq("fatalities", e.fatalities) eq("count", e.count) eq("modality", e.modality)
        num(row.confidence, e.confidence, "confidence", i)
        eq("corroboration", e.corroboration) eq("article", e.article) eq("language", e.language)
        eq("evidence", e.evidence)
        local names = {}
        for k, src in ipairs(e.sources) do names[k] = src.name end
        eq("sources", table.concat(names, ";"))
      end
      return #rows
    end
    """#

    func testEveryFieldOfMentionsAndEventsAgreesWithTheCSVExport() throws {
        let (lua, session) = try makeLua(corpus: try Self.corpusWithManyMentionsPerPlace())
        try lua.run(Self.compare)
        let out = try lua.run("""
            local m = events{consolidated = false}
            local perPlace = {}
            for e in m:iter() do if e.place then perPlace[e.place.name] = (perPlace[e.place.name] or 0) + 1 end end
            local most = 0
            for _, n in pairs(perPlace) do most = math.max(most, n) end
            return check(m, "mentions"), check(events{}, "events"), most
            """)
        guard case .integer(let mentions) = out[0], case .integer(let events) = out[1], case .integer(let most) = out[2] else {
            return XCTFail("\(out)")
        }
        XCTAssertGreaterThanOrEqual(mentions, 30, "the corpus should give many mentions")
        XCTAssertGreaterThanOrEqual(most, 5, "many mentions per place")
        XCTAssertGreaterThan(mentions, events)
        // The two stores intern places in different orders: the bug read the other store's place.
        XCTAssertNotEqual(session.mentions.places.map(\.id), session.events.places.map(\.id))
    }

    func testImportedRowsAreEventsAndTheirOwnMentionsInEveryView() throws {
        let (lua, _) = try makeLua(corpus: try Self.corpusWithManyMentionsPerPlace())
        let path = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "model.csv")
        try lua.run(Self.compare)
        let out = try lua.run("""
            local before = #events{consolidated = false}
            local r = corpus.import(\(luaString(path)))
            local m = events{consolidated = false}
            local imported = m:filter(function(e) return e.file ~= nil end)
            local e = imported[1]
            local own = e.mentions
            return r.imported, #m - before, #imported, #own, own[1].id == e.id, check(imported, "imported mentions"),
                   check(events{}:filter(function(e) return e.file ~= nil end), "imported events"),
                   #events{consolidated = false, event_type = "Protests"}
            """)
        XCTAssertEqual(out[0], .integer(Int64(RealDataFixtures.acledCurrentRows)))
        XCTAssertEqual(out[1], out[0], "every imported row is in the mentions view")
        XCTAssertEqual(out[2], out[0])
        XCTAssertEqual(out[3], .integer(1), "an imported row is its own single mention")
        XCTAssertEqual(out[4], .boolean(true))
        XCTAssertEqual(out[5], out[0])
        XCTAssertEqual(out[6], out[0])
        XCTAssertEqual(out[7], .integer(1))
        // Every list method takes a mentions view with imported rows in it.
        let dir = try temporaryDirectory().path
        let more = try lua.run("""
            local m = events{consolidated = false}
            local g = 0 for _ in pairs(m:group("place")) do g = g + 1 end
            local sorted = m:sort("date")
            plot.timeline(m, \(luaString(dir + "/t.svg")), {png = false})
            plot.map(m, \(luaString(dir + "/m.svg")), {png = false})
            return g > 0, #sorted == #m, m:sum("fatalities") >= 12, m:to_geojson(\(luaString(dir + "/m.geojson"))) > 0,
                   #m:filter{event_type = "Battles"}, #m:head(3), #m:filter(function(t) return t == "other" end, {"type"})
            """)
        XCTAssertEqual(Array(more[0..<4]), [.boolean(true), .boolean(true), .boolean(true), .boolean(true)])
        XCTAssertEqual(more[4], .integer(3))   // three Battles rows
        XCTAssertEqual(more[5], .integer(3))
        XCTAssertEqual(more[6], .integer(4))   // protest, riot, agreement, looting
    }

    func testSourcesHaveOneShapeForTextAndData() throws {
        let (lua, _) = try makeLua(corpus: try Self.corpusWithManyMentionsPerPlace())
        let path = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "sources.csv")
        let out = try lua.run("""
            corpus.import(\(luaString(path)))
            local text = events{}:filter(function(e) return e.file == nil end)[1].sources[1]
            local data = events{}:filter(function(e) return e.file ~= nil end)[1].sources
            return type(text.name), text.id == text.name, text.article.id == text.id, text.file,
                   type(data[1].name), data[1].file ~= nil, math.type(data[1].line), data[1].article, data[2].name
            """)
        XCTAssertEqual(out[0], .str("string"))
        XCTAssertEqual(out[1], .boolean(true))
        XCTAssertEqual(out[2], .boolean(true))
        XCTAssertEqual(out[3], .nil)
        XCTAssertEqual(out[4], .str("string"))
        XCTAssertEqual(out[5], .boolean(true))
        XCTAssertEqual(out[6], .str("integer"))
        XCTAssertEqual(out[7], .nil)
        XCTAssertEqual(out[8], .str("Enab Baladi"))
    }
}

func luaString(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// `list:filter(fn, fields)`: the column-value path agrees with the object path and fails cleanly.
final class FieldFilterTests: XCTestCase {
    func testColumnValuesAgreeWithEventObjects() throws {
        let (lua, _) = try makeLua(corpus: try EventModelTests.corpusWithManyMentionsPerPlace())
        let path = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "fields.csv")
        let out = try lua.run("""
            corpus.import(\(luaString(path)))
            local same = true
            for _, view in ipairs{events{}, events{consolidated = false}} do
              local a = view:filter(function(e) return e.type ~= "capture" and (e.date or "") >= "2024-12-01" and e.modality == "asserted" end)
              local b = view:filter(function(t, d, m) return t ~= "capture" and (d or "") >= "2024-12-01" and m == "asserted" end,
                                    {"type", "date", "modality"})
              if #a ~= #b then same = false end
              for i = 1, #a do if a[i].id ~= b[i].id then same = false end end
            end
            return same, #events{}:filter(function(f, c) return math.type(c) == "integer" and (f == nil or math.type(f) == "integer") end,
                                        {"fatalities", "corroboration"}) == #events{}
            """)
        XCTAssertEqual(out, [.boolean(true), .boolean(true)])
    }

    func testBadFieldListsAndCallbacksAreLuaErrors() throws {
        let (lua, _) = try makeLua()
        assertLuaError(lua, "events{}:filter(function() end, {'place'})", contains: "no fast field 'place'")
        assertLuaError(lua, "events{}:filter(function() end, {})", contains: "a list of 1 to 16 field names expected")
        assertLuaError(lua, "events{}:filter(function() end, 5)", contains: "table expected")
        assertLuaError(lua, "events{}:filter(function(t) error('boom') end, {'type'})", contains: "t.lua:1: boom")
        assertLuaError(lua, "events{}:filter(function(t) corpus.reload() return true end, {'type'})",
                       contains: "from before corpus.reload()")
    }
}
