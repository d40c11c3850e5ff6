import AnalystCore
import AnalystLua
import LuaKit
import XCTest

/// events{...} and event lists, on the bundled corpus. Counts are compared between equivalent
/// queries rather than fixed, so the tests hold as the extractor improves.
final class QueryTests: XCTestCase {
    var lua: LuaState!

    override func setUpWithError() throws { lua = try makeLua().0 }

    func int(_ code: String) throws -> Int64 {
        guard case .integer(let n) = try lua.run(code, chunkName: "@q.lua")[0] else { XCTFail("not an integer: \(code)"); return -1 }
        return n
    }

    func testTypeFilterAndListBehaveLikeArrays() throws {
        let caps = try int("return #events{type = 'capture'}")
        XCTAssertGreaterThan(caps, 0)
        XCTAssertEqual(try int("local n = 0 for _, e in ipairs(events{type = 'capture'}) do assert(e.type == 'capture') n = n + 1 end return n"), caps)
        XCTAssertEqual(try int("return events{type = 'capture'}:count()"), caps)
        XCTAssertEqual(try int("return #events{type = {'capture', 'reach'}}"),
                       try int("return #events{type = 'capture'} + #events{type = 'reach'}"))
        XCTAssertEqual(try lua.run("local l = events{type = 'capture'} return l[#l + 1] == nil, l[0] == nil"), [true, true])
        XCTAssertEqual(try int("local n = 0 for e in events{type = 'capture'}:iter() do n = n + 1 end return n"), caps)
    }

    func testDateFilterUsesIntervalOverlap() throws {
        try lua.run("""
        for _, e in ipairs(events{from = '2024-11-27', to = '2024-12-08'}) do
          assert(e.date_max >= '2024-11-27' and e.date_min <= '2024-12-08', e.id)
        end
        """)
        XCTAssertEqual(try int("return #events{from = '2024-11-27'} + #events{to = '2024-11-26'} - #events{from = '2024-11-27', to = '2024-11-26'}"),
                       try int("return #events{} - #events{}:filter(function(e) return e.date_min == nil end)"))
    }

    func testPlaceFilters() throws {
        let aleppo = try int("return #events{place = 'Aleppo'}")
        XCTAssertGreaterThan(aleppo, 0)
        XCTAssertEqual(try int("return #events{place = 'Alep'}"), aleppo)                      // any alias
        XCTAssertEqual(try int("return #events{place = place('حلب')}"), aleppo)                  // a Place
        XCTAssertGreaterThanOrEqual(try int("return #events{place = 'Aleppo', within_km = 100}"), aleppo)
        try lua.run("for _, e in ipairs(events{place = 'Aleppo', within_km = 100}) do assert(geo.distance(e.place, 'Aleppo') <= 100) end")
        XCTAssertEqual(try int("return #events{admin1 = 'Hama'}"),
                       try int("return #events{}:filter(function(e) return e.admin1 == 'Hama' end)"))
        XCTAssertEqual(try int("return #events{country = 'Syria'}"),
                       try int("return #events{}:filter(function(e) return e.country == 'Syria' end)"))
    }

    func testActorSideArticleLanguageModalityConfidence() throws {
        try lua.run("for _, e in ipairs(events{actor = 'HTS'}) do assert((e.actor and e.actor.id) == actor('HTS').id or (e.actor2 and e.actor2.id) == actor('HTS').id) end")
        try lua.run("for _, e in ipairs(events{side = 'opposition'}) do local a = e.actor if type(a) ~= 'string' and a.side ~= 'opposition' then a = e.actor2 end assert(a.side == 'opposition') end")
        let a = try lua.run("return corpus.articles[1].id")[0].stringValue!
        try lua.run("for _, e in ipairs(events{article = ...}) do local ok = false for _, s in ipairs(e.sources) do ok = ok or s.id == ... end assert(ok) end", args: [.str(a)])
        XCTAssertEqual(try int("return #events{language = 'vi', consolidated = false}"),
                       try int("return #events{consolidated = false}:filter(function(e) return e.language == 'vi' end)"))
        XCTAssertEqual(try int("return #events{modality = 'asserted'} + #events{modality = 'claimed'} + #events{modality = 'denied'}"),
                       try int("return #events{}"))
        try lua.run("for _, e in ipairs(events{min_confidence = 0.8}) do assert(e.confidence >= 0.8) end")
        XCTAssertGreaterThanOrEqual(try int("return #events{consolidated = false}"), try int("return #events{}"))
    }

