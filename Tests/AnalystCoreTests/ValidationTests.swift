import XCTest
@testable import AnalystCore

/// Each kind of problem, in a small broken file: the validator names file, line and message,
/// and `Corpus.load` throws the same first error.
final class ValidationTests: XCTestCase {
    var dir: TempDir!
    override func setUpWithError() throws { dir = try TempDir() }

    func diags(_ name: String) -> [Diagnostic] {
        CorpusValidator.check(directory: dir.path).filter { $0.file.hasSuffix("/" + name) }
    }

    func expect(_ name: String, line: Int, _ fragment: String, severity: Diagnostic.Severity = .error,
                file: StaticString = #filePath, l: UInt = #line) {
        let d = diags(name)
        XCTAssertTrue(d.contains { $0.line == line && $0.severity == severity && $0.message.contains(fragment) },
                      "\(name):\(line) \(fragment) not in \(d.map(\.description))", file: file, line: l)
    }

    func testUnterminatedFrontMatter() throws {
        try dir.write("a.md", "---\nid: a\nlanguage: en\nText without a closing fence.\n")
        expect("a.md", line: 1, "never closed")
        XCTAssertThrowsError(try Corpus.load(directory: dir.path)) { e in
            let d = (e as! CorpusError).diagnostic
            XCTAssertEqual(d.description, "\(self.dir.path)/a.md:1: error: front matter opened by `---` on line 1 is never closed by a `---` line")
        }
    }

    func testNotYAMLAndNotAMapping() throws {
        try dir.write("a.md", "---\nid: a\nthis is not yaml\n---\nBody.\n")
        try dir.write("b.md", "---\n- one\n- two\n---\nBody.\n")
        try dir.write("c.md", "---\ntitle: ok\n  nested: value\n---\nBody.\n")
        expect("a.md", line: 3, "not a `key: value` line")
        expect("b.md", line: 2, "must be a mapping")
        expect("c.md", line: 3, "indented line")
    }

    func testUnknownFieldIsAWarningOnly() throws {
        try dir.write("a.md", "---\nid: a\nlanguage: en\nauthor: someone\n---\nBody.\n")
        expect("a.md", line: 4, "unknown field `author`", severity: .warning)
        let c = try Corpus.load(directory: dir.path)
        XCTAssertEqual(c.articles.count, 1)
        XCTAssertTrue(c.warnings.contains { $0.message.contains("author") })
    }

    func testUnknownLanguageAndBadDate() throws {
        try dir.write("a.md", "---\nlanguage: klingon\npublished: 2024-11-29\n---\nBody.\n")
        try dir.write("b.md", "---\nlanguage: en\npublished: 29/11/2024\n---\nBody.\n")
        try dir.write("c.md", "---\nlanguage: en\npublished: 2024-02-30..2024-03-01\n---\nBody.\n")
        expect("a.md", line: 2, "unknown language code `klingon`")
        expect("b.md", line: 3, "unparseable date `29/11/2024`")
        expect("c.md", line: 3, "unparseable date")
    }

    func testDateRangeAndQuotedValues() throws {
        try dir.write("a.md", "---\nid: \"q-1\"\ntitle: 'It''s a \"title\"'\nnotes: \"line\\none \\u00e9\" # comment\nlanguage: en\npublished: 2024-11-28..2024-11-30\n---\nBody.\n")
        let a = try XCTUnwrap(Corpus.load(directory: dir.path).articles.first)
        XCTAssertEqual(a.id, "q-1")
        XCTAssertEqual(a.title, "It's a \"title\"")
        XCTAssertEqual(a.notes, "line\none é")
        XCTAssertEqual(a.published?.days, 3)
    }

