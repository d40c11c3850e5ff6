import Foundation
import XCTest

/// Piped and batch input as sqlite3 treats it (docs/cli.md, "Piped input and batch runs").
final class BatchSemanticsTests: XCTestCase {
    func testUnfinishedInputIsAnErrorNamingTheLine() throws {
        let r = try Binary.run(["-i"], stdin: "x = \n")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("stdin:1:") && r.stderr.contains("<eof>"), r.stderr)
        let f = try Binary.run(["-i"], stdin: "print('a')\n\nfunction f(\n")
        XCTAssertEqual(f.status, 1)
        XCTAssertEqual(f.stdout, "a\n")
        XCTAssertTrue(f.stderr.contains("stdin:3:") && f.stderr.contains("begun on line 3"), f.stderr)
    }

    func testFirstErrorDecidesTheStatusWhetherTheRunGoesOnOrStops() throws {
        let input = "print(1)\nerror('boom')\nprint(2)\n"
        let goesOn = try Binary.run(["-i"], stdin: input)
        XCTAssertEqual(goesOn.status, 1)
        XCTAssertEqual(goesOn.stdout, "1\n2\n")
        XCTAssertTrue(goesOn.stderr.contains("stdin:2: boom"), goesOn.stderr)
        let stops = try Binary.run(["-i", "--bail"], stdin: input)
        XCTAssertEqual(stops.status, 1)
        XCTAssertEqual(stops.stdout, "1\n")
        let dot = try Binary.run(["-i"], stdin: ".bail on\nprint(1)\nnosuch.x = 1\nprint(2)\n")
        XCTAssertEqual(dot.status, 1)
        XCTAssertEqual(dot.stdout, "1\n")
        // Lines of later statements keep their place in the input.
        XCTAssertTrue(dot.stderr.contains("stdin:3:"), dot.stderr)
        // The first error counts, not the last.
        let two = try Binary.run(["-i"], stdin: ".nosuch\nerror('later')\n")
        XCTAssertEqual(two.status, 1)
        XCTAssertTrue(two.stderr.contains("unknown command .nosuch"), two.stderr)
        XCTAssertEqual(try Binary.run(["-i"], stdin: "print(1)\n").status, 0)
    }

    func testDotCommandsWorkInPipedInputWithoutDashI() throws {
        let r = try Binary.run([], stdin: ".mode csv\n{{a = 1, b = 2}}\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "a,b\n1,2\n")
        // Without dot-commands piped input is one script, as in lua: locals live across lines.
        let script = try Binary.run([], stdin: "local x = 41\nprint(x + 1)\n")
        XCTAssertEqual(script.stdout, "42\n")
    }

    func testMissingCorpusFolderExits66AtOnce() throws {
        let r = try Binary.run(["--corpus", "/nonexistent/corpus", "-e", "print(1)"])
        XCTAssertEqual(r.status, 66)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("--corpus /nonexistent/corpus: no such folder"), r.stderr)
    }

    /// A corpus of one good article and one with an unparseable `published:`.
    func corpusWithOneBadArticle() throws -> URL {
        let dir = try Binary.temporaryDirectory()
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try "---\nid: good-one\nlanguage: en\npublished: 2030-03-02\n---\nRebels captured the town of Hama on Sunday.\n"
            .write(to: articles.appendingPathComponent("good.md"), atomically: true, encoding: .utf8)
        try "---\nid: bad-one\nlanguage: en\npublished: some day\n---\nTroops left Homs on Monday.\n"
            .write(to: articles.appendingPathComponent("bad.md"), atomically: true, encoding: .utf8)
        return dir
    }

    func testOneBadArticleIsLeftOutWithAWarningAndExit65AtTheEnd() throws {
        let corpus = try corpusWithOneBadArticle().path
        let r = try Binary.run(["--corpus", corpus, "-e", "print(#corpus.articles)"])
        XCTAssertEqual(r.stdout, "1\n", r.stderr)   // the script ran on the rest
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("bad.md:4:") && r.stderr.contains("article left out"), r.stderr)
        // A worse status of the script's own wins.
        XCTAssertEqual(try Binary.run(["--corpus", corpus, "-e", "print(#corpus.articles) error('x')"]).status, 1)
        // Piped batch input too.
        let piped = try Binary.run(["--corpus", corpus, "-i"], stdin: "#corpus.articles\n")
        XCTAssertEqual(piped.stdout, "1\n")
        XCTAssertEqual(piped.status, 65)
        // --strict stops before anything runs; --check lists it and exits 65.
        let strict = try Binary.run(["--strict", "--corpus", corpus, "-e", "print('ran')"])
        XCTAssertEqual(strict.status, 65)
        XCTAssertEqual(strict.stdout, "")
        XCTAssertTrue(strict.stderr.contains("bad.md:4:"), strict.stderr)
        XCTAssertEqual(try Binary.run(["--check", "--corpus", corpus]).status, 65)
    }

    func testLuaCommandLineOptions() throws {
        let r = try Binary.run(["-eprint(1)", "-l", "s=string", "-lstring", "-e", "print(s.rep('a', 2), string == s)"])
        XCTAssertEqual(r.stdout, "1\naa\ttrue\n", r.stderr)
        XCTAssertEqual(r.status, 0)
        let missing = try Binary.run(["-l", "no_such_module_here"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("module 'no_such_module_here' not found"), missing.stderr)

        var env = ProcessInfo.processInfo.environment
        env["LUA_INIT"] = "greeting = 'hi'"
        XCTAssertEqual(try Binary.run(["-e", "print(greeting)"], environment: env).stdout, "hi\n")
        XCTAssertEqual(try Binary.run(["-E", "-e", "print(greeting)"], environment: env).stdout, "nil\n")
        env["LUA_INIT_5_4"] = "greeting = 'five-four'"   // wins over LUA_INIT, as in lua
        XCTAssertEqual(try Binary.run(["-e", "print(greeting)"], environment: env).stdout, "five-four\n")
        let dir = try Binary.temporaryDirectory()
        let file = dir.appendingPathComponent("init.lua")
        try "greeting = 'from file'".write(to: file, atomically: true, encoding: .utf8)
        env["LUA_INIT_5_4"] = "@" + file.path
        XCTAssertEqual(try Binary.run(["-e", "print(greeting)"], environment: env).stdout, "from file\n")
        // --sandbox ignores LUA_INIT: the environment must not inject code into a sandboxed run.
        let out = try Binary.temporaryDirectory()
        let sandboxed = try Binary.run(["--sandbox", "--output-dir", out.path, "-e", "print(greeting)"], environment: env)
        XCTAssertEqual(sandboxed.stdout, "nil\n", sandboxed.stderr)

        let warned = try Binary.run(["-W", "-e", "warn('careful') warn('@off') warn('hidden')"])
        XCTAssertEqual(warned.stderr, "analyst: warning: careful\n")
    }
}

