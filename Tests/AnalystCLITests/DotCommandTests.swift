import Foundation
import XCTest

/// Dot-commands, driven through the shell with piped input (`-i`).
final class DotCommandTests: XCTestCase {
    let legs = "legs = {{from = 'Aleppo', km = 128}, {from = 'Hama', km = 47}}\n"

    func testModeCsvAndOnceWriteWhatTheyShould() throws {
        let dir = try Binary.temporaryDirectory()
        let r = try Binary.run(["-i", "-q"], stdin: legs + ".mode csv\nlegs\n.once out.csv\nlegs\nprint('after')\n", directory: dir)
        XCTAssertEqual(r.stdout, "from,km\nAleppo,128\nHama,47\nafter\n")
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8), "from,km\nAleppo,128\nHama,47\n")
    }

    func testOnceSurvivesAnUnfinishedStatement() throws {
        let dir = try Binary.temporaryDirectory()
        let r = try Binary.run(["-i", "-q"], stdin: ".once f.txt\nfor i = 1, 2 do\nprint(i)\nend\nprint('screen')\n", directory: dir)
        XCTAssertEqual(r.stdout, "screen\n")
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("f.txt"), encoding: .utf8), "1\n2\n")
    }

    func testOutputUntilReset() throws {
        let dir = try Binary.temporaryDirectory()
        let r = try Binary.run(["-i", "-q"], stdin: ".output all.txt\n1\nprint(2)\n.output\n3\n", directory: dir)
        XCTAssertEqual(r.stdout, "3\n")
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("all.txt"), encoding: .utf8), "1\n2\n")
    }

    func testReadTimerHelpAndErrors() throws {
        let dir = try Binary.temporaryDirectory()
        try "defined_by_file = 41\n".write(to: dir.appendingPathComponent("lib.lua"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["-i", "-q"], stdin: ".read lib.lua\ndefined_by_file + 1\n.timer on\n1\n.timer off\n.mode nope\n.nosuch\n.corpus\n.reload\n.help once\n", directory: dir)
        XCTAssertTrue(r.stdout.hasPrefix("42\n1\nRun Time: "), r.stdout)
        XCTAssertTrue(r.stdout.contains(" articles, "), r.stdout)          // .corpus: the summary
        XCTAssertTrue(r.stdout.contains("reloaded: "), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix(".once FILE  send the next result to FILE\n"), r.stdout)
        XCTAssertTrue(r.stderr.contains("unknown mode 'nope'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("unknown command .nosuch"), r.stderr)
        XCTAssertEqual(r.status, 1)   // piped input: the errors are reported and counted, the run goes on
    }

    func testUnderscoreAndSemicolon() throws {
        let r = try Binary.run(["-i", "-q"], stdin: "21 * 2;\n_ + 1\nx = 5;\n")
        XCTAssertEqual(r.stdout, "43\n")
    }

    func testQuitStopsReading() throws {
        let r = try Binary.run(["-i", "-q"], stdin: "1\n.quit\n2\n")
        XCTAssertEqual(r.stdout, "1\n")
    }
}