    func testInvalidUTF8ReportsLine() throws {
        var bytes = Array("---\nlanguage: en\n---\nfine line\nbad ".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(" here\n".utf8)
        try dir.write("a.md", Data(bytes))
        expect("a.md", line: 5, "invalid UTF-8")
    }

    func testEmptyBody() throws {
        try dir.write("a.md", "---\nlanguage: en\n---\n\n   \n")
        try dir.write("b.txt", "")
        expect("a.md", line: 4, "empty body")
        expect("b.txt", line: 1, "empty body")
    }

    func testDuplicateIDNamesBothFiles() throws {
        try dir.write("a.md", "---\nid: same\nlanguage: en\n---\nOne.\n")
        try dir.write("b.md", "---\nid: same\nlanguage: en\n---\nTwo.\n")
        let d = diags("b.md")
        XCTAssertEqual(d.count, 1)
        XCTAssertTrue(d[0].message.contains("duplicate id `same`") && d[0].message.contains("/a.md"), d[0].description)
    }

    func testTSVWrongFieldCountAndCoordinates() throws {
        try dir.write("a.md", "---\nlanguage: en\n---\nBody.\n")
        try dir.write("places.tsv", """
        geonameid\tname\tlatitude\tlongitude\tcountry_code\tadmin1_code\tpopulation\ttimezone\talternatenames
        1\tGood\t35.0\t36.0\tSY\t10\t100\tAsia/Damascus\tGood Town
        2\tShort\t35.0\t36.0
        3\tFar North\t95.5\t36.0\tSY\t10\t100\tAsia/Damascus\t
        4\tNaN\tabc\t36.0\tSY\t10\t100\tAsia/Damascus\t
        5\tFar East\t35.0\t-181\tSY\t10\t100\tAsia/Damascus\t

        """)
        expect("places.tsv", line: 3, "expected 9 tab-separated fields, found 4")
        expect("places.tsv", line: 4, "latitude 95.5 is out of range")
        expect("places.tsv", line: 5, "latitude `abc` is not a number")
        expect("places.tsv", line: 6, "longitude -181 is out of range")
        try dir.write("actors.tsv", "id\tname\tkind\tside\taliases\tnotes\nx\tX\twizards\t\t\t\ny\tY\n")
        expect("actors.tsv", line: 2, "unknown actor kind `wizards`")
        expect("actors.tsv", line: 3, "expected 6 tab-separated fields, found 2")
        // A gazetteer built from what was valid.
        let (corpus, _) = CorpusValidator.run(directory: dir.path)
        XCTAssertEqual(corpus.gazetteer.places.filter { $0.kind == .city }.map(\.id), [1])
    }

    func testBinaryFileAndHugeLine() throws {
        try dir.write("bin.txt", Data([0x47, 0x49, 0x46, 0x38, 0x0A, 0x00, 0x01, 0x02]))
        expect("bin.txt", line: 2, "NUL byte")
        var huge = Data("---\nlanguage: en\n---\n".utf8)
        huge.append(Data(repeating: UInt8(ascii: "a"), count: 1_100_000))
        try dir.write("huge.md", huge)
        expect("huge.md", line: 4, "longer than 1 MB")
    }

    func testFileOverCapIsNotRead() throws {
        // A sparse 60 MB file: the size check must reject it before reading.
        let p = try dir.write("big.txt", "x")
        let fh = try XCTUnwrap(FileHandle(forWritingAtPath: p))
        try fh.truncate(atOffset: 60 * 1024 * 1024)
        try fh.close()
        let start = Date()
        expect("big.txt", line: 0, "larger than the 50 MB limit")
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)   // a hang guard, not a speed test
    }

    func testYAMLBombsAreRejectedQuickly() throws {
        let laughs = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: *b\n---\nBody.\n"
        try dir.write("bomb.md", laughs)
        let deep = "---\ntitle: " + String(repeating: "[", count: 100_000) + "\n---\nBody.\n"
        try dir.write("deep.md", deep)
        let nested = "---\ntitle:\n" + (1...2000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + "\n---\nBody.\n"
        try dir.write("nested.md", nested)
        let start = Date()
        expect("bomb.md", line: 2, "anchors and aliases")
        expect("bomb.md", line: 4, "anchors and aliases")
        expect("deep.md", line: 2, "lists and mappings are not allowed")
        expect("nested.md", line: 3, "indented line")
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)   // a hang guard, not a speed test
    }

    func testPlainTextArticleDetectsLanguage() throws {
        try dir.write("nota.txt", "Los rebeldes tomaron la ciudad y el ejército se retiró hacia el sur.")
        let a = try XCTUnwrap(Corpus.load(directory: dir.path).articles.first)
        XCTAssertEqual(a.id, "nota")
        XCTAssertEqual(a.language, "es")
        XCTAssertTrue(a.languageDetected)
        XCTAssertNil(a.published)
        XCTAssertEqual(a.bodyLine, 1)
    }

    func testBlockScalarNotes() throws {
        try dir.write("a.md", "---\nlanguage: en\nnotes: >\n  first part\n  second part\nid: b1\n---\nBody.\n")
        let a = try XCTUnwrap(Corpus.load(directory: dir.path).articles.first)
        XCTAssertEqual(a.notes, "first part second part")
        XCTAssertEqual(a.id, "b1")
    }

    func testEveryProblemReportedAtOnce() throws {
        try dir.write("a.md", "---\nlanguage: xx\npublished: soon\n---\nBody.\n")
        try dir.write("b.md", "---\nid: a\n")
        let all = CorpusValidator.check(directory: dir.path).filter(\.isError)
        XCTAssertGreaterThanOrEqual(all.count, 3, all.map(\.description).joined(separator: "\n"))
    }
}
