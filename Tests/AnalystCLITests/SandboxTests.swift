import Foundation
import XCTest

/// The sandbox's positive model (docs/reliability.md, "Threat model"): paths are strings without
/// NUL bytes, resolved (symlinks, `..`) before the check; only text chunks load anywhere; the output
/// folder is kept apart from the folders code is loaded from; dot-commands obey the same rules.
final class SandboxTests: XCTestCase {
    var top: URL!, work: URL!, out: URL!
    override func setUpWithError() throws {
        top = try Binary.temporaryDirectory()
        work = top.appendingPathComponent("work")
        out = top.appendingPathComponent("out")
        for d in [work!, out!] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
    }
    override func tearDown() { try? FileManager.default.removeItem(at: top) }

    func sandboxed(_ code: String, _ extra: [String] = []) throws -> Binary.Result {
        try Binary.run(["--batch", "--sandbox", "--output-dir", out.path] + extra + ["-e", code], directory: work)
    }

    /// Every file under `top` (relative names), to prove nothing was written outside `out`.
    func filesOutsideOut() -> [String] {
        let all = (FileManager.default.enumerator(atPath: top.path)?.allObjects as? [String]) ?? []
        return all.filter { !$0.hasPrefix("out") && $0 != "work" && !$0.hasPrefix("work/keep") }.sorted()
    }

