import Foundation
import XCTest

/// --max-memory also bounds what the host allocates for a script (Swift copies of its strings,
/// CSV text being built, csv.read's buffers): refused with exit 71, never a multi-GB heap or an abort.
/// (Before: csv.write of rows sharing a 30 MB string reached 2.1 GB under --max-memory 64.)
final class HostMemoryTests: XCTestCase {
    func testHostAllocationsForAScriptAreCapped() throws {
        let dir = try H.tempDir("hostmem")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("big.csv").path
        let mb = H.full ? 30 : 8
        let write = "local s = string.rep('x', \(mb) * 1024 * 1024) local rows = {} for i = 1, 100 do rows[i] = {a = s, b = i} end "
        let r = try Bin.run(["--max-memory", "32", "-e", write + "csv.write('\(out)', rows)"], timeout: 60)
        XCTAssertFalse(Bin.isCrash(r), r.stderr)
        XCTAssertEqual(r.status, 71, r.stderr)
        XCTAssertTrue(r.stderr.contains("not enough memory (--max-memory 32 MB)"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertLessThan(r.seconds, 20)
        // geojson.write and events:to_csv go through the same checks; a small write still works
        let g = try Bin.run(["--max-memory", "32", "-e", write + "geojson.write('\(out).json', rows)"], timeout: 60)
        XCTAssertEqual(g.status, 71, g.stderr)
        let small = try Bin.run(["--max-memory", "32", "-e", "csv.write('\(out)', {{a = string.rep('y', 1000)}}) print(#csv.read('\(out)'))"])
        XCTAssertEqual(small.status, 0, small.stderr)
        XCTAssertEqual(small.stdout, "1\n")
        // csv.read of a file larger than the cap: refused (catchable, as Lua's own memory errors are)
        let big = dir.appendingPathComponent("read.csv")
        try Data(("a\n" + String(repeating: String(repeating: "z", count: 999) + "\n", count: 16 * 1024)).utf8).write(to: big)
        let rd = try Bin.run(["--max-memory", "32", "-e", "print(pcall(csv.read, '\(big.path)'))"])
        XCTAssertEqual(rd.stdout, "false\tnot enough memory\n", rd.stderr)
    }
}