/// Short errors: one line for a typo at the prompt, one line for a usage error in --batch.
final class ShortErrorTests: XCTestCase {
    func testShellErrorsAreOneLineUnlessTracebackIsOn() throws {
        let r = try Binary.run(["-i", "-q"], stdin: "nosuch.field\n.traceback on\nnosuch.field\n")
        XCTAssertEqual(r.stderr, """
            stdin:1: attempt to index a nil value (global 'nosuch')
            stdin:3: attempt to index a nil value (global 'nosuch')
            stack traceback:
            \tstdin:3: in main chunk

            """)
        // Scripts keep their traceback, in the shell (.read) and on the command line.
        let dir = try Binary.temporaryDirectory()
        try "local function f() error('deep') end\nf()\n".write(to: dir.appendingPathComponent("s.lua"), atomically: true, encoding: .utf8)
        let read = try Binary.run(["-i", "-q"], stdin: ".read s.lua\n", directory: dir)
        XCTAssertTrue(read.stderr.contains("stack traceback:"), read.stderr)
        XCTAssertTrue(try Binary.run(["s.lua"], directory: dir).stderr.contains("stack traceback:"))
    }

    func testBatchUsageErrorIsOneLine() throws {
        let r = try Binary.run(["--batch", "--no-such-option"])
        XCTAssertEqual(r.status, 64)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("analyst: unrecognized option '--no-such-option'; see analyst --help\n"), r.stderr)
        // Without --batch the usage follows, for a person.
        XCTAssertTrue(try Binary.run(["--no-such-option"]).stderr.contains("usage: analyst"))
    }
}

/// `.schema` and `.fields` list what the API's objects hold, from the registry.
final class SchemaCommandTests: XCTestCase {
    func testSchemaAndFields() throws {
        let input = ".schema\n.schema event\n.fields events{type = \"capture\"}[1].place\n.fields advance{\"Aleppo\", \"Hama\"}\n.fields {n = 1, s = \"x\"}\n.schema Nope\n"
        let r = try Binary.run(["-i", "-q"], stdin: input)
        XCTAssertTrue(r.stdout.contains("\nEventList  "), r.stdout)
        XCTAssertTrue(r.stdout.contains("Event: One event"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  place            Place?  "), r.stdout)
        XCTAssertTrue(r.stdout.contains("Place: A place of the gazetteer"), r.stdout)
        XCTAssertTrue(r.stdout.contains("List of 2 items; methods: filter, map,"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Leg: One row of advance()"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  n  number\n  s  string\n"), r.stdout)
        XCTAssertTrue(r.stderr.contains("no type 'Nope'"), r.stderr)
        XCTAssertEqual(r.status, 1)
    }
}
