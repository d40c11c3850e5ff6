import AnalystCore
import XCTest

/// The event store's owned columns: Array's behaviour, plus addresses that stay valid while pinned.
final class ColumnTests: XCTestCase {
    func testBehavesLikeAnArray() {
        var c = Column<Int32>()
        var a: [Int32] = []
        for i in 0..<1000 { c.append(Int32(i)); a.append(Int32(i)) }
        c.append(contentsOf: [7, 8, 9]); a.append(contentsOf: [7, 8, 9])
        c.append(contentsOf: (0..<5).map { Int32($0) }.lazy.filter { $0 > 2 }); a.append(contentsOf: [3, 4])
        c[10] = -1; a[10] = -1
        c.replaceSubrange(2..<5, with: [42]); a.replaceSubrange(2..<5, with: [42])
        XCTAssertEqual(Array(c), a)
        XCTAssertEqual(c.count, a.count)
        XCTAssertEqual(c.reduce(0, +), a.reduce(0, +))
        XCTAssertEqual(Column(repeating: UInt8(3), count: 4), [3, 3, 3, 3])
        c.removeAll(keepingCapacity: true)
        XCTAssertTrue(c.isEmpty)
        XCTAssertEqual(Column<Float>([1.5, 2.5]).withUnsafeBufferPointer { Array($0) }, [1.5, 2.5])
    }

    func testCopiesDoNotShareWrites() {
        var a: Column<Int32> = [1, 2, 3]
        var b = a
        b[0] = 9
        b.append(4)
        XCTAssertEqual(Array(a), [1, 2, 3])
        XCTAssertEqual(Array(b), [9, 2, 3, 4])
        a.removeAll()
        XCTAssertEqual(Array(b), [9, 2, 3, 4])
    }

    /// What the Lua fast path relies on: a pinned address keeps its values whatever the column does after.
    func testPinnedMemoryOutlivesChanges() {
        var c: Column<Int32> = [10, 20, 30]
        let pin = c.pinned()
        for i in 0..<100_000 { c.append(Int32(i)) }   // grows: new storage
        c[0] = -5                                      // writes: never into the pinned storage
        c.removeAll()
        withExtendedLifetime(pin.owner) {
            XCTAssertEqual(pin.count, 3)
            XCTAssertEqual(Array(UnsafeBufferPointer(start: pin.base, count: pin.count)), [10, 20, 30])
        }
    }
}
