@testable import AnalystCore
import Foundation
import XCTest

/// A script may pass any string as a file name: the temporary name beside the target is cut in
/// linear time (a 4 MB name once took minutes, cut one character at a time), and stays a valid name.
final class LongNameTests: XCTestCase {
    func testTemporaryNameOfAHugeNameIsCutOnceAndFits() {
        let huge = String(repeating: "é", count: 2_000_000)   // 4 MB of UTF-8
        let name = AtomicFile.temporaryName(for: huge)   // quadratic cutting would take minutes here
        XCTAssertLessThanOrEqual(name.utf8.count, 255)
        XCTAssertTrue(name.hasPrefix(".éé"))
    }

    func testWritingUnderAHugeNameFailsWithAnError() {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("longname-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(String(repeating: "x", count: 100_000)).path
        XCTAssertThrowsError(try AtomicFile.write(Array("data".utf8), to: path, policy: .unrestricted))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }
}
