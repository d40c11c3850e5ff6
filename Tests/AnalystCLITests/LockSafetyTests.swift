import Foundation
import XCTest

/// `--lock FILE` only ever holds an flock: created if missing, never truncated or written, never
/// through a symlink, and only a regular file owned by the user (docs/cron.md, "Where the lock lives").
final class LockSafetyTests: XCTestCase {
    func testLockNeverDamagesAFileAndRefusesSymlinksAndSpecialFiles() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // an existing file used as a lock keeps its bytes
        let important = dir.appendingPathComponent("important.csv")
        let bytes = Data("id,place\n1,Hama\n".utf8)
        try bytes.write(to: important)
        let r = try Binary.run(["--batch", "--lock", important.path, "-e", "print('ran')"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try Data(contentsOf: important), bytes)
        // a symlink planted under the lock's name: refused, target untouched, exit 73
        let victim = dir.appendingPathComponent("victim.txt")
        try bytes.write(to: victim)
        let link = dir.appendingPathComponent("planted.lock")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
        let s = try Binary.run(["--batch", "--lock", link.path, "-e", "print('ran')"])
        XCTAssertEqual(s.status, 73, s.stderr)
        XCTAssertTrue(s.stderr.contains("symbolic link"), s.stderr)
        XCTAssertEqual(s.stdout, "")
        XCTAssertEqual(try Data(contentsOf: victim), bytes)
        // a dangling symlink is not followed to create its target either
        let dangling = dir.appendingPathComponent("dangling.lock")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: dir.appendingPathComponent("made-by-lock").path)
        XCTAssertEqual(try Binary.run(["--batch", "--lock", dangling.path, "-e", "print('ran')"]).status, 73)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("made-by-lock").path))
        // a FIFO and a folder: refused at once, no hang
        let fifo = dir.appendingPathComponent("fifo.lock")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        for path in [fifo.path, dir.path] {
            let f = try Binary.run(["--batch", "--lock", path, "-e", "print('ran')"], timeout: 20)
            XCTAssertEqual(f.status, 73, "\(path): \(f.stderr)")
        }
        // a new lock file is created empty, private, and stays empty
        let fresh = dir.appendingPathComponent("new.lock")
        XCTAssertEqual(try Binary.run(["--batch", "--lock", fresh.path, "-e", "print('ran')"]).status, 0)
        let attrs = try FileManager.default.attributesOfItem(atPath: fresh.path)
        XCTAssertEqual(attrs[.size] as? Int, 0)
        XCTAssertEqual((attrs[.posixPermissions] as? Int).map { $0 & 0o077 }, 0)
    }

    func testLockOwnedByAnotherUserIsRefused() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root to make a file owned by another user") }
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let foreign = dir.appendingPathComponent("foreign.lock")
        try Data().write(to: foreign)
        XCTAssertEqual(chown(foreign.path, 65534, 65534), 0)
        let r = try Binary.run(["--batch", "--lock", foreign.path, "-e", "print('ran')"])
        XCTAssertEqual(r.status, 73, r.stderr)
        XCTAssertTrue(r.stderr.contains("owned by another user"), r.stderr)
    }
}