    func testNulBytesAndNonStringPathsAreRefused() throws {
        let attempts = [
            #"io.open("../out/../escaped1.txt\0/..", "w")"#,
            #"io.open("../out/x\0../../escaped2.txt", "a+")"#,
            #"io.output("../out/../escaped3.txt\0/..")"#,
            #"os.rename("../out/a\0", "../escaped4.txt\0/..")"#,
            #"os.remove("../out/..\0")"#,
            "io.open(1234, 'w')", "io.output(5678)", "os.remove(1234)", "os.rename(1234, '../out/x')",
            "io.open({}, 'w')", "io.lines('/etc/hostname\\0junk')", "io.input(42)",
            #"io.open("../out/nothere/../../escaped5.txt", "w")"#,
        ]
        try Data("a".utf8).write(to: out.appendingPathComponent("a"))
        for code in attempts {
            let r = try sandboxed("local ok, e = pcall(function() return \(code) end) print(ok, e)")
            XCTAssertEqual(r.status, 0, "\(code): \(r.stderr)")
            XCTAssertTrue(r.stdout.hasPrefix("false\tsandbox: "), "\(code): \(r.stdout)")
        }
        // a path through a missing folder resolves inside (the kernel then fails): nothing is created
        let missing = try sandboxed(#"print(io.open("../out/nothere/..", "w"))"#)
        XCTAssertTrue(missing.stdout.hasPrefix("nil\t"), missing.stdout + missing.stderr)
        XCTAssertEqual(filesOutsideOut(), [], "a refused path created a file")
        // unprotected: a script error on the script's line, exit 1
        let r = try sandboxed("\n\nio.open(1234, 'w')")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("(command line):3: sandbox: a file path must be a string, got number"), r.stderr)
        // a NUL byte is refused by the Swift writers too, sandbox or not
        let w = try Binary.run(["-e", #"print(pcall(csv.write, "x.csv\0/../y", {{a = 1}}))"#], directory: work)
        XCTAssertTrue(w.stdout.contains("contains a NUL byte"), w.stdout + w.stderr)
    }

    func testSymlinksAndDotDotAreResolvedBeforeTheCheck() throws {
        let victim = top.appendingPathComponent("victim.txt")
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("dangling").path, withDestinationPath: victim.path)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("up").path, withDestinationPath: top.path)
        for code in ["io.open('../out/dangling', 'w')", "io.open('../out/up/escaped.txt', 'w')",
                     "io.open('../out/./../escaped.txt', 'w')", "os.rename('../out/dangling', '../out/up/x')",
                     "atomic.open('../out/up/escaped.txt')", "csv.write('../out/dangling', {{a = 1}})"] {
            let r = try sandboxed("print(pcall(function() return \(code) end))")
            XCTAssertTrue(r.stdout.hasPrefix("false") && r.stdout.contains("outside --output-dir"), "\(code): \(r.stdout) \(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: victim.path))
        XCTAssertEqual(filesOutsideOut(), [])
        let ok = try sandboxed("local f = assert(io.open('../out/sub.txt', 'w')) f:write('fine') f:close() csv.write('../out/t.csv', {{a = 1}})")
        XCTAssertEqual(ok.status, 0, ok.stderr)
    }

    func testOnlyTextChunksLoad() throws {
        // Bytecode made outside the sandbox, placed where code may be loaded from.
        let make = try Binary.run(["-e", "local f = io.open('keep.luac', 'wb') f:write(string.dump(load('print(\"ran bytecode\")'))) f:close()"],
                                  directory: work)
        XCTAssertEqual(make.status, 0, make.stderr)
        let bytecode = try Data(contentsOf: work.appendingPathComponent("keep.luac"))
        // as the main script, from standard input, through .read
        let asScript = try Binary.run(["--batch", "--sandbox", "--output-dir", out.path, "keep.luac"], directory: work)
        XCTAssertEqual(asScript.status, 1)
        XCTAssertTrue(asScript.stderr.contains("attempt to load a binary chunk"), asScript.stderr)
        let asStdin = try Binary.run(["--batch", "--sandbox", "--output-dir", out.path, "-"], stdinData: bytecode, directory: work)
        XCTAssertEqual(asStdin.status, 1)
        XCTAssertFalse(asStdin.stdout.contains("ran bytecode"))
        let asRead = try Binary.run(["--sandbox", "--output-dir", out.path, "-i", "-q"], stdin: ".read keep.luac\nprint('alive')\n", directory: work)
        XCTAssertTrue(asRead.stderr.contains("attempt to load a binary chunk"), asRead.stderr)
        XCTAssertEqual(asRead.stdout, "alive\n")
        // load, loadfile, dofile, require: a mode without 'b' whatever the script asks
        let r = try sandboxed("""
        local bc = string.dump(function() return 1 end)
        print(load(bc, 'x', 'b'))
        print(load(bc, 'x', 'bt'))
        print(loadfile('keep.luac', 'b'))
        print(pcall(dofile, 'keep.luac'))
        getmetatable('').__index = {gsub = function(s) return s end, find = function() return nil end}
        print(load(bc, 'x', 'b'))
        print(pcall(io.open, '/tmp/analyst-sandbox-hijack', 'w'))
        """)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 6, r.stdout)
        for line in lines.dropLast() { XCTAssertTrue(line.contains("attempt to load a binary chunk") || line.contains("chunk (mode is"), line) }
        XCTAssertTrue(lines.last?.contains("outside --output-dir") == true, r.stdout)
        XCTAssertFalse(r.stdout.contains("ran bytecode"))
    }

    func testLoadBehavesAsInLuaOtherwise() throws {
        let r = try sandboxed("""
        print(load("return 1")())
        print(load("return x", "c", "t", {x = 7})())
        print(load("return y", "c", nil, {y = 8})())
        print(load(coroutine.wrap(function() coroutine.yield("return ") coroutine.yield("9") end))())
        local f = io.open('keep.lua', 'r') print(f == nil)
        """)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "1\n7\n8\n9\ntrue\n")
        try "return ...".write(to: work.appendingPathComponent("keep.lua"), atomically: true, encoding: .utf8)
        let lf = try sandboxed("print(loadfile('keep.lua')(5)) print(loadfile('keep.lua', 't', {})(6))")
        XCTAssertEqual(lf.stdout, "5\n6\n", lf.stderr)
    }

    func testOutputFolderIsKeptApartFromCode() throws {
        let script = work.appendingPathComponent("keep.lua")
        try "print('ran')".write(to: script, atomically: true, encoding: .utf8)
        let inside = work.appendingPathComponent("keep-out")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        for (dir, relation) in [(work.path, " is "), (inside.path, " lies inside "), (top.path, " contains ")] {
            let r = try Binary.run(["--batch", "--sandbox", "--output-dir", dir, script.path], directory: top)
            XCTAssertEqual(r.status, 64, "\(dir): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(relation) && r.stderr.contains("folder sandboxed code is loaded from"), r.stderr)
            XCTAssertEqual(r.stdout, "")
        }
        // Scripts/ of the current folder is a code folder too
        let scripts = top.appendingPathComponent("Scripts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        let s = try Binary.run(["--batch", "--sandbox", "--output-dir", "Scripts", script.path], directory: top)
        XCTAssertEqual(s.status, 64, s.stderr)
        // without --output-dir: a fresh folder of its own, named on stderr
        let fresh = try Binary.run(["--batch", "--sandbox", "-e", "print(pcall(io.open, 'x.txt', 'w'))"], directory: work)
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertTrue(fresh.stderr.contains("outputs go to"), fresh.stderr)
        XCTAssertTrue(fresh.stdout.hasPrefix("false\tsandbox: writing"), fresh.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("x.txt").path))
        if let folder = fresh.stderr.components(separatedBy: "outputs go to ").last?.trimmingCharacters(in: .whitespacesAndNewlines) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder), folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        // --output-dir that is a regular file: exit 73, sandbox or not
        let file = top.appendingPathComponent("plain")
        try Data().write(to: file)
        for extra in [["--sandbox"], []] {
            let r = try Binary.run(["--batch"] + extra + ["--output-dir", file.path, "-e", "print(1)"], directory: work)
            XCTAssertEqual(r.status, 73, r.stderr)
            XCTAssertTrue(r.stderr.contains("not a folder"), r.stderr)
        }
    }

