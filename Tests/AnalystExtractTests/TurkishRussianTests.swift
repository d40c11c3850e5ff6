import XCTest
import AnalystCore
@testable import AnalystExtract

/// Turkish and Russian, read with the bundled corpus (its gazetteer has the tr/ru names, the
/// language-scoped aliases and the Russian case forms). Sentences written for these tests; dates
/// are invented (published Friday 14 March 2025).
final class TurkishRussianTests: BundledCorpusCase {
    // MARK: Turkish

    func testTurkishVerbFormsAndSuffixedNames() {
        expect("Muhalifler salı günü Humus'u ele geçirdi.", "tr", .capture, "Homs", date: "2025-03-11")
        expect("Öncü birlikler dün Şam'a girdi.", "tr", .reach, "Damascus", date: "2025-03-13")
        expect("Rejim güçleri 3 Mart'ta Hama'dan çekildi.", "tr", .withdrawal, "Hama", date: "2025-03-03")
        expect("Halep, 9 Mart'ta muhaliflerin eline geçti.", "tr", .capture, "Aleppo", date: "2025-03-09")
        expect("Kent, Martta ele geçirilen Halep'ten sonra düşen ikinci şehir oldu.", "tr", .capture, "Aleppo")
        expect("Ordu, Lazkiye'nin kontrol altına alındığını doğruladı.", "tr", .capture, "Latakia")
        expect("Humus'un düşüşü bölgedeki dengeleri değiştirdi.", "tr", .capture, "Homs")
        expect("Savaş uçakları perşembe günü Hama'yı bombaladı.", "tr", .airstrike, "Hama", date: "2025-03-13")
        expect("Halep'te çıkan çatışmalarda en az dokuz kişi hayatını kaybetti.", "tr", .casualties, "Aleppo")
    }

    func testTurkishProvinceModalityAndNonEvents() {
        expect("Muhalifler İdlib kırsalında yeni bir operasyon başlattı.", "tr", .offensive, "Idlib Governorate", geo: 3)
        expect("HTŞ, Humus'u ele geçirdiğini açıkladı.", "tr", .capture, "Homs", modality: .claimed)
        // future and negative forms are no events; "öldü" folds like "oldu" (became) and is not a trigger
        expectNone("Muhalifler Hama'yı ele geçirecek.", "tr", .capture)
        expectNone("Birlikler Humus'a girmedi.", "tr", .reach)
        expectNone("Halep, bölgenin en büyük şehri oldu.", "tr", .casualties)
    }

    // MARK: Russian

    func testRussianCaseFormsOfNames() {
        expect("Боевики захватили Хомс во вторник.", "ru", .capture, "Homs", date: "2025-03-11")
        expect("Армия отступила из Дамаска 2 марта.", "ru", .withdrawal, "Damascus", date: "2025-03-02")
        expect("Повстанцы вошли в Хаму.", "ru", .reach, "Hama")
        expect("После падения Идлиба бои сместились на юг.", "ru", .capture, "Idlib")
        expect("Ракка была взята под контроль 5 марта.", "ru", .capture, "Raqqa", date: "2025-03-05")
        expect("Под Латакией шли бои.", "ru", .clash, "Latakia", geo: 2)
    }

    func testRussianProvinceModalityAndGuards() {
        expect("Авиация нанесла удары по провинции Идлиб.", "ru", .airstrike, "Idlib Governorate", geo: 3)
        expect("Боевики заявили о захвате Хомса.", "ru", .capture, "Homs", modality: .claimed)
        expect("Военные опровергли сообщения о падении Хамы.", "ru", .capture, "Hama", modality: .denied)
        expectNone("Боевики так и не вошли в Хомс.", "ru", .reach)
        expectNone("Армия будет отступать из Хомса.", "ru", .withdrawal)
        expectNone("Школы в Хаме закрыты, опасаясь боёв.", "ru", .clash)
    }

    // MARK: language-scoped names

    func testTurkishOnlyNamesStayInTurkish() {
        // "Şam" is Damascus in Turkish only; in English "Sam" is a given name.
        expect("Öncü birlikler Şam'ı ele geçirdi.", "tr", .capture, "Damascus")
        XCTAssertFalse(run("Sam said the rebels captured the airport.", "en").contains { $0.placeID == id("Damascus") })
        // "Humus" is Homs in Turkish, a noun in German.
        XCTAssertFalse(run("Der Humus wurde am Montag eingenommen.", "de").contains { $0.placeID == id("Homs") })
    }

    func testLanguageWithoutLexiconsIsSkipped() {
        // No Dutch lexicons: nothing is read with English rules.
        XCTAssertTrue(run("Rebels captured Aleppo on Monday.", "nl").isEmpty)
        XCTAssertFalse(run("Rebels captured Aleppo on Monday.", "en").isEmpty)
    }
}
