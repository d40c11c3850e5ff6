@testable import AnalystCLI
import LuaKit
import XCTest

/// Pretty printing in-process, including userdata that follow the list/record convention.
final class PrettyTests: XCTestCase {
    func testDisplayWidthPerGrapheme() {
        XCTAssertEqual(DisplayWidth.of("Nguyễn"), 6)                       // precomposed
        XCTAssertEqual(DisplayWidth.of("Nguye\u{0302}\u{0303}n"), 6)       // combining marks
        XCTAssertEqual(DisplayWidth.of("حلب"), 3)
        XCTAssertEqual(DisplayWidth.of("حَلَب"), 3)                          // harakat are marks
        XCTAssertEqual(DisplayWidth.of("北京"), 4)
        XCTAssertEqual(DisplayWidth.of("🔥"), 2)
        XCTAssertEqual(DisplayWidth.truncate("北京北京北京", to: 5), "北京…")
    }

    /// Walks and renders what `code` returns.
    func render(_ code: String, mode: OutputMode = .table, setup: (LuaState) -> Void = { _ in }) throws -> String {
        let lua = try LuaState()
        setup(lua)
        let base = lua.stack.top
        try lua.load(Array(code.utf8), chunkName: "=test")
        try lua.call(nargs: 0, nresults: -1)
        var walk = PrettyWalk(lua.L, itemLimit: 3)
        let values = ((base + 1)...lua.stack.top).map { walk.walk($0) }
        var pretty = Pretty(mode: mode)
        pretty.rowLimit = 3
        return pretty.render(values)
    }

    func testScalarsPrintAsLuaDoes() throws {
        XCTAssertEqual(try render("return 1, 1.0, 1e100, 'x', nil, true"), "1\t1.0\t1e+100\tx\tnil\ttrue\n")
    }

    func testRowLimitCyclesAndDepth() throws {
        let out = try render("local t = {} for i = 1, 10 do t[i] = {n = i} end return t")
        XCTAssertTrue(out.hasSuffix("... 7 more rows\n"), out)
        let cyc = try render("local t = {name = 'a'} t.me = t return t")
        XCTAssertTrue(cyc.contains("<cycle>"), cyc)
        let deep = try render("return {a = {b = {c = {d = {e = {}}}}}}")
        XCTAssertTrue(deep.contains("{…}"), deep)
    }

    func testAlignmentWithWideAndCombiningText() throws {
        let out = try render("return {{name = 'Đà Nẵng', km = 1}, {name = '北京', km = 22}}", mode: .box)
        let lines = out.split(separator: "\n").map { DisplayWidth.of(String($0)) }
        XCTAssertEqual(Set(lines).count, 1, out)   // every line equally wide on screen
    }

    func testCsvAndJsonQuoting() throws {
        XCTAssertEqual(try render("return {{a = 'x,y', b = 'say \"hi\"'}}", mode: .csv), "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n")
        XCTAssertEqual(try render("return {a = 1.5, b = 'q\"', c = {1, 2}}", mode: .json), "{\"a\": 1.5, \"b\": \"q\\\"\", \"c\": [1, 2]}\n")
    }

    /// A list-like userdata of record-like userdata, as the API's event lists will be.
    final class Item { let id: Int; init(_ id: Int) { self.id = id } }
    final class Items { let count: Int; init(_ n: Int) { count = n } }

    func defineTypes(_ lua: LuaState) {
        lua.defineType("test.Item", metamethods: [
            "__index": { call in
                let item = try call.object(1, typeName: "test.Item", as: Item.self)
                switch try call.string(2) {
                case "id": call.push(item.id)
                case "place": call.push("Hama")
                case "boom": throw LuaRaise("field exploded")
                default: call.pushNil()
                }
                return 1
            },
            "__tostring": { call in call.push("event #\(try call.object(1, typeName: "test.Item", as: Item.self).id)"); return 1 },
        ])
        lua.defineType("test.Items", metamethods: [
            "__len": { call in call.push(try call.object(1, typeName: "test.Items", as: Items.self).count); return 1 },
            "__index": { call in
                call.stack.push(object: Item(Int(try call.integer(2))), typeName: "test.Item")
                return 1
            },
        ])
        // __fields and __name, as the convention asks
        _ = try? lua.run("""
            local mt = debug.getregistry()['test.Item']
            mt.__fields = {'id', 'place', 'boom'}
            mt.__name = 'Event'
            """)
        lua.register("items") { call in
            call.stack.push(object: Items(Int(try call.integer(1))), typeName: "test.Items")
            return 1
        }
    }

    func testUserdataListOfRecords() throws {
        let out = try render("return items(5)", setup: defineTypes)
        XCTAssertTrue(out.hasPrefix("+----+-------+-------------------------+\n| id | place | boom                    |\n"), out)
        XCTAssertTrue(out.contains("|  1 | Hama  | <error: field exploded> |"), out)   // a failing __index is shown, not raised
        XCTAssertTrue(out.contains("|  3 | Hama  |"), out)
        XCTAssertTrue(out.hasSuffix("... 2 more rows\n"), out)
        // a record inside a cell shows its __tostring
        let nested = try render("return {{what = items(1)[1]}}", setup: defineTypes)
        XCTAssertTrue(nested.contains("event #1"), nested)
        // one record: key/value in __fields order
        let one = try render("return items(2)[2]", setup: defineTypes)
        XCTAssertTrue(one.contains("| id    |                       2 |"), one)
        XCTAssertLessThan(one.range(of: "| id")!.lowerBound, one.range(of: "| place")!.lowerBound)
    }
}
