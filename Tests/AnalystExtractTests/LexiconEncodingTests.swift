import AnalystExtract
import Foundation
import XCTest

/// A lexicon that is not UTF-8 fails the load with its file and line, not a Foundation error.
final class LexiconEncodingTests: XCTestCase {
    func testInvalidUTF8NamesTheFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-utf8-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("xx"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes = Array("pattern\ttype\nseized\tcapture\n".utf8)
        bytes += [0x74, 0x6F, 0x6F, 0x6B, 0xFF, 0x09] + Array("capture\n".utf8)   // line 3: a stray 0xFF
        try Data(bytes).write(to: dir.appendingPathComponent("xx/triggers.tsv"))
        XCTAssertThrowsError(try Lexicons(directory: dir)) { error in
            XCTAssertEqual("\(error)", "xx/triggers.tsv:3: not UTF-8 text")
        }
    }
}
