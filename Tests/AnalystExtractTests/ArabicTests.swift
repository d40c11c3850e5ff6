import XCTest
import AnalystCore
@testable import AnalystExtract

final class ArabicTests: XCTestCase {
    func testTriggersDatesAndClitics() {
        assertEvent("سيطرت الفصائل على حماة يوم الخميس.", "ar", .capture, "Hama", date: "2024-12-05")
        assertEvent("سيطرت الفصائل على حلب في 30 نوفمبر.", "ar", .capture, "Aleppo", date: "2024-11-30")
        assertEvent("سقوط دمشق في 8 كانون الأول 2024.", "ar", .capture, "Damascus", date: "2024-12-08")
        assertEvent("دخلت الفصائل إلى حمص أمس.", "ar", .reach, "Homs", date: "2024-12-05")
        assertEvent("انسحب الجيش السوري من حماة اليوم.", "ar", .withdrawal, "Hama", date: "2024-12-06")
        assertEvent("اشتباكات عنيفة في حلب يوم الأربعاء.", "ar", .clash, "Aleppo", date: "2024-12-04")
        assertEvent("غارات جوية روسية على إدلب في 2 تشرين الثاني.", "ar", .airstrike, "Idlib", date: "2024-11-02")
        // clitics: "وحلب" (and Aleppo), "بدمشق" (in Damascus)
        assertEvent("سيطرت الفصائل على إدلب وحلب.", "ar", .capture, "Aleppo")
        assertEvent("اشتباكات بدمشق اليوم.", "ar", .clash, "Damascus", date: "2024-12-06")
        assertEvent("وسيطرت الفصائل على حمص.", "ar", .capture, "Homs")
        assertEvent("أعلنت هيئة تحرير الشام السيطرة على حماة.", "ar", .capture, "Hama", modality: .claimed)
        assertEvent("نفى الجيش السوري سقوط حمص.", "ar", .capture, "Homs", modality: .denied)
        assertEvent("سيطرت الفصائل على قرى في محافظة إدلب.", "ar", .capture, "Idlib Governorate", geo: 3)
    }
    func testGuard() {
        assertNoEvent("لم تسيطر الفصائل على حماة.", "ar", .capture)
    }
}
