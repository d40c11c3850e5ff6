import Foundation
import XCTest

/// `--events` with files a careless user or an attacker controls: no signal, a clear error naming
/// the file (and line), the documented exit code (65 bad data, 66 no input).
final class HostileImportCommandTests: XCTestCase {
    let header = ImportCommandTests.header
    let row = "SYR100,2024-12-05,2024,1,Political violence,Battles,Armed clash,Hayat Tahrir al-Sham,,Rebel group,Military Forces of Syria (2000-2024),,State forces,12,,760,Middle East,Syria,Hama,Hama,,Hama,35.1318,36.7578,1,SOHR,National,\"a, b\",2,,1733400000"

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = try Binary.temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func testWideHeaderAndCROnlyFilesImport() throws {
        let wide = try write(Array((header + String(repeating: ",x", count: 400) + "\n" + row + String(repeating: ",", count: 400) + "\n").utf8), "wide.csv")
        let cr = try write(Array((header + "\r" + row + "\r" + row.replacingOccurrences(of: "SYR100", with: "SYR101") + "\r").utf8), "mac.csv")
        for (path, n) in [(wide, 1), (cr, 2)] {
            let r = try Binary.run(["--events", path, "-e", "print(#events{}:filter(function(e) return e.file ~= nil end))"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "\(n)\n", r.stderr)
        }
    }

    func testLatin1UnderStrictIsAnErrorWithFileAndLine() throws {
        var bytes = Array((header + "\n" + row + "\n").utf8)
        bytes.replaceSubrange(bytes.count - 30..<bytes.count - 29, with: [0xE9])   // inside the notes
        let path = try write(bytes, "latin1.csv")
        let strict = try Binary.run(["--strict", "--events", path, "-e", "print('not reached')"])
        XCTAssertEqual(strict.status, 65)
        XCTAssertTrue(strict.stderr.contains("latin1.csv:2: byte 0xE9 is not UTF-8"), strict.stderr)
        let lenient = try Binary.run(["--events", path, "-e", "print(#events{}:filter(function(e) return e.file ~= nil end))"])
        XCTAssertEqual(lenient.status, 0)
        XCTAssertEqual(lenient.stdout, "1\n")
        XCTAssertTrue(lenient.stderr.contains("warning: byte 0xE9"), lenient.stderr)
    }

    func testAFIFOIsRefusedWithoutWaiting() throws {
        let path = try Binary.temporaryDirectory().appendingPathComponent("events.fifo").path
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        let r = try Binary.run(["--events", path, "-e", "print(1)"])
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("not a regular file"), r.stderr)
    }
}
