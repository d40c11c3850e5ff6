import Foundation
import XCTest

/// The interactive shell on a real pseudo-terminal (libedit, signals, history, completion).
final class ShellTerminalTests: XCTestCase {
    func temporaryState() throws -> [String: String] {
        ["XDG_STATE_HOME": try Binary.temporaryDirectory().path]
    }

    func testBannerPromptAndMultiLineFunction() throws {
        let t = try Terminal([], environment: try temporaryState())
        t.waitFor("Type .help")
        t.waitFor("> ")
        t.send("function twice(x)\r")
        t.waitFor(">> ")
        var m = t.mark
        t.send("return x * 2\r")
        t.waitFor(">> ", after: m)
        t.send("end\r")
        m = t.mark
        t.send("twice(21)\r")
        t.waitFor("42", after: m)
        t.send("\u{4}")   // Ctrl-D leaves
        XCTAssertEqual(t.wait(), 0)
    }

    func testQuietHasNoBanner() throws {
        let t = try Terminal(["-q"], environment: try temporaryState())
        t.waitFor("> ")
        t.send("6*7\r")
        t.waitFor("42")
        XCTAssertFalse(t.screen.contains("Type .help"))
        t.send(".quit\r")
        XCTAssertEqual(t.wait(), 0)
    }

    func testHistorySurvivesRestart() throws {
        let env = try temporaryState()
        let first = try Terminal(["-q"], environment: env)
        first.waitFor("> ")
        first.send("remembered = 6 * 7\r")
        first.waitFor("> ", after: first.mark - 2)
        first.send("\u{4}")
        XCTAssertEqual(first.wait(), 0)
        let file = try String(contentsOfFile: env["XDG_STATE_HOME"]! + "/analyst/history", encoding: .utf8)
        XCTAssertTrue(file.contains("remembered"), file)

        let second = try Terminal(["-q"], environment: env)
        second.waitFor("> ")
        second.send("\u{1B}[A")   // up arrow: the last line of the previous session
        second.waitFor("remembered = 6")
        second.send("\r")
        let m = second.mark
        second.send("remembered\r")
        second.waitFor("42", after: m)
    }

    func testTabCompletesGlobalsFieldsAndFiles() throws {
        let dir = try Binary.temporaryDirectory()
        try "x".write(to: dir.appendingPathComponent("Scratch-data.csv"), atomically: true, encoding: .utf8)
        let t = try Terminal(["-q"], environment: try temporaryState(), directory: dir)
        t.waitFor("> ")
        t.send("everything = 12345\r")
        t.send("tbl = { alpha_field = 4242 }\r")
        var m = t.mark
        t.send("every\t")
        t.waitFor("everything", after: m)
        t.send("\r")
        t.waitFor("12345", after: m)
        m = t.mark
        t.send("tbl.alp\t\r")
        t.waitFor("4242", after: m)
        m = t.mark
        t.send("name = \"Scr\t\"\r")
        t.send("name\r")
        t.waitFor("Scratch-data.csv\r\n", after: m)
    }

    func testCtrlCStopsEvaluationAndShellSurvives() throws {
        let t = try Terminal(["-q"], environment: try temporaryState())
        t.waitFor("> ")
        var m = t.mark
        t.send("while true do end\r")
        usleep(300_000)   // let it start looping; the interrupt works whenever it lands
        t.send("\u{3}")
        t.waitFor("interrupted!", after: m)
        m = t.mark
        t.send("1 + 41\r")
        t.waitFor("42", after: m)
        // Ctrl-C at the prompt clears the line and keeps the shell
        m = t.mark
        t.send("this is not lua\u{3}")
        usleep(100_000)
        t.send("2 + 3\r")
        t.waitFor("5", after: m)
        XCTAssertFalse(t.since(m).contains("syntax error"), t.since(m))
        t.send("\u{4}")
        XCTAssertEqual(t.wait(), 0)
    }

    func testColourOnlyWithoutNoColor() throws {
        let coloured = try Terminal(["-q"], environment: try temporaryState())
        coloured.waitFor("> ")
        coloured.send("error('x')\r")
        coloured.waitFor("\u{1B}[31m")
        var env = try temporaryState()
        env["NO_COLOR"] = "1"
        let plain = try Terminal(["-q"], environment: env)
        plain.waitFor("> ")
        plain.send("error('boom')\r")
        plain.send("7 * 6\r")
        plain.waitFor("42")
        XCTAssertTrue(plain.screen.contains("stdin:1: boom"))
        XCTAssertFalse(plain.screen.contains("\u{1B}[31m"))
    }

    func testTerminalDefaultsToBoxDrawing() throws {
        let t = try Terminal(["-q"], environment: try temporaryState())
        t.waitFor("> ")
        t.send("{{a = 1}, {a = 2}}\r")
        t.waitFor("┌───┐")
    }
}
