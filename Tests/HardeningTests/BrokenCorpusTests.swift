import AnalystCore
import AnalystLua
import LuaKit
import Foundation
import XCTest

/// Broken corpora through `analyst --check --corpus DIR` (the built binary, so a hang or a crash
/// fails one case): each problem is reported with its file and line, the exit status is 65, the
/// run is quick, and the corpus directory is byte-for-byte unchanged afterwards.
final class BrokenCorpusTests: XCTestCase {
    struct Case {
        var name: String
        /// Builds the broken corpus in `dir` (which has `articles/` with one good article).
        var make: (URL) throws -> Void
        /// Each must appear in stdout (the diagnostics).
        var expect: [String]
        var maxSeconds: Double = 10
    }

    static let good = """
    ---
    id: good
    language: en
    published: 2024-12-01
    ---
    Syrian opposition fighters captured Aleppo on 30 November, according to the monitor.

    """

    func write(_ dir: URL, _ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent("articles/" + name))
    }
    func writeBytes(_ dir: URL, _ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: dir.appendingPathComponent("articles/" + name))
    }

    func cases() -> [Case] {
        let fm = "---\nid: x\nlanguage: en\n"
        return [
            Case(name: "truncated front matter", make: { try self.write($0, "a.md", fm + "title: cut off her") },
                 expect: ["a.md:1: error: front matter opened by `---` on line 1 is never closed"]),
            Case(name: "truncated UTF-8 sequence", make: { try self.writeBytes($0, "a.md", Array((fm + "---\nbody é").utf8.dropLast())) },
                 expect: ["a.md:5: error: invalid UTF-8"]),
            Case(name: "binary file", make: { try self.writeBytes($0, "a.md", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0] + Array(repeating: 0xFF, count: 4000)) },
                 expect: ["a.md:1: error: NUL byte"]),
            Case(name: "invalid UTF-8 on line 7", make: { try self.writeBytes($0, "a.md", Array((fm + "---\nline5\nline6\n").utf8) + [0x41, 0xC3, 0x28, 0x0A]) },
                 expect: ["a.md:7: error: invalid UTF-8"]),
            Case(name: "surrogate encoded in UTF-8", make: { try self.writeBytes($0, "a.md", Array((fm + "---\n").utf8) + [0xED, 0xA0, 0x80, 0x0A]) },
                 expect: ["a.md:5: error: invalid UTF-8"]),
            Case(name: "front matter that is not YAML", make: { try self.write($0, "a.md", "---\n{id: [1, 2\n  = what\n---\nbody text here\n") },
                 expect: ["a.md:2: error: not a `key: value` line", "a.md:3: error: indented line"]),
            Case(name: "front matter that is a list", make: { try self.write($0, "a.md", "---\n- a\n- b\n---\nbody text\n") },
                 expect: ["a.md:2: error: front matter must be a mapping"]),
            Case(name: "YAML bomb: anchors and aliases", make: { dir in
                var s = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                for i in 0..<10_000 { s += "k\(i): *a\n" }
                try self.write(dir, "a.md", s + "---\nbody\n")
            }, expect: ["a.md:2: error: YAML anchors and aliases", "a.md:10001: error: YAML anchors and aliases"]),
            Case(name: "YAML bomb: deep nesting", make: { dir in
                var s = "---\nid: deep\n"
                for i in 0..<5_000 { s += String(repeating: " ", count: i % 900 + 1) + "k: [[[[{{{{\n" }
                try self.write(dir, "a.md", s + "---\nbody\n")
            }, expect: ["a.md:4: error: indented line", "a.md:5002: error: indented line"]),
            Case(name: "YAML bomb: one 900 KB nested flow line", make: { dir in
                try self.write(dir, "a.md", "---\nid: " + String(repeating: "[", count: 900_000) + "\n---\nbody\n")
            }, expect: ["a.md"]),
            Case(name: "over-long line", make: { try self.write($0, "a.md", fm + "---\n" + String(repeating: "x", count: 1_100_000) + "\n") },
                 expect: ["a.md:5: error: line is longer than 1 MB"]),
            Case(name: "duplicate ids", make: { dir in
                try self.write(dir, "b.md", Self.good)
            }, expect: ["good.md:1: error: duplicate id `good`: also used by"]),
            Case(name: "bad date and language", make: { try self.write($0, "a.md", "---\nid: d\nlanguage: xx-!!\npublished: 2024-02-30\n---\nbody\n") },
                 expect: ["a.md:3: error: unknown language code", "a.md:4: error: unparseable date `2024-02-30`"]),
            Case(name: "empty body", make: { try self.write($0, "a.md", fm + "---\n   \n") }, expect: ["a.md:5: error: empty body"]),
            Case(name: "dangling symlink", make: { dir in
                try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("articles/gone.md").path, withDestinationPath: "/nonexistent/x.md")
            }, expect: ["gone.md: error: cannot read file"]),
            Case(name: "FIFO in the corpus", make: { dir in
                XCTAssertEqual(mkfifo(dir.appendingPathComponent("articles/pipe.md").path, 0o644), 0)
            }, expect: ["pipe.md: error: not a regular file"]),
            Case(name: "symlink to a FIFO", make: { dir in
                let fifo = dir.deletingLastPathComponent().appendingPathComponent("outside-fifo").path
                XCTAssertEqual(mkfifo(fifo, 0o644), 0)
                try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("articles/pipe.md").path, withDestinationPath: fifo)
            }, expect: ["pipe.md: error: not a regular file"]),
            Case(name: "symlink to /dev/zero", make: { dir in
                try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("articles/zero.md").path, withDestinationPath: "/dev/zero")
            }, expect: ["zero.md: error: not a regular file"]),
            Case(name: "directory named like an article", make: { dir in
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("articles/dir.md"), withIntermediateDirectories: true)
            }, expect: ["dir.md: error: not a regular file"]),
            Case(name: "200 MB article (sparse)", make: { dir in
                let p = dir.appendingPathComponent("articles/huge.md").path
                XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data("---\nid: huge\n---\n".utf8)))
                XCTAssertEqual(truncate(p, 200 << 20), 0)
            }, expect: ["huge.md: error: file is 209715200 bytes, larger than the 50 MB limit; not read"], maxSeconds: 5),
            Case(name: "symlink to a 200 MB file", make: { dir in
                let p = dir.deletingLastPathComponent().appendingPathComponent("big.bin").path
                XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data("x".utf8)))
                XCTAssertEqual(truncate(p, 200 << 20), 0)
                try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("articles/big.md").path, withDestinationPath: p)
            }, expect: ["big.md: error: file is 209715200 bytes"], maxSeconds: 5),
            Case(name: "TSV rows with missing and extra fields", make: { dir in
                let places = try String(contentsOfFile: H.bundledCorpus + "/places.tsv", encoding: .utf8)
                try (places + "1\tShort\t1.0\n2\tLong\t1\t2\tSY\t01\t5\tAsia/Damascus\ta\textra\tmore\n")
                    .write(to: dir.appendingPathComponent("places.tsv"), atomically: false, encoding: .utf8)
            }, expect: ["places.tsv:\(self.placesLines + 1): error: expected 9 tab-separated fields, found 3",
                        "places.tsv:\(self.placesLines + 2): error: expected 9 tab-separated fields, found 11"]),
            Case(name: "coordinates out of range and not numbers", make: { dir in
                let places = try String(contentsOfFile: H.bundledCorpus + "/places.tsv", encoding: .utf8)
                try (places + "1\tNorth\t91.5\t10\tSY\t01\t5\tAsia/Damascus\t\n2\tEast\t10\t-180.01\tSY\t01\t5\tAsia/Damascus\t\n3\tNaN\tnan\tinf\tSY\t01\t5\tAsia/Damascus\t\n")
                    .write(to: dir.appendingPathComponent("places.tsv"), atomically: false, encoding: .utf8)
            }, expect: ["places.tsv:\(self.placesLines + 1): error: latitude 91.5 is out of range",
                        "places.tsv:\(self.placesLines + 2): error: longitude -180.01 is out of range",
                        "places.tsv:\(self.placesLines + 3): error: latitude `nan` is not a number"]),
            Case(name: "binary actors.tsv", make: { dir in
                try Data([0x00, 0x01, 0x02]).write(to: dir.appendingPathComponent("actors.tsv"))
            }, expect: ["actors.tsv:1: error: NUL byte"]),
        ]
    }

    lazy var placesLines: Int = {
        (try? String(contentsOfFile: H.bundledCorpus + "/places.tsv", encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false).count ?? 0
    }() - 1

    func testEachBrokenCorpusIsReportedWithFileAndLine() throws {
        var report: [String] = []
        for c in cases() {
            let root = try H.tempDir("broken")
            let dir = root.appendingPathComponent("corpus")
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("articles"), withIntermediateDirectories: true)
            try write(dir, "good.md", Self.good)
            try c.make(dir)
            let before = H.hashTree(dir.path)
            let r = try Bin.run(["--check", "--corpus", dir.path], timeout: 30)
            XCTAssertFalse(Bin.isCrash(r), "\(c.name): crashed or hung (\(r.status)) \(r.stderr.suffix(500))")
            XCTAssertEqual(r.status, 65, "\(c.name): \(r.stdout.prefix(800)) \(r.stderr.prefix(300))")
            for e in c.expect {
                XCTAssertTrue(r.stdout.contains(e), "\(c.name): missing “\(e)” in\n\(r.stdout.prefix(1500))")
            }
            XCTAssertLessThan(r.seconds, c.maxSeconds, c.name)
            XCTAssertEqual(before, H.hashTree(dir.path), "\(c.name): --check changed the corpus")
            report.append(String(format: "%@: exit %d in %.2f s, %d diagnostics", c.name, r.status, r.seconds,
                                 r.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count))
            try? FileManager.default.removeItem(at: root)
        }
        print("broken-corpus cases:\n  " + report.joined(separator: "\n  "))
    }

    /// Starting Lua must not load the corpus (help's index used to read corpus.articles, loading it
    /// at start-up: a broken corpus then failed every run, even `-e "print(1)"`, with exit 71).
    func testStartingDoesNotLoadTheCorpus() throws {
        let root = try H.tempDir("broken")
        let dir = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try write(dir, "bad.md", "---\nid: x\n")
        let r = try Bin.run(["--corpus", dir.path, "-e", "print(1 + 1)"], timeout: 30)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "2\n")
        let session = Session(corpusDirectory: dir.path)
        let lua = try LuaState()
        try AnalystAPI(session: session).install(into: lua)
        XCTAssertFalse(session.isLoaded)
    }

    /// A script on a broken corpus: exit 65 (data error), not 1 and not a crash.
    func testScriptOnBrokenCorpusExits65() throws {
        let root = try H.tempDir("broken")
        let dir = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try write(dir, "good.md", Self.good)
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("articles/pipe.md").path, 0o644), 0)
        let r = try Bin.run(["--corpus", dir.path, "-e", "print(#events{})"], timeout: 30)
        XCTAssertFalse(Bin.isCrash(r))
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("pipe.md"), r.stderr)
    }
}
