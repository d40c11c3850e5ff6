@testable import AnalystCLI
import LuaKit
import XCTest

/// Completion after calls and indexes by the registry's declared types, and inside strings.
final class CompletionTypeTests: XCTestCase {
    func makeCompletion() throws -> (Completion, Runner) {
        let runner = try Runner(options: Options(), diagnostics: Diagnostics(timestamps: false))
        return (Completion(L: runner.lua.L, types: runner.host.completionTypes(), returnTypes: AnalystHost.returnTypes), runner)
    }

    func testAfterCallsAndIndexes() throws {
        let (c, runner) = try makeCompletion()
        XCTAssertEqual(c.candidates(word: ":fi", before: "events{}"), [":filter", ":first"])
        XCTAssertEqual(c.candidates(word: ":count_", before: "x = events{type = \"capture\"}"), [":count_by"])
        XCTAssertTrue(c.candidates(word: ".pla", before: "events{}[1]").contains(".place"))
        XCTAssertEqual(c.candidates(word: ".place.na", before: "events{}[1]"), [".place.name"])
        XCTAssertEqual(c.candidates(word: ":fi", before: "events{}:filter(function(e) return e.fatalities end)"), [":filter", ":first"])
        XCTAssertTrue(c.candidates(word: ".coun", before: "events{}:first()").contains(".country"))
        XCTAssertTrue(c.candidates(word: ".lat", before: "place(\"Hama\")").contains(".lat"))
        XCTAssertTrue(c.candidates(word: ":ma", before: "corpus.articles").contains(":map"))
        // A variable's type comes from its metatable's __name: caps is an EventList, caps[1] an Event.
        try runner.lua.run("caps = events{type = 'capture'}")
        XCTAssertTrue(c.candidates(word: ".", before: "caps[1]").contains(".evidence"))
        XCTAssertEqual(c.candidates(word: ":sel", before: "caps"), [":select"])
        XCTAssertEqual(c.candidates(word: ".zzz", before: "events{}[1]"), [])
        // Rows of a returned List: advance gives Legs, control ControlChanges.
        XCTAssertEqual(c.candidates(word: ".km_per_day_m", before: "advance{\"Aleppo\", \"Hama\"}[1]"), [".km_per_day_max", ".km_per_day_min"])
        XCTAssertTrue(c.candidates(word: ":so", before: "advance{\"Aleppo\", \"Hama\"}").contains(":sort"))
        XCTAssertTrue(c.candidates(word: ".ear", before: "control(\"Hama\")[1]").contains(".earliest"))
    }

    func testInsideStrings() throws {
        let (c, runner) = try makeCompletion()   // the runner (and its host) must outlive the completion
        defer { withExtendedLifetime(runner) {} }
        XCTAssertEqual(c.candidates(word: "cap", before: "events{type = \""), ["capture"])
        XCTAssertEqual(c.candidates(word: "wi", before: "events{}:filter(function(e) return e.type == '"), ["withdrawal"])
        XCTAssertTrue(c.candidates(word: "Ham", before: "place(\"").contains("Hama"))
        XCTAssertTrue(c.candidates(word: "Dam", before: "geo.distance(\"Aleppo\", \"").contains("Damascus"))
        XCTAssertTrue(c.candidates(word: "Ale", before: "advance{\"").contains("Aleppo"))
        XCTAssertTrue(c.candidates(word: "Ale", before: "events{place = \"").contains("Aleppo"))
        XCTAssertTrue(c.candidates(word: "ht", before: "actor(\"").contains("hts"), "\(c.candidates(word: "ht", before: "actor(\""))")
        XCTAssertEqual(c.candidates(word: "an", before: "place(\"Maarrat "), ["an Numan"])   // a name with spaces: the word after the space
    }
}
