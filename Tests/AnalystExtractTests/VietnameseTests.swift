import XCTest
import AnalystCore
@testable import AnalystExtract

final class VietnameseTests: XCTestCase {
    func testTriggersAndDates() {
        assertEvent("Phe nổi dậy đã chiếm được Hama hôm qua.", "vi", .capture, "Hama", date: "2024-12-05")
        assertEvent("Quân nổi dậy chiếm được Aleppo ngày 30/11/2024.", "vi", .capture, "Aleppo", date: "2024-11-30")
        assertEvent("Sự thất thủ của Damas xảy ra ngày 8 tháng 12 năm 2024.", "vi", .capture, "Damascus", date: "2024-12-08")
        assertEvent("Homs thất thủ hôm nay.", "vi", .capture, "Homs", date: "2024-12-06")
        assertEvent("Quân đội mở cuộc tấn công vào Idleb hôm Thứ Hai.", "vi", .offensive, "Idlib", date: "2024-12-02")
        assertEvent("Các tay súng đã tiến đến ngoại ô Homs sáng nay.", "vi", .reach, "Homs", date: "2024-12-06", geo: 2)
        assertEvent("Quân đội Syria rút khỏi Hama Thứ Năm vừa qua.", "vi", .withdrawal, "Hama", date: "2024-12-05")
        assertEvent("Giao tranh dữ dội tại Aleppo ngày 3/12.", "vi", .clash, "Aleppo", date: "2024-12-03")
        assertEvent("Không kích của Nga nhắm vào Idleb hôm qua.", "vi", .airstrike, "Idlib", date: "2024-12-05")
        assertEvent("Theo Đài Quan Sát, phe nổi dậy đã chiếm được Homs.", "vi", .capture, "Homs", modality: .claimed)
        assertEvent("Phe nổi dậy chiếm nhiều làng ở tỉnh Idleb.", "vi", .capture, "Idlib Governorate", geo: 3)
    }
    func testOffsetAndGuard() {
        let text = "Ngày 27/11 phe nổi dậy mở cuộc tấn công. Hai ngày sau họ tiến vào Aleppo."
        let m = Fixture.run(text, "vi").first { $0.type == .reach }
        XCTAssertEqual(m?.dates?.description, "2024-11-29")
        assertNoEvent("Phe nổi dậy chưa bao giờ chiếm được Hama.", "vi", .capture)
    }
}