    /// The path family, generated: 3,000 paths made of `..`, `.`, NUL bytes, symlinks out of the
    /// folder (to its parent, dangling, a loop), long and odd names, handed to every writer. Nothing
    /// may appear outside the output folder, whatever succeeds inside it.
    func testGeneratedPathsNeverWriteOutside() throws {
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("up").path, withDestinationPath: top.path)
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("dangling").path, withDestinationPath: top.appendingPathComponent("victim").path)
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("loop").path, withDestinationPath: out.appendingPathComponent("loop").path)
        try fm.createDirectory(at: out.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let script = """
        math.randomseed(17)
        local parts = {"..", ".", "sub", "up", "dangling", "loop", "x.csv", "y", "\\0", "..\\0", "", "/", "nothere",
                       string.rep("n", 300), "\\xff", "%s", "out", "work"}
        local starts = {"../out/", "", "/", "../", "../out/up/", "../out/sub/../"}
        local writers = {
          function(p) local f = io.open(p, "w") if f then f:write("x") f:close() end end,
          function(p) local f = io.open(p, "a+") if f then f:close() end end,
          function(p) io.output(p) io.output(io.stdout) end,
          function(p) os.rename("../out/sub", p) os.rename(p, "../out/sub") end,
          function(p) os.remove(p) end,
          function(p) csv.write(p, {{a = 1}}) end,
          function(p) local f = atomic.open(p) f:write("x") f:close() end,
          function(p) geojson.write(p, {{lat = 1, lon = 2}}) end,
        }
        local refused, done = 0, 0
        for i = 1, 3000 do
          local p = starts[math.random(#starts)]
          for _ = 1, math.random(1, 5) do p = p .. parts[math.random(#parts)] .. (math.random() < 0.7 and "/" or "") end
          p = p:gsub("\\\\0", "\\0"):gsub("\\\\xff", "\\255")
          local ok, e = pcall(writers[math.random(#writers)], p)
          if ok then done = done + 1 elseif tostring(e):find("sandbox") then refused = refused + 1 end
        end
        print(refused, done)
        """
        let r = try sandboxed(script)
        XCTAssertEqual(r.status, 0, String(r.stderr.suffix(500)))
        let counts = r.stdout.split(whereSeparator: { $0 == "\t" || $0 == "\n" }).compactMap { Int($0) }
        print("generated paths: refused, completed = \(counts)")
        XCTAssertEqual(counts.count, 2, r.stdout)
        XCTAssertGreaterThan(counts.first ?? 0, 500, "few refusals: the generator does not reach outside")
        XCTAssertEqual(filesOutsideOut(), [], "a generated path wrote outside the output folder")
        XCTAssertFalse(fm.fileExists(atPath: top.appendingPathComponent("victim").path))
    }

    func testDotCommandsObeyTheSandbox() throws {
        let elsewhere = top.appendingPathComponent("elsewhere.lua")
        try "print('ran elsewhere')".write(to: elsewhere, atomically: true, encoding: .utf8)
        let input = """
        .output ../escaped.txt
        .once ../escaped2.txt
        .read \(elsewhere.path)
        .once ../out/ok.txt
        print('into out')
        print('on screen')

        """
        let r = try Binary.run(["--sandbox", "--output-dir", out.path, "-i", "-q"], stdin: input, directory: work)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("ran elsewhere"))
        XCTAssertEqual(r.stdout, "on screen\n")
        XCTAssertEqual(r.stderr.components(separatedBy: "outside --output-dir").count - 1, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("is outside the script's folder and Scripts/"), r.stderr)
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("ok.txt"), encoding: .utf8), "into out\n")
        XCTAssertEqual(filesOutsideOut(), ["elsewhere.lua"])
    }
}
