import Foundation
import XCTest

/// On a real pseudo-terminal: lines cancelled with Ctrl-C stay out of the history; Tab completes
/// after a call and inside a string argument.
final class ShellHistoryCompletionTests: XCTestCase {
    func testCancelledLinesAreNotSavedToHistory() throws {
        let state = try Binary.temporaryDirectory().path
        let t = try Terminal(["-q"], environment: ["XDG_STATE_HOME": state])
        t.waitFor("> ")
        var m = t.mark
        t.send("kept_line = 1\r")
        t.waitFor("> ", after: m)
        m = t.mark
        t.send("cancelled_statement = {\r")
        t.waitFor(">> ", after: m)
        m = t.mark
        t.send("\u{3}")
        t.waitFor("> ", after: m)
        m = t.mark
        t.send("cancelled_at_prompt\u{3}")
        t.waitFor("> ", after: m)
        t.send("\u{4}")
        XCTAssertEqual(t.wait(), 0)
        let history = try String(contentsOfFile: state + "/analyst/history", encoding: .utf8)
        XCTAssertTrue(history.contains("kept_line"), history)
        XCTAssertFalse(history.contains("cancelled"), history)
    }

    func testTabAfterACallAndInsideAString() throws {
        let t = try Terminal(["-q"], environment: ["XDG_STATE_HOME": try Binary.temporaryDirectory().path, "PAGER": "cat"])
        t.waitFor("> ")
        var m = t.mark
        t.send("events{}:count_\t(\"type\"):fir\t().count\r")   // -> events{}:count_by("type"):first().count
        t.waitFor("\r\n", after: m)
        t.waitFor("> ", after: m)
        XCTAssertFalse(t.since(m).contains("error"), t.since(m))
        m = t.mark
        t.send("place(\"Dama\t\").name\r")
        t.waitFor("Damascus\r\n", after: m)
        t.send("\u{4}")
        XCTAssertEqual(t.wait(), 0)
    }
}
