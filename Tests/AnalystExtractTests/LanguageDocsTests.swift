import Foundation
import XCTest
import AnalystCore
@testable import AnalystExtract

/// docs/languages.md runs: its worked example (a Dutch lexicon in three files) makes Dutch text
/// detectable and readable, with no Swift change.
final class LanguageDocsTests: XCTestCase {
    func testWorkedExampleAddsALanguage() throws {
        let doc = try String(contentsOf: Fixture.root.appendingPathComponent("docs/languages.md"), encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("langdoc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        // every ```tsv file=<path> block becomes that file
        var files = 0
        for block in doc.components(separatedBy: "```tsv file=").dropFirst() {
            let header = block.prefix { $0 != "\n" }
            let body = block.dropFirst(header.count + 1).components(separatedBy: "```").first ?? ""
            let url = dir.appendingPathComponent(String(header))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try body.write(to: url, atomically: true, encoding: .utf8)
            files += 1
        }
        XCTAssertEqual(files, 3)
        let text = try XCTUnwrap(doc.components(separatedBy: "```text\n").dropFirst().first?.components(separatedBy: "```").first)

        var d: [Diagnostic] = []
        let dutch = LanguageDetector(directory: dir.path, diagnostics: &d)
        XCTAssertEqual(d.count, 0)
        let all = LanguageDetector(profiles: LanguageDetector.bundled.profiles + dutch.profiles)
        XCTAssertEqual(all.detect(text).language, "nl")

        let ex = try Extractor(lexiconDirectory: dir, gazetteer: PlaceList(Fixture.places), actors: ActorList(Fixture.actors))
        let ms = ex.extract(Article(id: "nl-1", language: "nl", published: DayRange(iso: "2025-03-14"), text: text))
        XCTAssertTrue(ms.contains { $0.type == .capture && $0.placeID == 170017 && $0.dates?.description == "2025-03-05" },
                      "\(ms.map { "\($0.type.rawValue)@\($0.placeID ?? 0) \($0.dates?.description ?? "-")" })")
    }
}
