import Foundation
import XCTest

/// `--sandbox` without `--output-dir` makes a fresh output folder outside every folder code is
/// loaded from, even when the temporary folder is the current folder (running from /tmp).
final class SandboxOutputFolderTests: XCTestCase {
    func testFreshOutputFolderAvoidsTheCodeFolder() throws {
        let dir = try Binary.temporaryDirectory()
        let r = try Binary.run(["--sandbox", "-e", "print(load('return 1')())"], directory: dir,
                               environment: ["TMPDIR": dir.path, "HOME": NSTemporaryDirectory()])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "1\n")
        let line = try XCTUnwrap(r.stderr.split(separator: "\n").first { $0.contains("outputs go to ") })
        let out = String(line.split(separator: " ").last!)
        XCTAssertFalse(out.hasPrefix(dir.resolvingSymlinksInPath().path + "/"), "\(out) lies inside the code folder \(dir.path)")
        try? FileManager.default.removeItem(atPath: out)
    }
}
