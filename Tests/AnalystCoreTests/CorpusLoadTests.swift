import XCTest
@testable import AnalystCore

final class CorpusLoadTests: XCTestCase {
    static let corpusDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path
    /// The seed articles, in `shared/` beside the checkout (as on the developers' machines and CI).
    static let seeds = URL(fileURLWithPath: corpusDir).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/seeds").path

    func testBundledCorpusLoadsWithoutDiagnostics() throws {
        let diags = CorpusValidator.check(directory: Self.corpusDir)
        XCTAssertEqual(diags.map(\.description), [])
        let c = try Corpus.load(directory: Self.corpusDir)
        XCTAssertEqual(c.articles.map(\.id), ["000-rfi-vi", "001-en", "002-en-from-fr", "003-en-from-es", "004-en"])
        XCTAssertEqual(c.articles[0].language, "vi")
        XCTAssertEqual(c.articles[0].outlet, "RFI (Tiếng Việt)")
        XCTAssertNil(c.articles[1].outlet)
        XCTAssertEqual(c.articles[2].translatedFrom, "fr")
        XCTAssertEqual(c.articles[3].translatedFrom, "es")
        XCTAssertEqual(c.articles[3].published, DayRange(Day(iso: "2024-12-08")!))
        XCTAssertEqual(c.articles[2].published?.description, "2024-11-29..2024-11-30")
        XCTAssertTrue(c.articles.allSatisfy { !$0.languageDetected && ($0.notes ?? "").contains("Seed ") })
        XCTAssertGreaterThan(c.gazetteer.places.count, 1400)
        XCTAssertNotNil(c.actors.actor(id: "hts"))
    }

    /// The bundled articles carry the seed texts byte for byte.
    func testBodiesAreByteExactSeeds() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: Self.seeds), "no shared/seeds beside the checkout")
        let c = try Corpus.load(directory: Self.corpusDir)
        let seedFiles = try FileManager.default.contentsOfDirectory(atPath: Self.seeds).sorted()
        XCTAssertEqual(seedFiles.count, 5)
        for (article, seed) in zip(c.articles, seedFiles) {
            let seedBytes = try Data(contentsOf: URL(fileURLWithPath: "\(Self.seeds)/\(seed)"))
            XCTAssertEqual(Data(article.text.utf8), seedBytes, article.id)
            // And the file's bytes from the body line on are the seed (what cmp would say).
            let file = try Data(contentsOf: URL(fileURLWithPath: article.path))
            XCTAssertEqual(file.suffix(seedBytes.count), seedBytes)
            XCTAssertTrue(article.notes!.contains(seed), "notes name the seed file \(seed)")
            let lines = String(decoding: file, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(lines[article.bodyLine - 1], seedBytes.isEmpty ? "" :
                String(decoding: seedBytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)[0])
        }
    }

    func testArticlesOnlyDirectoryBorrowsBundledTables() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "Les rebelles sont entrés dans la ville et les habitants ont fui vers le sud.\n")
        try dir.write("README.md", "Not an article.\n")
        let c = try Corpus.load(directory: dir.path)
        XCTAssertEqual(c.articles.map(\.id), ["a"])
        XCTAssertEqual(c.articles[0].language, "fr")
        XCTAssertTrue(c.articles[0].languageDetected)
        XCTAssertNil(c.articles[0].published)
        XCTAssertEqual(c.gazetteer.lookup("Alep")?.name, "Aleppo")
        XCTAssertNotNil(c.actors.actor(id: "sohr"))
        XCTAssertTrue(c.lexiconsDirectory.hasSuffix("Corpus/lexicons"), c.lexiconsDirectory)
    }

    func testArticlesSubdirectoryAndOwnTables() throws {
        let dir = try TempDir()
        try dir.write("articles/x.md", "---\nid: x1\nlanguage: en\n---\nText.\n")
        try dir.write("actors.tsv", "id\tname\tkind\tside\taliases\tnotes\nfoo\tFoo\tmilitia\t\ten:Foo Brigade\t\n")
        try FileManager.default.createDirectory(atPath: dir.path + "/lexicons", withIntermediateDirectories: true)
        let c = try Corpus.load(directory: dir.path)
        XCTAssertEqual(c.articles.map(\.id), ["x1"])
        XCTAssertEqual(c.articles[0].bodyLine, 5)
        XCTAssertEqual(c.actors.actors.map(\.id), ["foo"])
        XCTAssertEqual(c.lexiconsDirectory, dir.path + "/lexicons")
    }

    func testBundledDirectoryFromEnvironment() throws {
        setenv("ANALYST_CORPUS", Self.corpusDir, 1)
        defer { unsetenv("ANALYST_CORPUS") }
        XCTAssertEqual(Corpus.bundledDirectory(), Self.corpusDir)
    }

    func testBundledDirectoryFoundWithoutEnvironment() throws {
        unsetenv("ANALYST_CORPUS")
        let found = try XCTUnwrap(Corpus.bundledDirectory())
        XCTAssertTrue(FileManager.default.fileExists(atPath: found + "/places.tsv"))
    }
}

/// A temporary directory removed when the test ends.
final class TempDir {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "analyst-core-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let p = "\(path)/\(name)"
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: p))
        return p
    }
}
