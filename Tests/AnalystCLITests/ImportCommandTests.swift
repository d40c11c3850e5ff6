import Foundation
import XCTest

/// `--events FILE` and `corpus.import`: imported rows join events{}, malformed rows are reported
/// by line, `--strict` stops at the first.
final class ImportCommandTests: XCTestCase {
    static let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    func file(_ rows: [String]) throws -> String {
        let dir = try Binary.temporaryDirectory()
        let url = dir.appendingPathComponent("acled.csv")
        try ([ImportCommandTests.header] + rows).joined(separator: "\r\n").appending("\r\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    let good = [
        "SYR100,2024-12-05,2024,1,Political violence,Battles,Non-state actor overtakes territory,Hayat Tahrir al-Sham,,Rebel group,Military Forces of Syria (2000-2024),,State forces,12,,760,Middle East,Syria,Hama,Hama,,Hama,35.1318,36.7578,1,SOHR,National,\"HTS took the city, \"\"fully\"\"\",12,,1733400000",
        "SYR101,2024-12-07,2024,1,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,State forces,,,,80,,760,Middle East,Syria,Homs,Homs,,Homs,34.7324,36.7137,1,SANA,National,strike,NA,,1733500000",
    ]

    func testEventsOptionImportsBeforeTheScript() throws {
        let path = try file(good)
        let r = try Binary.run(["--events", path, "-e", "local l = events{consolidated = true, from = '2024-12-05', to = '2024-12-05', place = 'Hama', type = 'capture'} for _, e in ipairs(l) do if e.id == 'SYR100' then print(e.type, e.date, e.place.name, e.fatalities, e.original_type) end end"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "capture\t2024-12-05\tHama\t12\tBattles / Non-state actor overtakes territory\n")
        XCTAssertTrue(r.stderr.contains("2 imported"), r.stderr)
    }

    func testMalformedRowsAreReportedByLineOrStopWithStrict() throws {
        let bad = "SYR102,not a date,2024,1,Political violence,Battles,Armed clash,A,,1,B,,2,12,,760,Middle East,Syria,Hama,,,Hama,35.1,36.7,1,X,National,n,0,,0"
        let path = try file(good + [bad, "SYR103,2024-12-06,too,few,fields"])
        let r = try Binary.run(["--events", path, "-e", "print(#events{}:filter(function(e) return e.id:match('^SYR') end))"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "2\n")
        XCTAssertTrue(r.stderr.contains("2 skipped"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 4:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 5:"), r.stderr)
        let strict = try Binary.run(["--strict", "--events", path, "-e", "print('not reached')"])
        XCTAssertEqual(strict.status, 65)
        XCTAssertTrue(strict.stderr.contains("acled.csv:4:"), strict.stderr)
        XCTAssertEqual(strict.stdout, "")
        XCTAssertEqual(try Binary.run(["--events", "/nonexistent.csv", "-e", "print(1)"]).status, 66)
    }

    func testCorpusImportFromLuaAndReload() throws {
        let path = try file(good)
        let r = try Binary.run(["-", path], stdin: """
            local rep = corpus.import(...)
            print(rep.format, rep.rows, rep.imported, rep.skipped)
            local before = #events{}
            corpus.reload()
            print(#events{} == before)
            local ok, err = pcall(corpus.import, '/nonexistent.csv')
            print(ok)
            """)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("acled") ?? false, r.stdout)
        XCTAssertTrue(lines.first?.hasSuffix("\t2\t2\t0") ?? false, r.stdout)
        XCTAssertEqual(Array(lines.dropFirst()), ["true", "false"])
    }
}
