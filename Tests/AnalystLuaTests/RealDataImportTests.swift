import AnalystCore
import AnalystLua
import Foundation
import LuaKit
import XCTest

/// Real ACLED and GDELT files: every row in, ACLED's and GDELT's own classification filterable,
/// places and actors linked to ours, claims surviving an ACLED export (docs/import.md).
final class RealDataImportTests: XCTestCase {
    func run(_ lua: LuaState, _ code: String) throws -> [LuaValue] { try lua.run(code, chunkName: "@t.lua") }

    func testBothACLEDLayoutsAndGDELTImportEveryRow() throws {
        let (lua, _) = try makeLua()
        let current = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "current.csv")
        let old = try RealDataFixtures.write(RealDataFixtures.acledOld, name: "old.csv")
        let gdelt = try RealDataFixtures.write(RealDataFixtures.gdelt, name: "20241202.export.CSV")
        let out = try run(lua, """
            local a, b, g = corpus.import(\(luaString(current))), corpus.import(\(luaString(old))), corpus.import(\(luaString(gdelt)))
            return a.rows, a.imported, a.skipped, b.rows, b.imported, g.rows, g.imported, a.format, b.format, g.format, a.warnings
            """)
        XCTAssertEqual(out[0], .integer(Int64(RealDataFixtures.acledCurrentRows)))
        XCTAssertEqual(out[1], .integer(Int64(RealDataFixtures.acledCurrentRows)))
        XCTAssertEqual(out[2], .integer(0))
        XCTAssertEqual(out[3], .integer(Int64(RealDataFixtures.acledOldRows)))
        XCTAssertEqual(out[4], .integer(Int64(RealDataFixtures.acledOldRows)))
        XCTAssertEqual(out[5], .integer(Int64(RealDataFixtures.gdeltRows)))
        XCTAssertEqual(out[6], .integer(Int64(RealDataFixtures.gdeltRows)))
        XCTAssertEqual(out[7], .str("acled (current)"))
        XCTAssertEqual(out[8], .str("acled (pre-2023)"))
        XCTAssertEqual(out[9], .str("gdelt 2.0 events"))
        XCTAssertEqual(out[10], .integer(1), "the row without an id is imported with a warning")
    }

    func testACLEDClassificationIsFilterableAndOurTypeIsMappedOrOther() throws {
        let (lua, _) = try makeLua()
        let current = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "classes.csv")
        let old = try RealDataFixtures.write(RealDataFixtures.acledOld, name: "classes-old.csv")
        let out = try run(lua, """
            corpus.import(\(luaString(current))) corpus.import(\(luaString(old)))
            local function n(f) local q = {} for k, v in pairs(f) do q[k] = v end return #events(q) end
            local protest = events{event_type = "Protests"}[1]
            return n{event_type = "Protests"}, n{event_type = {"protests", "Riots"}}, n{sub_event_type = "Armed clash"},
                   n{disorder_type = "Demonstrations"}, n{inter1 = "Rebel group"}, n{inter1 = 2}, n{inter2 = "State forces"},
                   n{type = "other"}, protest.type, protest.event_type, protest.sub_event_type,
                   events{event_type = "Battles", sub_event_type = "Non-state actor overtakes territory"}[1].type
            """)
        XCTAssertEqual(out[0], .integer(2))    // one per layout
        XCTAssertEqual(out[1], .integer(4))
        XCTAssertEqual(out[2], .integer(2))
        XCTAssertEqual(out[3], .integer(2))    // current layout only has disorder_type
        XCTAssertEqual(out[4], .integer(3))    // text and numeric inter codes compare equal
        XCTAssertEqual(out[5], .integer(3))
        XCTAssertEqual(out[6], .integer(2))
        XCTAssertEqual(out[7], .integer(6))    // protest, riot, agreement, looting (current); protest, riot (old)
        XCTAssertEqual(out[8], .str("other"))
        XCTAssertEqual(out[9], .str("Protests"))
        XCTAssertEqual(out[10], .str("Peaceful protest"))
        XCTAssertEqual(out[11], .str("capture"))
    }

    func testGDELTCodesKeepLeadingZerosAndNonConflictRowsAreOther() throws {
        let (lua, _) = try makeLua()
        let gdelt = try RealDataFixtures.write(RealDataFixtures.gdelt, name: "codes.export.CSV")
        let out = try run(lua, """
            corpus.import(\(luaString(gdelt)))
            local visit = events{event_code = "042"}[1]
            return visit.type, visit.event_root_code, visit.extra.action_geo_country, events{event_code = "1951"}[1].type,
                   events{event_code = "190"}[1].place.name, #events{event_root_code = "19"}
            """)
        XCTAssertEqual(out[0], .str("other"))
        XCTAssertEqual(out[1], .str("04"))
        XCTAssertEqual(out[2], .str("TU"), "FIPS codes are kept as GDELT writes them")
        XCTAssertEqual(out[3], .str("airstrike"))
        XCTAssertEqual(out[4], .str("Saraqib"))
        XCTAssertEqual(out[5], .integer(2))
    }

    func testRowWithoutIDGetsAStableGeneratedIDAndStrictRefusesIt() throws {
        let path = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "noid.csv")
        var ids: [LuaValue] = []
        for _ in 0..<2 {
            let (lua, _) = try makeLua()
            ids.append(try run(lua, """
                local r = corpus.import(\(luaString(path)))
                assert(r.warnings == 1 and r.warning_list[1].line == 8, r.warning_list[1] and r.warning_list[1].line)
                return events{sub_event_type = "Looting/property destruction"}[1].id
                """)[0])
        }
        XCTAssertEqual(ids[0], ids[1])
        XCTAssertTrue(ids[0].stringValue?.hasPrefix("ACLED-") ?? false, "\(ids[0])")
        let (lua, _) = try makeLua()
        assertLuaError(lua, "corpus.import(\(luaString(path)), {strict = true})", contains: "noid.csv:8: empty event_id_cnty")
    }

    func testPlacesLinkByCoordinatesAndImportedNamesFindThem() throws {
        let (lua, _) = try makeLua()
        let current = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "places.csv")
        let out = try run(lua, """
            local r = corpus.import(\(luaString(current)))
            local function n(p) return #events{place = p, event_type = {"Battles", "Protests", "Riots", "Strategic developments", "Explosions/Remote violence"}} end
            return n("Saraqib"), n("Saraqab"), n("Al Atarib"), n("Atareb"), events{place = "Saraqab"}[1].place.name,
                   r.places_linked, r.places_ad_hoc, n("Kafr Takharim Village")
            """)
        XCTAssertEqual(out[0], .integer(1))
        XCTAssertEqual(out[1], .integer(1))
        XCTAssertEqual(out[2], .integer(1))
        XCTAssertEqual(out[3], .integer(1))
        XCTAssertEqual(out[4], .str("Saraqib"))
        guard case .integer(let linked) = out[5], case .integer(let unlinked) = out[6] else { return XCTFail("\(out)") }
        XCTAssertEqual(linked + unlinked, 8, "every distinct place of the file is counted")
        XCTAssertGreaterThanOrEqual(linked, 6)
        XCTAssertEqual(out[7], .integer(1), "a place is found by the file's own name")
        // Linked imports take part in advance rates: ACLED's Saraqab capture ends the first leg.
        let legs = try run(lua, "local l = advance{'Idlib', 'Saraqib', 'Aleppo'} return l[1].to, l[1].finish_event and l[1].finish_event.id")
        XCTAssertEqual(legs[0], .str("Saraqib"))
        XCTAssertEqual(legs[1], .str("SYR9101"))
    }

    func testActorsLinkToTheDictionaryAndSidesWork() throws {
        let (lua, _) = try makeLua()
        let current = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "actors.csv")
        let out = try run(lua, """
            local r = corpus.import(\(luaString(current)))
            local imported = events{}:filter(function(e) return e.file ~= nil end)
            local function n(q) return #imported:filter(q) end
            local e = imported:filter{actor = "HTS"}[1]
            return n{actor = "HTS"}, n{actor = "Hayat Tahrir al-Sham"}, n{side = "opposition"}, n{side = "government"},
                   e.actor.id, e.actor_name, e.actor2.id, e.actor2_name, r.actors_linked, r.actors_unlinked,
                   n{actor = "SDF"}, n{actor = "Protesters (Syria)"}
            """)
        XCTAssertEqual(out[0], .integer(2))
        XCTAssertEqual(out[1], .integer(2))
        XCTAssertEqual(out[2], .integer(4))   // HTS twice, SDF's row (Turkey is opposition too), Turkey in the agreement
        XCTAssertEqual(out[3], .integer(4))   // the Syrian army twice, Russia twice
        XCTAssertEqual(out[4], .str("hts"))
        XCTAssertEqual(out[5], .str("Hayat Tahrir al-Sham"))
        XCTAssertEqual(out[6], .str("syrian_army"))
        XCTAssertEqual(out[7], .str("Military Forces of Syria (2000-2024)"))
        XCTAssertEqual(out[10], .integer(1))
        XCTAssertEqual(out[11], .integer(1), "unlinked names still match themselves")
        guard case .integer(let linked) = out[8], case .integer(let unlinked) = out[9] else { return XCTFail("\(out)") }
        XCTAssertGreaterThanOrEqual(linked, 5)
        XCTAssertGreaterThanOrEqual(unlinked, 2)   // protesters, rioters, the unidentified group
    }

    func testAClaimedCaptureSurvivesACLEDExportAndReimport() throws {
        let (lua, _) = try makeLua()
        let dir = try temporaryDirectory()
        let out = try run(lua, """
            local claims = events{modality = "claimed"}
            assert(#claims > 0, "the bundled corpus has claims")
            local path = \(luaString(dir.appendingPathComponent("claims.csv").path))
            claims:to_csv(path, {format = "acled"})
            corpus.import(path)
            local back = events{modality = "claimed"}:filter(function(e) return e.file ~= nil end)
            local same = 0
            for i, e in ipairs(claims) do
              local b = back:filter(function(x) return x.id == e.id end)[1]
              if b and b.type == e.type and b.modality == "claimed" and b.claimed_by == e.claimed_by
                 and b.place_id == e.place_id and b.date == e.date then same = same + 1 end
            end
            return #claims, #back, same
            """)
        XCTAssertEqual(out[1], out[0])
        XCTAssertEqual(out[2], out[0], "type, modality, claimer, place and date come back")
    }
}

extension RealDataImportTests {
    /// The Lua example at the top of docs/import.md runs, on a file of ours standing for syria.csv.
    func testImportDocExampleRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/import.md"), encoding: .utf8)
        let block = try XCTUnwrap(doc.components(separatedBy: "```lua\n").dropFirst().first?.components(separatedBy: "```").first)
        let path = try RealDataFixtures.write(RealDataFixtures.acledCurrent, name: "syria.csv")
        let (lua, _) = try makeLua()
        let capture = "local out = {} print = function(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end out[#out + 1] = table.concat(t, '\\t') end\n"
        let out = try lua.run(capture + block.replacingOccurrences(of: "\"syria.csv\"", with: luaString(path)) + "\nreturn out[1], out[#out]",
                              chunkName: "@import.md")
        XCTAssertEqual(out[0].stringValue?.split(separator: "\t").prefix(3), ["8", "8", "1"])
        XCTAssertEqual(out[1].stringValue?.split(separator: "\t").prefix(2), ["1", "1"])   // the protest; Saraqab linked to Saraqib
    }
}
