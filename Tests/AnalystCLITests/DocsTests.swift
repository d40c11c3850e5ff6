import Foundation
import XCTest

/// The documentation runs: the crontab line of docs/cron.md and the session of docs/shell.md.
final class DocsTests: XCTestCase {
    func document(_ name: String) throws -> String {
        try String(contentsOf: Binary.packageRoot.appendingPathComponent("docs/\(name)"), encoding: .utf8)
    }

    /// The first line of the ```crontab block, without its five time fields.
    func cronCommand() throws -> String {
        let text = try document("cron.md")
        let block = try XCTUnwrap(text.components(separatedBy: "```crontab\n").dropFirst().first)
        let line = try XCTUnwrap(block.split(separator: "\n").first)
        return line.split(separator: " ", maxSplits: 5).last.map(String.init) ?? ""
    }

    func testCronLineRunsWithoutTerminalOrEnvironment() throws {
        // A scratch /srv/analyst: the binary where the line expects it, reports/ and logs/, and the
        // real Scripts/daily-report.lua.
        let root = try Binary.temporaryDirectory()
        let fm = FileManager.default
        for dir in [".build/release", "Scripts", "reports", "logs"] {
            try fm.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        try fm.createSymbolicLink(at: root.appendingPathComponent(".build/release/analyst"), withDestinationURL: Binary.url)
        try fm.copyItem(at: Binary.packageRoot.appendingPathComponent("Scripts/daily-report.lua"),
                        to: root.appendingPathComponent("Scripts/daily-report.lua"))

        let command = try cronCommand()
        XCTAssertTrue(command.hasPrefix("cd /srv/analyst && "), command)
        let lock = root.appendingPathComponent("run/daily.lock").path   // the per-user folder of docs/cron.md
        try fm.createDirectory(at: root.appendingPathComponent("run"), withIntermediateDirectories: true)
        let local = command.replacingOccurrences(of: "/srv/analyst", with: root.path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["-i", "/bin/sh", "-c", local]
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let log = (try? String(contentsOf: root.appendingPathComponent("logs/daily.log"), encoding: .utf8)) ?? ""
        XCTAssertEqual(p.terminationStatus, 0, log)
        XCTAssertTrue(log.hasPrefix("reports/daily: "), log)
        XCTAssertTrue(log.contains(" events since "), log)
        let report = try String(contentsOf: root.appendingPathComponent("reports/daily.csv"), encoding: .utf8)
        XCTAssertTrue(report.hasPrefix("id,type,date,"), report)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: root.appendingPathComponent("reports").path).sorted(),
                       ["daily.csv", "daily.geojson"])
        // The same line for a given day reports that day's events.
        let dated = Process()
        dated.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        dated.arguments = ["-i", "/bin/sh", "-c", local.replacingOccurrences(of: "daily-report.lua -", with: "daily-report.lua 2024-11-27")]
        dated.standardInput = FileHandle.nullDevice
        try dated.run()
        dated.waitUntilExit()
        XCTAssertEqual(dated.terminationStatus, 0)
        let rows = try String(contentsOf: root.appendingPathComponent("reports/daily.csv"), encoding: .utf8)
        XCTAssertGreaterThan(rows.split(separator: "\r\n").count, 2, rows)

        // The same line while another run holds the lock: 75, with a timestamped reason in the log.
        let holder = Process()
        holder.executableURL = Binary.url
        holder.arguments = ["--batch", "--lock", lock, "-e", "io.read('a')"]
        let input = Pipe()
        holder.standardInput = input
        try holder.run()
        Binary.waitUntilLocked(lock)
        let second = Process()
        second.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        second.arguments = ["-i", "/bin/sh", "-c", local]
        try second.run()
        second.waitUntilExit()
        XCTAssertEqual(second.terminationStatus, 75)
        let after = try String(contentsOf: root.appendingPathComponent("logs/daily.log"), encoding: .utf8)
        XCTAssertTrue(after.contains("analyst: lock run/daily.lock is held by another run (pid \(holder.processIdentifier))"), after)
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
    }

    /// The session in docs/shell.md between the transcript markers: lines starting with `> ` or
    /// `>> ` are typed, the others are what analyst shows (stdout and stderr together).
    func testShellTranscriptReplays() throws {
        let text = try document("shell.md")
        let start = try XCTUnwrap(text.range(of: "<!-- transcript -->\n```\n"))
        let end = try XCTUnwrap(text.range(of: "```\n<!-- /transcript -->", range: start.upperBound..<text.endIndex))
        var input = "", expected = ""
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix(">> ") { input += line.dropFirst(3) + "\n" } else if line.hasPrefix("> ") || line == ">" {
                input += line.dropFirst(2) + "\n"
            } else { expected += line + "\n" }
        }
        let dir = try Binary.temporaryDirectory()
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["-i", "-q"]
        p.currentDirectoryURL = dir
        let out = Pipe(), stdin = Pipe()
        p.standardOutput = out
        p.standardError = out   // one stream, in the order a terminal shows them
        p.standardInput = stdin
        try p.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(String(decoding: data, as: UTF8.self), expected)
        XCTAssertEqual(p.terminationStatus, 0)
    }
}
