import Foundation
import XCTest

/// Exports killed mid-way or hitting a full disk leave the previous file intact (OutputFile writes
/// a temporary file beside the target, fsyncs it, then renames it over the target).
final class OutputSafetyTests: XCTestCase {
    static let script = """
    local rows = {}
    for i = 1, 50000 do rows[i] = {id = i, place = "Aleppo", note = string.rep("x", 40)} end
    local out, loop = ...
    repeat csv.write(out, rows) io.stderr:write("written\\n") until loop ~= "loop"
    """

    func testKilledExportLeavesOldOrNewFileNeverHalf() throws {
        let dir = try H.tempDir("kill")
        let script = dir.appendingPathComponent("export.lua")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        // The complete new file, for comparison.
        let ref = dir.appendingPathComponent("reference.csv")
        let done = try Bin.run([script.path, ref.path, "once"], timeout: 120)
        XCTAssertEqual(done.status, 0, done.stderr)
        let reference = try Data(contentsOf: ref)
        XCTAssertGreaterThan(reference.count, 2 << 20)
        let old = Data("id,note,place\r\nold,old,old\r\n".utf8)
        var outcomes: [String: Int] = [:]
        for (i, (signal, delay)) in [(SIGKILL, 0.05), (SIGKILL, 0.5), (SIGTERM, 0.2), (SIGTERM, 0.6)].enumerated() {
            let out = dir.appendingPathComponent("out\(i).csv")
            try old.write(to: out)
            let p = Process()
            p.executableURL = Bin.url
            p.arguments = [script.path, out.path, "loop"]
            let err = Pipe()
            p.standardError = err
            try p.run()
            // Wait for one complete write (the file is then the new one), then kill during a later write.
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("written") {
                let d = err.fileHandleForReading.availableData
                if d.isEmpty { break }
                seen += d
            }
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            let now = try Data(contentsOf: out)
            XCTAssertTrue(now == reference, "signal \(signal) after \(delay) s: \(now.count) bytes, not the complete file")
            outcomes[now == old ? "old" : "new", default: 0] += 1
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        print("killed exports: \(outcomes) (new = the complete previous export); temporary files left by SIGKILL: \(leftovers.count)")
    }

    func testFullDiskLeavesPreviousFile() throws {
        let mnt = try H.tempDir("full")
        guard mount("tmpfs", mnt.path, "tmpfs", 0, "size=64k") == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (not root?)")
        }
        defer { umount(mnt.path) }
        let out = mnt.appendingPathComponent("out.csv")
        let old = Data("a\r\n1\r\n".utf8)
        try old.write(to: out)
        let r = try Bin.run(["-e", "local rows = {} for i = 1, 10000 do rows[i] = {a = i, b = string.rep('y', 30)} end local ok, e = pcall(csv.write, '\(out.path)', rows) print(ok, e)"], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("false") && r.stdout.contains("No space left on device"), r.stdout)
        XCTAssertEqual(try Data(contentsOf: out), old)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mnt.path), ["out.csv"], "temporary file left behind")
        // Also an uncaught failure: exit 73 (cannot create output) with the message.
        let r2 = try Bin.run(["-e", "local rows = {} for i = 1, 10000 do rows[i] = {a = i} end events{}:to_csv('\(out.path)') csv.write('\(out.path)', rows)"], timeout: 60)
        XCTAssertEqual(r2.status, 73, r2.stderr)
        XCTAssertTrue(r2.stderr.contains("cannot write"), r2.stderr)
        XCTAssertNotEqual(try Data(contentsOf: out), old)   // the small events CSV fitted and replaced it
    }

    func testRenameFailureLeavesTarget() throws {
        let dir = try H.tempDir("rename")
        let target = dir.appendingPathComponent("target.csv")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
        let r = try Bin.run(["-e", "print(pcall(csv.write, '\(target.path)', {{a = 1}}))"], timeout: 60)
        XCTAssertTrue(r.stdout.hasPrefix("false"), r.stdout)
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("inside"), encoding: .utf8), "keep")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["target.csv"])
        // A device as the target: refused, not replaced by a plain file (it used to be, as root).
        let fifo = dir.appendingPathComponent("fifo.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let r2 = try Bin.run(["-e", "print(pcall(csv.write, '\(fifo)', {{a = 1}}))"], timeout: 60)
        XCTAssertTrue(r2.stdout.hasPrefix("false") && r2.stdout.contains("not a regular file"), r2.stdout)
        var st = stat()
        XCTAssertEqual(lstat(fifo, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)
    }
}
