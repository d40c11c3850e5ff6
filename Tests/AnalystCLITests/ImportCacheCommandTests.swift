import Foundation
import XCTest

/// The import cache from the command line (docs/import.md, "The import cache"): a rerun of
/// `--events FILE` on an unchanged file reopens the snapshot and prints the same results;
/// `--no-cache` and `ANALYST_NO_CACHE` turn it off; a damaged entry is rebuilt, not a crash.
final class ImportCacheCommandTests: XCTestCase {
    let script = "local l = events{consolidated = false, event_type = 'Battles'} print(#l, l:sum('fatalities'), #events{}) "
        + "for _, e in ipairs(l) do print(e.id, e.type, e.date, e.place.name, e.actor_name, e.notes, e.file ~= nil, e.line) end"

    func run(_ args: [String], cache: String, extra: [String: String] = [:]) throws -> Binary.Result {
        var env = ProcessInfo.processInfo.environment
        env["ANALYST_NO_CACHE"] = nil
        env["ANALYST_CACHE_DIR"] = cache
        env.merge(extra) { $1 }
        return try Binary.run(args, environment: env)
    }

    func testARerunReopensTheSnapshotWithTheSameResults() throws {
        let dir = try Binary.temporaryDirectory()
        let cache = dir.appendingPathComponent("cache").path
        let path = dir.appendingPathComponent("acled.csv").path
        let rows = [
            "SYR200,2024-12-05,2024,1,Political violence,Battles,Armed clash,Hayat Tahrir al-Sham,,Rebel group,Military Forces of Syria (2000-2024),,State forces,12,,760,Middle East,Syria,Hama,Hama,,Hama,35.1318,36.7578,1,SOHR,National,\"a clash, \"\"long\"\"\",12,,1733400000",
            "SYR201,2024-12-07,2024,1,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,State forces,,,,80,,760,Middle East,Syria,Homs,Homs,,Homs,34.7324,36.7137,1,SANA,National,strike,NA,,1733500000",
        ]
        try ([ImportCommandTests.header] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let first = try run(["--events", path, "-e", script], cache: cache)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(first.stderr.contains("from the import cache"), first.stderr)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".snap") }
        XCTAssertEqual(entries.count, 1)

        let second = try run(["--events", path, "-e", script], cache: cache)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("2 imported") && second.stderr.contains("(from the import cache)"), second.stderr)
        XCTAssertEqual(second.stdout, first.stdout)
        XCTAssertTrue(first.stdout.hasPrefix("1\t12\t"), first.stdout)

        for off in [["--no-cache"], []] {
            let extra = off.isEmpty ? ["ANALYST_NO_CACHE": "1"] : [:]
            let r = try run(off + ["--events", path, "-e", script], cache: cache, extra: extra)
            XCTAssertEqual(r.stdout, first.stdout)
            XCTAssertFalse(r.stderr.contains("from the import cache"), r.stderr)
        }

        // A damaged entry: a miss, rebuilt; the output is the same.
        let entry = cache + "/" + entries[0]
        var bytes = try Data(contentsOf: URL(fileURLWithPath: entry))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: entry))
        let damaged = try run(["--events", path, "-e", script], cache: cache, extra: ["ANALYST_IMPORT_TRACE": "1"])
        XCTAssertEqual(damaged.status, 0, damaged.stderr)
        XCTAssertEqual(damaged.stdout, first.stdout)
        XCTAssertTrue(damaged.stderr.contains("not a usable snapshot") && damaged.stderr.contains("entry deleted"), damaged.stderr)
        XCTAssertTrue(try run(["--events", path, "-e", script], cache: cache).stderr.contains("(from the import cache)"))

        // Deleting the cache is safe; a sandboxed run (writes only under --output-dir) does not use it.
        try FileManager.default.removeItem(atPath: cache)
        let out = dir.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let sandboxed = try run(["--sandbox", "--output-dir", out, "--events", path, "-e", script], cache: cache)
        XCTAssertEqual(sandboxed.status, 0, sandboxed.stderr)
        XCTAssertEqual(sandboxed.stdout, first.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "no cache written under --sandbox")
        let again = try run(["--events", path, "-e", script], cache: cache)
        XCTAssertEqual(again.stdout, first.stdout)
    }
}
