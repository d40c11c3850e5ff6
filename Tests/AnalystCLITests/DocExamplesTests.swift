import Foundation
import XCTest

/// The examples in README.md and docs/*.md are run: every ```console block holds `$ command` lines,
/// each followed by the output it must print (stdout and stderr together). Commands run in the
/// package root with the built `analyst` first on PATH.
final class DocExamplesTests: XCTestCase {
    struct Example { var file: String; var line: Int; var command: String; var expected: String }

    static func examples() throws -> [Example] {
        let root = Binary.packageRoot
        var files = [root.appendingPathComponent("README.md")]
        let docs = root.appendingPathComponent("docs")
        for name in try FileManager.default.contentsOfDirectory(atPath: docs.path).sorted() where name.hasSuffix(".md") {
            files.append(docs.appendingPathComponent(name))
        }
        var out: [Example] = []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            var inBlock = false
            var current: Example?
            for (i, line) in lines.enumerated() {
                if line.hasPrefix("```console") { inBlock = true; continue }
                guard inBlock else { continue }
                if line.hasPrefix("```") {
                    if let c = current { out.append(c) }
                    current = nil
                    inBlock = false
                } else if line.hasPrefix("$ ") {
                    if let c = current { out.append(c) }
                    current = Example(file: file.lastPathComponent, line: i + 1, command: String(line.dropFirst(2)), expected: "")
                } else {
                    current?.expected += line + "\n"
                }
            }
        }
        return out
    }

    func testDocumentedCommandsPrintWhatTheDocsSay() throws {
        let examples = try DocExamplesTests.examples()
        XCTAssertGreaterThan(examples.count, 3)
        let work = try Binary.temporaryDirectory()
        for ex in examples {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "exec 2>&1; " + ex.command]
            p.currentDirectoryURL = Binary.packageRoot
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = Binary.url.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            env["TMPDIR"] = work.path
            env["NO_COLOR"] = "1"
            p.environment = env
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            XCTAssertEqual(String(decoding: data, as: UTF8.self), ex.expected, "\(ex.file):\(ex.line): $ \(ex.command)")
        }
    }
}
