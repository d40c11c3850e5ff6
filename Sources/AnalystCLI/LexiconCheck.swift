import AnalystCore
import AnalystExtract
import Foundation

/// `--check` for the extractor's lexicons (`<corpus>/lexicons/<lang>/*.tsv`, else the bundled ones):
/// a folder with no language in it (no event would ever be found), a language without triggers, and
/// files that are not UTF-8 text or hold a NUL byte, each named with file:line; then the rows
/// themselves, as the extractor reads them. Reading the files itself (rather than relying on the
/// loader) is what lets an encoding problem name its file and line.
enum LexiconCheck {
    static let files = ["triggers.tsv", "dates.tsv", "modality.tsv", "places.tsv", "clitics.tsv"]

    static func check(lexicons dir: String) -> [Diagnostic] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir) else { return [] }   // the bundled ones are used
        guard isDir.boolValue else { return [Diagnostic(file: dir, line: 0, message: "lexicons is not a folder")] }
        let languages = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter {
            var d: ObjCBool = false
            return fm.fileExists(atPath: dir + "/" + $0, isDirectory: &d) && d.boolValue
        }.sorted()
        if languages.isEmpty {
            return [Diagnostic(file: dir, line: 0, message: "no language folders (such as en/ with triggers.tsv): no event would ever be found")]
        }
        var found: [Diagnostic] = []
        var anyTriggers = false
        for lang in languages {
            var triggers = 0
            var unreadable = false
            for name in files {
                let path = "\(dir)/\(lang)/\(name)"
                guard fm.fileExists(atPath: path) else { continue }
                guard let data = fm.contents(atPath: path) else {
                    found.append(Diagnostic(file: path, line: 0, message: "cannot read file")); continue
                }
                if let problem = textProblem([UInt8](data), path: path) {
                    found.append(problem)
                    unreadable = unreadable || name == "triggers.tsv"
                    continue
                }
                if name == "triggers.tsv" {
                    triggers = String(decoding: data, as: UTF8.self).split(separator: "\n").filter {
                        let l = $0.trimmingCharacters(in: .whitespaces)
                        return !l.isEmpty && !l.hasPrefix("#") && !l.hasPrefix("pattern\t")
                    }.count
                }
            }
            anyTriggers = anyTriggers || triggers > 0 || unreadable
            if triggers == 0 && !unreadable {
                found.append(Diagnostic(file: "\(dir)/\(lang)", line: 0, severity: .warning,
                                        message: "no triggers (triggers.tsv missing or empty): no events are found in language '\(lang)'"))
            }
        }
        if !anyTriggers {
            found.append(Diagnostic(file: dir, line: 0, message: "no language has any triggers: no event would ever be found"))
        }
        if found.contains(where: \.isError) { return found }
        // The rows, as the extractor reads them (unknown types and kinds name file:line).
        do { _ = try Lexicons(directory: URL(fileURLWithPath: dir)) } catch let e as LexiconError {
            if case let .bad(file, line, message) = e { found.append(Diagnostic(file: "\(dir)/\(file)", line: line, message: message)) }
        } catch {
            found.append(Diagnostic(file: dir, line: 0, message: "\(error)"))
        }
        return found
    }

    /// The first NUL byte or invalid UTF-8 sequence, with its line.
    static func textProblem(_ bytes: [UInt8], path: String) -> Diagnostic? {
        var line = 1
        var start = 0
        func lineProblem(_ end: Int) -> Diagnostic? {
            let slice = bytes[start..<end]
            if slice.contains(0) { return Diagnostic(file: path, line: line, message: "NUL byte: binary file, not UTF-8 text") }
            if String(validating: slice, as: UTF8.self) == nil {
                return Diagnostic(file: path, line: line, message: "invalid UTF-8 (lexicons must be UTF-8 text)")
            }
            return nil
        }
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if let p = lineProblem(i) { return p }
            line += 1
            start = i + 1
        }
        return lineProblem(bytes.count)
    }
}
