import AnalystCore
import AnalystLua
import Foundation
import LuaKit
import XCTest

/// The unconsolidated export the extractor is scored from (issue 12): its columns, and each row's
/// place name agreeing with its place id.
final class MentionExportTests: XCTestCase {
    func testUnconsolidatedCSVColumnsAndPlaces() throws {
        let (lua, _) = try makeLua()
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("mentions.csv").path
        try lua.run("events{consolidated = false}:to_csv(...)", args: [.str(path)])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = text.split(separator: "\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
        for col in ["type", "place", "place_id", "date", "date_min", "date_max", "modality", "article"] {
            XCTAssertTrue(header.contains(col), "missing column \(col) in \(header)")
        }
        // every row's place name is the name of its place id in the gazetteer
        let pairs = try lua.run("""
            local out = {}
            for _, r in ipairs(csv.read(...)) do out[#out + 1] = r.place .. "\\t" .. r.place_id end
            return table.concat(out, "\\n")
            """, args: [.str(path)])
        guard let joined = pairs.first?.stringValue else { return XCTFail("no rows") }
        let corpus = try Corpus.load(directory: Corpus.bundledDirectory()!)
        let rows = joined.split(separator: "\n")
        XCTAssertGreaterThan(rows.count, 10)
        for row in rows {
            let c = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count == 2, let id = Int(c[1]) else { continue }
            XCTAssertEqual(corpus.gazetteer.place(id: id)?.name, c[0], "row \(row)")
        }
    }
}
