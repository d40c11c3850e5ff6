import Foundation
import XCTest

/// docs/cron.md's wrapper script runs as written: in a scratch /srv/analyst, with `mail` replaced
/// by a stand-in that records what it was asked to send.
final class CronDocTests: XCTestCase {
    func wrapperScript() throws -> String {
        let text = try String(contentsOf: Binary.packageRoot.appendingPathComponent("docs/cron.md"), encoding: .utf8)
        let block = try XCTUnwrap(text.components(separatedBy: "```sh\n").dropFirst().first)
        return try XCTUnwrap(block.components(separatedBy: "```").first)
    }

    func runWrapper(in root: URL) throws -> (status: Int32, mail: String?) {
        let fm = FileManager.default
        let script = try wrapperScript().replacingOccurrences(of: "/srv/analyst", with: root.path)
        let wrapper = root.appendingPathComponent("daily.sh")
        try script.write(to: wrapper, atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        let bin = root.appendingPathComponent("fakebin")
        try? fm.createDirectory(at: bin, withIntermediateDirectories: true)
        let mailLog = root.appendingPathComponent("mail.txt")
        try? fm.removeItem(at: mailLog)
        let mail = bin.appendingPathComponent("mail")
        try "#!/bin/sh\necho \"$@\" > '\(mailLog.path)'\ncat >> '\(mailLog.path)'\n".write(to: mail, atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: mail.path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["-i", "PATH=\(bin.path):/usr/bin:/bin", wrapper.path]
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, try? String(contentsOf: mailLog, encoding: .utf8))
    }

    func testWrapperRunsAsWrittenAndMailsOnlyWhatNeedsAHuman() throws {
        let root = try Binary.temporaryDirectory()
        let fm = FileManager.default
        for dir in [".build/release", "Scripts", "reports", "logs", "run"] {
            try fm.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        try fm.createSymbolicLink(at: root.appendingPathComponent(".build/release/analyst"), withDestinationURL: Binary.url)
        try fm.copyItem(at: Binary.packageRoot.appendingPathComponent("Scripts/daily-report.lua"),
                        to: root.appendingPathComponent("Scripts/daily-report.lua"))

        let ok = try runWrapper(in: root)
        XCTAssertEqual(ok.status, 0)
        XCTAssertNil(ok.mail, "no mail when the report was written")
        XCTAssertTrue(fm.fileExists(atPath: root.appendingPathComponent("reports/daily.csv").path))

        // A missing script: 66, and the log is mailed with the code in the subject.
        try fm.removeItem(at: root.appendingPathComponent("Scripts/daily-report.lua"))
        let failed = try runWrapper(in: root)
        XCTAssertEqual(failed.status, 66)
        let mail = try XCTUnwrap(failed.mail)
        XCTAssertTrue(mail.hasPrefix("-s analyst daily report failed (exit 66) ops@example.org\n"), mail)
        XCTAssertTrue(mail.contains("cannot open Scripts/daily-report.lua"), mail)
    }
}
