import XCTest
@testable import AnalystCore

/// Languages as data: detector profiles, name forms and language-scoped aliases come from files.
final class LanguageDataTests: XCTestCase {
    func temp() throws -> String {
        let dir = NSTemporaryDirectory() + "langdata-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testTurkishAndRussianAreDetected() {
        XCTAssertEqual(LanguageDetector.detect("Muhalifler kente girdi ve ordu geri çekildi, yetkililer açıklama yapmadı.").language, "tr")
        XCTAssertEqual(LanguageDetector.detect("Правительственные войска покинули город после ожесточённых боёв.").language, "ru")
        XCTAssertTrue(LanguageDetector.bundled.supported.contains("tr"))
    }

    func testAddingALanguageIsAddingAFile() throws {
        let dir = try temp()
        try FileManager.default.createDirectory(atPath: "\(dir)/nl", withIntermediateDirectories: true)
        try "pattern\tkind\nhet\tstopword\neen\tstopword\nvan\tstopword\nniet\tstopword\n".write(toFile: "\(dir)/nl/language.tsv", atomically: true, encoding: .utf8)
        var d: [Diagnostic] = []
        let det = LanguageDetector(directory: dir, diagnostics: &d)
        XCTAssertEqual(d.count, 0)
        XCTAssertEqual(det.supported, ["nl"])
        XCTAssertEqual(det.detect("Het leger van de regering is niet een partij.").language, "nl")
    }

    func testBadProfileLineIsReported() throws {
        var d: [Diagnostic] = []
        _ = LanguageProfile.parse("pattern\tkind\nxyz\tnoun\nzz-yy\tscript\n", language: "xx", path: "xx/language.tsv", diagnostics: &d)
        XCTAssertEqual(d.map(\.line), [2, 3])
        XCTAssertTrue(d[0].description.hasPrefix("xx/language.tsv:2: error:"))
    }

    func testRussianNameForms() throws {
        let text = try String(contentsOfFile: Corpus.bundledDirectory()! + "/lexicons/ru/name-forms.tsv", encoding: .utf8)
        var d: [Diagnostic] = []
        let nf = NameForms.parse(text, language: "ru", script: [0x0400...0x04FF], path: "ru/name-forms.tsv", diagnostics: &d)
        XCTAssertEqual(d.count, 0)
        XCTAssertTrue(Set(nf.forms(of: "Хомс")).isSuperset(of: ["Хомса", "Хомсе", "Хомсом"]))
        XCTAssertTrue(nf.forms(of: "Ракка").contains("Ракки"))          // к takes и, not ы
        XCTAssertTrue(nf.forms(of: "Латакия").contains("Латакии"))
        XCTAssertTrue(nf.forms(of: "Хан-Шейхун").contains("Хан-Шейхуна")) // the last word declines
        XCTAssertEqual(nf.forms(of: "Алеппо"), [])                       // indeclinable
        XCTAssertEqual(nf.forms(of: "Homs"), [])                         // another script
    }

    func testScopedAliasesAndErrors() throws {
        let dir = try temp()
        try "geonameid\tname\tlatitude\tlongitude\tcountry_code\tadmin1_code\tpopulation\ttimezone\talternatenames\n170654\tDamascus\t33.5\t36.3\tSY\t13\t1569394\tAsia/Damascus\tSam,Şam,Dimashq\n"
            .write(toFile: "\(dir)/places.tsv", atomically: true, encoding: .utf8)
        try "geonameid\talias\tlang\tnote\n170654\tSam\t-\tnoise\n170654\tŞam\tonly:tr\tTurkish\n170654\tŞam\tonly:\tbad\n"
            .write(toFile: "\(dir)/place-aliases.tsv", atomically: true, encoding: .utf8)
        var d: [Diagnostic] = []
        let g = GazetteerLoader.load(places: "\(dir)/places.tsv", provinces: nil, countries: nil, aliases: "\(dir)/place-aliases.tsv", diagnostics: &d)
        let p = g.place(id: 170654)!
        XCTAssertFalse(p.aliases.contains("Şam"))
        XCTAssertEqual(p.languageAliases["tr"], ["Şam"])
        XCTAssertEqual(d.map(\.line), [4])
    }

    func testCorpusWarnsAboutALanguageWithoutLexicons() throws {
        let dir = try temp()
        try FileManager.default.createDirectory(atPath: "\(dir)/articles", withIntermediateDirectories: true)
        try "---\nid: nl-1\nlanguage: nl\n---\nDe rebellen namen de stad in.\n".write(toFile: "\(dir)/articles/nl-1.md", atomically: true, encoding: .utf8)
        let warnings = CorpusValidator.check(directory: dir).filter { !$0.isError }
        XCTAssertTrue(warnings.contains { $0.file.hasSuffix("nl-1.md") && $0.message.contains("language `nl` has no lexicons") }, "\(warnings)")
    }
}
