import AnalystLua
import LuaKit
import XCTest

/// "did you mean": near spellings ranked by similarity, then by nearness to the corpus's places;
/// a far-away place whose alias happens to be one letter off is not offered.
final class PlaceSuggestionTests: XCTestCase {
    func message(_ lua: LuaState, _ code: String) -> String {
        do { _ = try lua.run(code); return "" } catch { return "\(error)" }
    }

    func testSuggestionsRankedBySimilarityThenNearness() throws {
        let (lua, _) = try makeLua()
        let hama = message(lua, "place('Hamma')")
        XCTAssertTrue(hama.contains("(did you mean Hama, "), hama)   // the closest spelling first
        XCTAssertFalse(hama.contains("Rome"), hama)                  // an alias one edit away, 2,000 km off
        let homs = message(lua, "place('Homms')")
        XCTAssertTrue(homs.contains("(did you mean Homs"), homs)
    }
}
