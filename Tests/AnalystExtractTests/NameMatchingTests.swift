import Foundation
import XCTest
import AnalystCore
@testable import AnalystExtract

/// The one folding and the one phrase matcher (docs/architecture.md, "Names"): the extractor's
/// tokenizer and `NameFolding.fold` agree on every bundled name; the matcher finds names in text
/// whatever the apostrophes; the tolerant key stays precise over the bundled gazetteer.
final class NameMatchingTests: XCTestCase {
    static let corpus: Corpus = try! Corpus.load(directory: Fixture.corpusDir.path)
    static let ex: Extractor = try! Extractor(corpus: corpus)

    /// What the phrase matcher sees of a name: the tokenizer's words, glued pieces joined.
    func tokenizerWords(_ s: String) -> [String] {
        Token.words(Tokenizer.tokenize(s).tokens.filter { $0.kind != .punct && !$0.text.isEmpty }[...])
    }

    func testTokenizerAndNameFoldingAgreeOnEveryBundledName() {
        var names: [String] = []
        for p in Self.corpus.gazetteer.places { names += [p.name, p.geonamesName] + p.aliases + p.languageAliases.values.joined() }
        for a in Self.corpus.actors.actors { names += [a.name] + a.aliases.values.joined() }
        XCTAssertGreaterThan(names.count, 10_000)
        var differ: [String] = []
        for n in names where tokenizerWords(n) != NameFolding.words(n) { differ.append(n) }
        XCTAssertEqual(differ.prefix(10), [], "\(differ.count) names fold differently in text")
        // and the rule itself, on written examples
        XCTAssertEqual(tokenizerWords("Hay'at Tahrir al-Sham"), ["hayat", "tahrir", "al", "sham"])
        XCTAssertEqual(tokenizerWords("d’Alep"), ["dalep"])
        let toks = Tokenizer.tokenize("Ma‘arrat al-Nuʿman").tokens
        XCTAssertEqual(toks.map(\.text), ["ma", "arrat", "al", "nu", "man"])
        XCTAssertEqual(toks.map(\.glued), [false, true, false, false, true])
    }

    /// The place at the start of `text` the gazetteer's phrase table finds, and how many tokens it covers.
    func place(_ text: String, at word: Int = 0) -> (name: String, kind: Place.Kind, tokens: Int)? {
        let toks = Tokenizer.tokenize(text).tokens
        guard let m = Self.ex.places.longest(in: toks, at: word, end: toks.count, firstForms: [], language: "en"),
              let p = Self.ex.places.place(m.value[0]) else { return nil }
        return (p.name, p.kind, m.length)
    }

    func testMultiWordLongestMatch() {
        XCTAssertEqual(place("Deir ez-Zor was quiet")?.name, "Deir ez-Zor")
        XCTAssertEqual(place("Deir ez-Zor was quiet")?.tokens, 3)
        XCTAssertEqual(place("محافظة حماة")?.kind, .province)
    }

    func testApostrophesJoinedOrSplit() {
        // joined: a name written with an apostrophe the data spells without, and the reverse
        let actors = Self.ex.actors
        func actor(_ text: String, _ lang: String, at i: Int = 0) -> (String, Int)? {
            let toks = Tokenizer.tokenize(text).tokens
            return actors.longest(in: toks, at: i, end: toks.count, language: lang, forms: []).map { ($0.value, $0.length) }
        }
        XCTAssertEqual(actor("Hay'at Tahrir al-Sham fighters", "en")?.0, "hts")
        XCTAssertEqual(actor("Hay'at Tahrir al-Sham fighters", "en")?.1, 5)   // hay + at + tahrir + al + sham
        XCTAssertEqual(actor("Hayat Tahrir al-Sham fighters", "en")?.0, "hts")
        XCTAssertEqual(actor("Hey'et Tahrir eş-Şam", "tr")?.0, "hts")
        // split: an elision before a name, a suffix or possessive after it
        XCTAssertEqual(place("d'Alep", at: 1)?.name, "Aleppo")
        XCTAssertEqual(place("Halep'te çatışmalar", at: 0)?.name, "Aleppo")
        XCTAssertEqual(place("Halep'te çatışmalar", at: 0)?.tokens, 1)
        XCTAssertEqual(actor("l'armée syrienne a reculé", "fr")?.0, "syrian_army")
        XCTAssertEqual(actor("selon l'armée syrienne", "fr", at: 1)?.0, "syrian_army")
        XCTAssertEqual(actor("quân đội chính quy Syria đã rút lui", "vi")?.1, 5)
    }

    func testExtractionAcrossApostrophes() {
        for (text, lang) in [("Les rebelles ont pris le contrôle d'Alep samedi.", "fr"),
                             ("Muhalifler Halep'i ele geçirdi.", "tr"),
                             ("Rebels seized Aleppo's citadel on Saturday.", "en")] {
            let ms = Self.ex.extract(Fixture.article(text, lang))
            XCTAssertTrue(ms.contains { $0.type == .capture && $0.placeID == 170063 }, "\(text): \(ms.map { "\($0.type)@\($0.placeID ?? 0)" })")
        }
    }

    func testTransliterationVariantsShareTheKey() {
        // al-/el-, doubled letters, ' and ʿ, q/k, ou/u, diacritics
        let groups = [["Maarat al-Numan", "Ma'arrat an-Nu'man", "Maʿarrat el-Nuʿmān"],
                      ["Qusayr", "Kusayr", "Qousseir", "Quṣayr"],
                      ["Tall Rifaat", "Tel Rif'at", "Tal Rıfat"]]
        for g in groups {
            let keys = Set(g.map { NameFolding.skeleton(folded: NameFolding.fold($0)) })
            XCTAssertEqual(keys.count, 1, "\(g): \(keys)")
            XCTAssertNotNil(keys.first!, "\(g)")
        }
    }
}
