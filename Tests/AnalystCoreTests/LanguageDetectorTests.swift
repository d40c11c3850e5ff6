import XCTest
@testable import AnalystCore

final class LanguageDetectorTests: XCTestCase {
    func check(_ text: String, _ lang: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(LanguageDetector.detect(text).language, lang, text, file: file, line: line)
    }
    func testEnglish() { check("The rebels said that the army had withdrawn from the city after the attack.", "en") }
    func testVietnamese() { check("Phe nổi dậy đã chiếm được thành phố và quân đội rút lui.", "vi") }
    func testFrench() { check("Les rebelles ont pris la ville et l'armée s'est retirée vers le sud.", "fr") }
    func testSpanish() { check("Los rebeldes tomaron la ciudad y el ejército se retiró hacia el sur según fuentes.", "es") }
    func testGerman() { check("Die Rebellen haben die Stadt eingenommen und die Armee ist nach Süden abgezogen.", "de") }
    func testItalian() { check("I ribelli hanno preso la città e l'esercito si è ritirato verso sud, secondo gli osservatori della zona.", "it") }
    func testPortuguese() { check("Os rebeldes tomaram a cidade e o exército não conseguiu resistir, segundo as fontes.", "pt") }
    func testArabic() { check("سيطرت فصائل المعارضة على مدينة حلب بعد انسحاب الجيش", "ar") }
    func testNothing() { check("1234 -- !!", "und") }
    func testSeedsDetectAsTheirFrontMatterSays() throws {
        for a in GazetteerTests.corpus.articles {
            XCTAssertEqual(LanguageDetector.detect(a.text).language, a.language, a.id)
        }
    }
    func testLanguageTags() {
        XCTAssertTrue(LanguageDetector.isValidTag("pt-BR"))
        XCTAssertTrue(LanguageDetector.isValidTag("ar"))
        XCTAssertFalse(LanguageDetector.isValidTag("xx"))
        XCTAssertFalse(LanguageDetector.isValidTag("english"))
        XCTAssertFalse(LanguageDetector.isValidTag("en-"))
    }
}
