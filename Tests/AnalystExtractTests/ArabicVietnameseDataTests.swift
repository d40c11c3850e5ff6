import XCTest
import AnalystCore
@testable import AnalystExtract

/// Arabic and Vietnamese vocabulary added with the ten-language work, read with the bundled corpus.
/// Sentences written for these tests; dates invented (published Friday 14 March 2025).
final class ArabicVietnameseDataTests: BundledCorpusCase {
    func testArabicParadigmsAndPeriphrases() {
        expect("أحكمت القوات قبضتها على حمص يوم الثلاثاء.", "ar", .capture, "Homs", date: "2025-03-11")
        expect("وحماة باتت تحت سيطرة الفصائل منذ أمس.", "ar", .capture, "Hama")
        expect("بسطت الفصائل سيطرتها صباح اليوم على مدينة إدلب.", "ar", .capture, "Idlib", date: "2025-03-14")
        expect("أخلت قوات الجيش مدينة الرستن فجر الأربعاء.", "ar", .withdrawal, "Rastan", date: "2025-03-12")
        expect("نزحت آلاف العائلات من حلب خلال الليل.", "ar", .displacement, "Aleppo")
        expect("أفرجت الفصائل عن مئات المعتقلين من سجن حماة.", "ar", .prisonerRelease, "Hama")
        expect("اندلعت اشتباكات عنيفة على أطراف دمشق.", "ar", .clash, "Damascus", geo: 2)
    }

    func testArabicRegionsAndCommonWords() {
        // ريف (countryside) is the province, not the city
        expect("قصف مدفعي على ريف حلب الجنوبي.", "ar", .shelling, "Aleppo Governorate", geo: 3)
        // "the city" is no longer Medina, and نفت denies
        let ms = run("دخلت الفصائل المدينة بعد ظهر الخميس.", "ar")
        XCTAssertFalse(ms.contains { Self.extractor.places.place($0.placeID ?? 0)?.countryCode == "SA" }, "\(ms.map(\.rule))")
        expect("نفت وزارة الدفاع انسحاب الجيش من حمص.", "ar", .withdrawal, "Homs", modality: .denied)
        // fear of fighting is no fighting
        expectNone("أغلقت المدارس في حماة خشية اندلاع اشتباكات.", "ar", .clash)
    }

    func testVietnameseVerbsAndTypeWords() {
        expect("Thành phố Hama đã nằm trong tay phe nổi dậy từ tối thứ Ba.", "vi", .capture, "Hama")
        expect("Homs đã đổi chủ sau hai ngày giao tranh.", "vi", .capture, "Homs")
        expect("Quân chính phủ tái triển khai các đơn vị ra khỏi Idlib.", "vi", .withdrawal, "Idlib")
        expect("Hàng nghìn người đã rời bỏ Aleppo trong đêm.", "vi", .displacement, "Aleppo")
        expect("Phe nổi dậy giải thoát hàng trăm tù nhân ở Damas.", "vi", .prisonerRelease, "Damascus")
        // "PHÓNG VIÊN" (reporter) in a transcript is no longer Vienna
        XCTAssertFalse(run("PHÓNG VIÊN: giao tranh ác liệt tại Aleppo.", "vi").contains { $0.placeID == 2761369 })
    }
}