    func testBadFiltersAreClearErrors() throws {
        assertLuaError(lua, "events{tpye = 'capture'}", contains: "bad argument #1 to 'events' (unknown option 'tpye' (valid: type, from, to,")
        assertLuaError(lua, "events{type = 'captured'}", contains: "unknown event type 'captured' (valid: offensive, reach, capture")
        assertLuaError(lua, "events{from = '27/11/2024'}", contains: "'from' must be an ISO date")
        assertLuaError(lua, "events{place = 'Alepoo'}", contains: "no place named 'Alepoo' (did you mean Aleppo")
        assertLuaError(lua, "events('capture')", contains: "bad argument #1 to 'events' (table expected, got string)")
        assertLuaError(lua, "events{within_km = 5}", contains: "'within_km' needs 'place'")
    }

    func testChainingMethods() throws {
        XCTAssertEqual(try int("return #events{}:filter{type = 'capture'}"), try int("return #events{type = 'capture'}"))
        XCTAssertEqual(try lua.run("""
            local l = events{}:sort('date')
            for i = 2, #l do if l[i].date and l[i-1].date then assert(l[i-1].date <= l[i].date) end end
            local d = events{}:sort('-confidence')
            for i = 2, #d do assert(d[i-1].confidence >= d[i].confidence) end
            local c = events{}:sort(function(a, b) return a.id < b.id end)
            for i = 2, #c do assert(c[i-1].id < c[i].id) end
            return true
            """), [true])
        XCTAssertEqual(try int("local g = events{}:group('type') local n = 0 for k, l in pairs(g) do for _, e in ipairs(l) do assert(e.type == k) end n = n + #l end return n"),
                       try int("return #events{}"))
        XCTAssertEqual(try int("return #events{}:head(2)"), min(2, try int("return #events{}")))
        XCTAssertEqual(try lua.run("return events{}:first() == events{}[1]"), [true])
        XCTAssertEqual(try int("local n = 0 events{}:each(function(e, i) n = n + i end) return n"),
                       try int("local n = #events{} return n * (n + 1) // 2"))
        XCTAssertEqual(try int("return #events{}:map(function(e) return e.id end)"), try int("return #events{}"))
        XCTAssertEqual(try int("return events{}:sum('fatalities')"),
                       try int("local s = 0 for _, e in ipairs(events{}) do s = s + (e.fatalities or 0) end return s"))
        assertLuaError(lua, "events{}:sort('colour')", contains: "cannot sort by 'colour'")
        assertLuaError(lua, "events{}:filter(42)", contains: "bad argument #1 to 'filter' (function or table expected, got number)")
    }

    func testCallbackErrorsPropagateWithTheScriptLine() throws {
        assertLuaError(lua, "events{}:filter(function(e) error('inside filter') end)", contains: "t.lua:1: inside filter")
        assertLuaError(lua, "events{}:map(function(e) return e.nope end)", contains: "Event has no field 'nope'")
        assertLuaError(lua, "local n = 0 events{}:sort(function(a, b) n = n + 1 if n > 3 then error('midway') end return a.id < b.id end)", contains: "midway")
        // an inconsistent comparator gives some order, never a crash
        XCTAssertNoThrow(try lua.run("events{}:sort(function(a, b) return true end)"))
    }

    func testEventObjectsAreReadOnlyRecords() throws {
        assertLuaError(lua, "events{}[1].type = 'x'", contains: "Event fields are read-only")
        assertLuaError(lua, "local l = events{} l[1] = 5", contains: "event lists are read-only")
        let fields = try lua.run("local t = {} for k, v in pairs(events{}[1]) do t[#t + 1] = k end return table.concat(t, ',')")[0].stringValue!
        XCTAssertTrue(fields.hasPrefix("id,type,date,date_min,date_max,time_precision,place"), fields)
        let e = try lua.run("local e = events{type = 'capture'}[1] return e.place.name, e.evidence ~= nil, e.rule ~= nil, #e.mentions >= 1, e.sources[1].article.language ~= nil")
        XCTAssertEqual(e.count, 5)
        XCTAssertEqual(Array(e[1...]), [true, true, true, true])
    }

    func testReloadInvalidatesOldObjects() throws {
        try lua.run("old = events{}[1] oldlist = events{}")
        try lua.run("corpus.reload()")
        assertLuaError(lua, "return old.type", contains: "before corpus.reload()")
        assertLuaError(lua, "return #oldlist", contains: "before corpus.reload()")
        XCTAssertNoThrow(try lua.run("return events{}[1].type"))
    }

    func testGarbageCollectionMidIteration() throws {
        XCTAssertNoThrow(try lua.run("for i, e in ipairs(events{}) do collectgarbage() assert(e.id) end"))
    }
}
