import Foundation

/// Which languages the extractor can read: a language is supported when its lexicon directory has a
/// `triggers.tsv`. An article in any other language is reported, never read with another
/// language's lexicons (English rules on Turkish text find nothing and hide the gap).
public enum LanguageSupport {
    /// `en-GB` -> `en`.
    public static func base(_ tag: String) -> String {
        String(tag.lowercased().prefix { $0 != "-" && $0 != "_" })
    }

    public static func hasLexicon(_ language: String, lexicons: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(lexicons)/\(base(language))/triggers.tsv")
    }

    /// A warning for an article whose language has no lexicons, naming the file and the way out.
    static func missingLexicon(_ a: Article, lexicons: String, path: String) -> Diagnostic? {
        if hasLexicon(a.language, lexicons: lexicons) { return nil }
        let why = a.language == "und"
            ? "language not recognised (no `language:` field and no language profile fits)"
            : "language `\(a.language)` has no lexicons (\(lexicons)/\(base(a.language))/triggers.tsv)"
        return Diagnostic(file: path, line: 1, severity: .warning,
                          message: "\(why): no events will be extracted from this article; see docs/languages.md")
    }
}
