import AnalystCore
import Foundation

/// `analyst --check [--corpus DIR]`: every problem in the corpus (and its lexicons) at once, as
/// `file:line: message`.
enum CheckCommand {
    static func run(_ options: Options, diagnostics: Diagnostics) -> ExitCode {
        guard let dir = options.corpusDirectory ?? Corpus.bundledDirectory() else {
            diagnostics.error("no corpus found: pass --corpus DIR or set ANALYST_CORPUS")
            return .noInput
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            diagnostics.error("cannot open corpus directory \(dir)")
            return .noInput
        }
        var found = CorpusValidator.check(directory: dir)
        found += LexiconCheck.check(lexicons: dir + "/lexicons")
        for d in found { print(d.description) }
        let errors = found.filter(\.isError).count, warnings = found.count - errors
        let shown = options.corpusDirectory ?? "Corpus"   // the bundled one, wherever it was found
        let summary = "\(shown): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if errors > 0 {
            diagnostics.error(summary)
            return .dataError
        }
        print(summary)
        return .success
    }
}
