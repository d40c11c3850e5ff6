import LuaKit
import XCTest

final class ValueTests: XCTestCase {
    func roundTrip(_ v: LuaValue, file: StaticString = #filePath, line: UInt = #line) throws {
        let lua = try LuaState()
        let back = try lua.run("return ...", args: [v])
        XCTAssertEqual(back, [v], file: file, line: line)
    }

    func testScalarsKeepIntegersAndFloatsApart() throws {
        try roundTrip(.nil)
        try roundTrip(true)
        try roundTrip(.integer(9_007_199_254_740_993))   // 2^53 + 1: not representable as a double
        try roundTrip(.integer(Int64.min))
        try roundTrip(.number(0.1))
        try roundTrip(.number(3.0))
        let lua = try LuaState()
        XCTAssertEqual(try lua.run("return math.type(...)", args: [.integer(9_007_199_254_740_993)]), ["integer"])
        XCTAssertEqual(try lua.run("return math.type(...)", args: [.number(3.0)]), ["float"])
        XCTAssertEqual(try lua.run("return (...) + 1", args: [.integer(9_007_199_254_740_992)]), [.integer(9_007_199_254_740_993)])
    }

    func testStringsAreByteExact() throws {
        try roundTrip(.str("Quân đội Syria rút chạy khỏi Aleppo"))
        try roundTrip(.str("سيطرت هيئة تحرير الشام على حلب"))
        try roundTrip(.string(LuaString(bytes: [0x61, 0x00, 0x62, 0x00])))        // embedded NULs
        try roundTrip(.string(LuaString(bytes: [0xff, 0xfe, 0xc3])))              // invalid UTF-8
        let lua = try LuaState()
        XCTAssertEqual(try lua.run("return #...", args: [.string(LuaString(bytes: [0, 0, 0]))]), [3])
        XCTAssertEqual(try lua.run("return utf8.len(...)", args: [.str("Đài Quan Sát")]), [12])
    }

    func testNestedTables() throws {
        let nested: LuaValue = .table([
            LuaPair("name", .str("Ḩamāh")),
            LuaPair("coords", [35.13, 36.75]),
            LuaPair("tags", .array(["a", .array([1, 2, .table([LuaPair("deep", true)])])])),
        ])
        let lua = try LuaState()
        let back = try lua.run("return ...", args: [nested])
        guard case .table(let pairs) = back[0] else { return XCTFail("not a table: \(back)") }
        XCTAssertEqual(Set(pairs.map { $0.key.stringValue ?? "" }), ["name", "coords", "tags"])
        XCTAssertEqual(back[0]["name"], .str("Ḩamāh"))
        XCTAssertEqual(back[0]["coords"], [35.13, 36.75])
        XCTAssertEqual(back[0]["tags"], .array(["a", .array([1, 2, .table([LuaPair("deep", true)])])]))
        XCTAssertEqual(try lua.run("local t = ... return t.tags[2][3].deep", args: [nested]), [true])
    }

    func testCyclicTableIsAnErrorNotALoop() throws {
        let lua = try LuaState()
        XCTAssertThrowsError(try lua.run("local t = {} t.self = t return t"))
        XCTAssertEqual(try lua.run("return 1"), [1])   // the state is still usable
    }
}
