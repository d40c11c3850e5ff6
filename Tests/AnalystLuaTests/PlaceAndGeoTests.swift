import AnalystCore
import AnalystLua
import LuaKit
import XCTest

final class PlaceAndGeoTests: XCTestCase {
    var lua: LuaState!
    override func setUpWithError() throws { lua = try makeLua().0 }

    func testPlaceLookupInAnyLanguage() throws {
        XCTAssertEqual(try lua.run("return place('Damas').name, place('حلب').name, place('Idleb').name"),
                       ["Damascus", "Aleppo", "Idlib"])
        XCTAssertEqual(try lua.run("local p = place('Hama') return p.kind, p.admin1, p.country, p.population > 0, #p.aliases > 3"),
                       ["city", "Hama", "Syria", true, true])
        XCTAssertEqual(try lua.run("return place('Idlib province').kind")[0], "province")
        assertLuaError(lua, "place('Alepoo')", contains: "t.lua:1: no place named 'Alepoo' (did you mean Aleppo")
        assertLuaError(lua, "place()", contains: "bad argument #1 to 'place' (string expected, got no value)")
        assertLuaError(lua, "place('Hama').name = 'x'", contains: "Place fields are read-only")
    }

    func testPlacesSearch() throws {
        let names = try lua.run("local t = {} for _, p in ipairs(places.search('Ham')) do t[#t+1] = p.name end return table.concat(t, '|')")[0].stringValue!
        XCTAssertTrue(names.split(separator: "|").contains("Hama"), names)
        XCTAssertEqual(try lua.run("return #places.search('Ham', 2) <= 2"), [true])
    }

    func testDistanceIsHaversineOfGazetteerCoordinates() throws {
        let r = try lua.run("local a, b = place('Aleppo'), place('Hama') return geo.distance('Aleppo', 'Hama'), a.lat, a.lon, b.lat, b.lon, a:distance(b)")
        guard case .number(let km) = r[0], case .number(let la) = r[1], case .number(let lo) = r[2],
              case .number(let lb) = r[3], case .number(let lob) = r[4], case .number(let km2) = r[5] else { return XCTFail("\(r)") }
        XCTAssertEqual(km, Geo.distanceKm(lat1: la, lon1: lo, lat2: lb, lon2: lob), accuracy: 1e-9)
        XCTAssertEqual(km, km2, accuracy: 1e-9)
        XCTAssertEqual(km, 124.4, accuracy: 2)   // Aleppo-Hama, about 124 km as the crow flies
        // a table point and the known length of one degree of latitude (pi * R / 180)
        guard case .number(let deg) = try lua.run("return geo.distance({lat = 0, lon = 0}, {lat = 1, lon = 0})")[0] else { return XCTFail() }
        XCTAssertEqual(deg, Double.pi * 6371.0088 / 180, accuracy: 1e-9)
        guard case .number(let north) = try lua.run("return geo.bearing({lat = 0, lon = 0}, {lat = 1, lon = 0})")[0],
              case .number(let east) = try lua.run("return geo.bearing({lat = 0, lon = 0}, {lat = 0, lon = 1})")[0] else { return XCTFail() }
        XCTAssertEqual(north, 0, accuracy: 1e-9)
        XCTAssertEqual(east, 90, accuracy: 1e-9)
        assertLuaError(lua, "geo.distance(nil, 'Hama')", contains: "bad argument #1 to 'distance' (string, Place or table expected, got nil)")
        assertLuaError(lua, "geo.distance({lat = 91, lon = 0}, 'Hama')", contains: "coordinates out of range")
    }

    func testActorsAndArticles() throws {
        XCTAssertEqual(try lua.run("return actor('Hayat Tahrir al-Sham').id == actor('HTS').id, actor('OSDH').kind"), [true, "monitor"])
        assertLuaError(lua, "actor('Nobody At All')", contains: "no actor named 'Nobody At All'")
        XCTAssertEqual(try lua.run("return #corpus.articles")[0], 5)
        XCTAssertEqual(try lua.run("local a = corpus.articles[1] return corpus.article(a.id).id == a.id, #a.text > 100")[0], true)
        XCTAssertEqual(try lua.run("return corpus.article('no-such-id')")[0], .nil)
        XCTAssertEqual(try lua.run("return corpus.summary().articles")[0], 5)
    }
}
