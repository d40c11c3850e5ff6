@testable import AnalystCLI
import Foundation
import XCTest

/// Tables that fit the terminal (middle columns elided and named), `.headers`, `.width`, `.wrap`,
/// `.show`, and JSON that keeps nested objects.
final class ShellOutputTests: XCTestCase {
    func testEverythingFitsWhenThereIsRoom() {
        let fit = TableFit.fit(widths: [5, 8, 3], limit: 80)
        XCTAssertEqual(fit.shown, [0, 1, 2])
        XCTAssertEqual(fit.hidden, [])
        XCTAssertEqual(TableFit.fit(widths: [50, 50], limit: nil).hidden, [])   // a file or pipe: no limit
    }

    func testMiddleColumnsAreHiddenAndTheLineFits() {
        let widths = Array(repeating: 10, count: 20)
        let fit = TableFit.fit(widths: widths, limit: 60)
        XCTAssertEqual(fit.shown.first!, 0)
        XCTAssertEqual(fit.shown.last!, 19)
        XCTAssertTrue(fit.shown.contains(where: { $0 == nil }))
        let drawn = fit.shown.map { $0.map { fit.widths[$0] } ?? 1 }
        XCTAssertLessThanOrEqual(TableFit.lineWidth(drawn), 60)
        XCTAssertEqual(fit.hidden.count + fit.shown.count - 1, 20)
    }

    func testWideColumnsNarrowBeforeAnyIsHidden() {
        let fit = TableFit.fit(widths: [40, 40, 4], limit: 40)
        XCTAssertEqual(fit.hidden, [])
        XCTAssertLessThanOrEqual(TableFit.lineWidth(fit.widths), 40)
    }

    func testWrapBreaksAtSpaces() {
        XCTAssertEqual(DisplayWidth.wrap("rebels entered the city", to: 10), ["rebels", "entered", "the city"])
        XCTAssertEqual(DisplayWidth.wrap("abcdefghij", to: 4), ["abcd", "efgh", "ij"])
    }

    /// Every line the shell printed, without terminal escapes, is at most `columns` wide.
    /// (The table's lines and the footer: libedit's own redrawing of the input line is not ours.)
    func assertFits(_ text: String, columns: Int, file: StaticString = #filePath, line: UInt = #line) {
        let plain = text.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
        for l in plain.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where "+|┌│├└(".contains(l.first!) {
            XCTAssertLessThanOrEqual(DisplayWidth.of(String(l)), columns, "too wide: \(l)", file: file, line: line)
        }
    }

    func testEventsFitA100ColumnTerminalAndSayWhatWasHidden() throws {
        let t = try Terminal(["-q"], environment: ["XDG_STATE_HOME": try Binary.temporaryDirectory().path, "PAGER": "cat"])
        t.waitFor("> ")
        let m = t.mark
        t.send("events{}\r")
        t.waitFor("columns shown; hidden:", after: m)
        t.waitFor("> ", after: m + 10)
        assertFits(t.since(m), columns: 100)
        t.send("\u{4}")
        XCTAssertEqual(t.wait(), 0)
    }

    func testPipedOutputKeepsEveryColumnUnlessColumnsIsSet() throws {
        let wide = "t = {} for i = 1, 3 do t[i] = {} for c = 1, 15 do t[i]['column' .. c] = ('x'):rep(9) end end\n"
        let piped = try Binary.run(["-i", "-q"], stdin: wide + "t\n")
        XCTAssertFalse(piped.stdout.contains("hidden"), piped.stdout)
        let narrow = try Binary.run(["-i", "-q"], stdin: wide + "t\n", environment: ["COLUMNS": "80"])
        XCTAssertTrue(narrow.stdout.contains("columns shown; hidden: "), narrow.stdout)
        assertFits(narrow.stdout, columns: 80)
    }

    func testHeadersWidthWrapAndShow() throws {
        let rows = "r = {{name = 'Maarat al-Numan', note = 'a long note that goes on'}}\n"
        let r = try Binary.run(["-i", "-q"], stdin: rows + ".headers off\n.width 8\nr\n.headers on\n.width note 30\n.width name 6\n.wrap on\nr\n.show\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let tables = r.stdout.components(separatedBy: "\n")
        XCTAssertEqual(tables[1], "| Maarat … | a long … |")               // headers off, every column 8 wide
        XCTAssertTrue(r.stdout.contains("| name   | note                     |"), r.stdout)
        XCTAssertTrue(r.stdout.contains("| Maarat | a long note that goes on |\n| al-Num |                          |\n| an     |"), r.stdout)
        XCTAssertTrue(r.stdout.contains("headers  on\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("width    8 (name=6, note=30)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("wrap     on\n"), r.stdout)
    }

    func testJSONModeKeepsNestedObjectsAndLists() throws {
        let r = try Binary.run(["-i", "-q"], stdin: ".mode json\nevents{}[1]\nplace('Aleppo')\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"aliases\": [\""), r.stdout)             // a list, not "{…}"
        XCTAssertTrue(r.stdout.contains("\"mentions\": [{\"id\": "), r.stdout)       // objects, not "Event(...)"
        for line in r.stdout.split(separator: "\n") {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)), String(line.prefix(200)))
        }
    }

    /// A result longer than the 30-line terminal goes through $PAGER; not under --sandbox, not with
    /// `.pager off`, never when output is not a terminal.
    func testLongResultsGoThroughThePagerOnATerminalOnly() throws {
        let dir = try Binary.temporaryDirectory()
        let paged = dir.appendingPathComponent("paged.txt").path
        var env = ["XDG_STATE_HOME": dir.path, "PAGER": "cat > '\(paged)'"]
        let t = try Terminal(["-q"], environment: env)
        t.waitFor("> ")
        var m = t.mark
        t.send("long = {} for i = 1, 60 do long[i] = {n = i} end\r")
        t.waitFor("> ", after: m + 5)
        m = t.mark
        t.send(".maxrows 100\r")
        t.waitFor("> ", after: m + 5)
        m = t.mark
        t.send("long\r")
        t.waitFor("> ", after: m + 5)
        let text = try String(contentsOfFile: paged, encoding: .utf8)
        XCTAssertTrue(text.contains("│ 60 │"), text)
        XCTAssertFalse(t.since(m).contains("│ 60 │"))   // not also on the screen
        try FileManager.default.removeItem(atPath: paged)
        m = t.mark
        t.send("{1, 2}\r")                                   // short: straight to the screen
        t.waitFor("{1, 2}", after: m + 8)
        XCTAssertFalse(FileManager.default.fileExists(atPath: paged))
        m = t.mark
        t.send(".pager no-such-pager-here\r")              // a pager that cannot run: the screen
        t.send("long\r")
        t.waitFor("│ 60 │", after: m)
        t.send("\u{4}")
        XCTAssertEqual(t.wait(), 0)

        env["XDG_STATE_HOME"] = try Binary.temporaryDirectory().path
        let sandboxed = try Terminal(["-q", "--sandbox", "--output-dir", try Binary.temporaryDirectory().path], environment: env)
        sandboxed.waitFor("> ")
        m = sandboxed.mark
        sandboxed.send("long = {} for i = 1, 60 do long[i] = {n = i} end\r")
        sandboxed.send(".maxrows 100\r")
        sandboxed.send("long\r")
        sandboxed.waitFor("│ 60 │", after: m)
        XCTAssertFalse(FileManager.default.fileExists(atPath: paged))
    }
}
