import Foundation
import XCTest

/// What analyst writes, other tools read back with the same rows: Python's csv module, DuckDB's
/// read_csv (when the duckdb module is installed) and analyst's own ACLED importer.
final class CSVInteropTests: XCTestCase {
    func python(_ code: String) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", code]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testEventsCSVAndACLEDExportReadBackEverywhere() throws {
        let dir = try Binary.temporaryDirectory()
        let caps = dir.appendingPathComponent("c.csv").path, acled = dir.appendingPathComponent("a.csv").path
        let r = try Binary.run(["-e", "print(events{type='capture'}:to_csv('\(caps)'), events{}:to_csv('\(acled)', {format = 'acled'}))"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let counts = r.stdout.split(whereSeparator: { $0 == "\t" || $0 == "\n" }).compactMap { Int($0) }
        XCTAssertEqual(counts.count, 2)
        guard try python("print(1)").status == 0 else { throw XCTSkip("python3 is not installed") }
        let py = try python("""
            import csv
            for p in ["\(caps)", "\(acled)"]:
                rows = list(csv.DictReader(open(p, newline="", encoding="utf-8")))
                print(len(rows), len(rows[0]) if rows else 0)
            """)
        XCTAssertEqual(py.out, "\(counts[0]) 24\n\(counts[1]) 31\n")
        let duck = try python("""
            import duckdb
            for p in ["\(caps)", "\(acled)"]:
                print(duckdb.sql(f"select count(*) from read_csv('{p}', header = true)").fetchone()[0])
            """)
        if duck.status == 0 { XCTAssertEqual(duck.out, "\(counts[0])\n\(counts[1])\n") }
        // The ACLED export goes back in through the ACLED importer: every row, none skipped.
        // Types survive the trip (ACLED has no withdrawal or displacement: `tags` carries ours).
        let types = "local t = {} for _, e in ipairs(events{}) do if (e.original_type ~= nil) == IMPORTED then t[#t + 1] = e.type .. '@' .. e.date end end table.sort(t) print(table.concat(t, ','))"
        let back = try Binary.run(["--events", acled, "-e", "IMPORTED = true " + types])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertTrue(back.stderr.contains("\(counts[1]) rows read, \(counts[1]) imported, 0 skipped"), back.stderr)
        let original = try Binary.run(["-e", "IMPORTED = false " + types])
        XCTAssertEqual(back.stdout, original.stdout)
    }
}
