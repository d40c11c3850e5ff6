import Foundation
import XCTest

/// Found mentions are cached between runs (docs/performance.md): a second run reads them back
/// and answers exactly as the first; an edited article, a damaged cache file or --sandbox means
/// extracting again.
final class ExtractionCacheTests: XCTestCase {
    let query = "for _, e in ipairs(events{}) do print(e.id, e.type, e.date, e.place_name, e.actor_name, e.confidence, e.evidence) end"

    func testSecondRunReadsTheCacheAndAnswersTheSame() throws {
        let cache = try Binary.temporaryDirectory()
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = cache.path
        env["ANALYST_NO_CACHE"] = nil
        let first = try Binary.run(["-e", query], environment: env)
        XCTAssertEqual(first.status, 0, first.stderr)
        let folder = cache.appendingPathComponent("analyst/extraction")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(files.count, 1, "\(files)")
        let second = try Binary.run(["-e", query], environment: env)
        XCTAssertEqual(second.stdout, first.stdout)
        XCTAssertGreaterThan(first.stdout.split(separator: "\n").count, 5)

        // A damaged cache file is ignored (and the answer is the same).
        let file = folder.appendingPathComponent(files[0])
        let data = try Data(contentsOf: file)
        try data.prefix(data.count / 2).write(to: file)
        XCTAssertEqual(try Binary.run(["-e", query], environment: env).stdout, first.stdout)

        // Without the cache (ANALYST_NO_CACHE) the same again, from the text.
        env["ANALYST_NO_CACHE"] = "1"
        XCTAssertEqual(try Binary.run(["-e", query], environment: env).stdout, first.stdout)
    }

    func testAnEditedArticleIsExtractedAgain() throws {
        let cache = try Binary.temporaryDirectory()
        let corpus = try Binary.temporaryDirectory()
        let articles = corpus.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let file = articles.appendingPathComponent("one.md")
        try "---\nid: one\nlanguage: en\npublished: 2030-05-04\n---\nRebels captured Hama on Sunday.\n".write(to: file, atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = cache.path
        env["ANALYST_NO_CACHE"] = nil
        let q = "for _, e in ipairs(events{}) do print(e.type, e.place_name) end"
        let before = try Binary.run(["--corpus", corpus.path, "-e", q], environment: env)
        XCTAssertTrue(before.stdout.contains("capture\tHama"), before.stdout + before.stderr)
        try "---\nid: one\nlanguage: en\npublished: 2030-05-04\n---\nRebels captured Homs on Sunday, after a long siege.\n".write(to: file, atomically: true, encoding: .utf8)
        let after = try Binary.run(["--corpus", corpus.path, "-e", q], environment: env)
        XCTAssertTrue(after.stdout.contains("capture\tHoms"), after.stdout + after.stderr)
    }

    func testSandboxWritesNoCache() throws {
        let cache = try Binary.temporaryDirectory()
        let out = try Binary.temporaryDirectory()
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = cache.path
        env["ANALYST_NO_CACHE"] = nil
        let r = try Binary.run(["--sandbox", "--output-dir", out.path, "-e", "print(#events{} > 0)"], environment: env)
        XCTAssertEqual(r.stdout, "true\n", r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.appendingPathComponent("analyst").path))
    }
}
