/// Turns one article file into an `Article`, reporting every problem it finds with its line.
enum ArticleLoader {
    static let knownFields: Set<String> = ["id", "title", "outlet", "url", "language", "published",
                                          "translated_from", "notes"]
    static let extensions: Set<String> = ["md", "txt", "markdown"]

    /// The article, or nil when an error makes it unusable. Warnings do not stop it.
    static func load(path: String, detector: LanguageDetector = .bundled, diagnostics: inout [Diagnostic]) -> Article? {
        let bytes: [UInt8]
        switch SafeFile.read(path) {
        case .failure(let d): diagnostics.append(d); return nil
        case .success(let b): bytes = b
        }
        return parse(bytes, path: path, detector: detector, diagnostics: &diagnostics)
    }

    static func parse(_ bytes: [UInt8], path: String, detector: LanguageDetector = .bundled, diagnostics: inout [Diagnostic]) -> Article? {
        var errors = 0
        func error(_ line: Int, _ m: String) { diagnostics.append(Diagnostic(file: path, line: line, message: m)); errors += 1 }
        let before = diagnostics.count
        let fm = FrontMatter.parse(bytes, path: path, diagnostics: &diagnostics)
        errors += diagnostics[before...].filter(\.isError).count

        let bodyOffset = fm?.bodyOffset ?? 0
        let text = String(decoding: bytes[bodyOffset...], as: UTF8.self)
        let bodyLine = fm?.bodyLine ?? 1
        if text.allSatisfy({ $0.isWhitespace }) {
            error(bodyLine, "empty body: no article text" + (fm == nil ? "" : " after the front matter"))
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let stem = fileName.lastIndex(of: ".").map { String(fileName[..<$0]) } ?? fileName
        var article = Article(id: stem, language: "und", text: text, path: path, bodyLine: bodyLine)

        var language: String?
        for f in fm?.fields ?? [] {
            guard knownFields.contains(f.key) else {
                diagnostics.append(Diagnostic(file: path, line: f.line, severity: .warning,
                    message: "unknown field `\(f.key)` (known: \(knownFields.sorted().joined(separator: ", ")))"))
                continue
            }
            guard let v = f.value else { continue }
            switch f.key {
            case "id":
                if v.isEmpty || v.contains(where: { $0.isWhitespace || $0 == "/" }) {
                    error(f.line, "id `\(v)` must be non-empty, without spaces or `/`")
                } else { article.id = v }
            case "title": article.title = v
            case "outlet": article.outlet = v
            case "url": article.url = v
            case "notes": article.notes = v
            case "language":
                if LanguageDetector.isValidTag(v) { language = v } else { error(f.line, "unknown language code `\(v)` (use BCP 47: en, vi, fr, es, de, it, pt, ar, tr, ru, ...)") }
            case "translated_from":
                if LanguageDetector.isValidTag(v) { article.translatedFrom = v } else { error(f.line, "unknown language code `\(v)` in translated_from") }
            case "published":
                if let r = DayRange(iso: v) { article.published = r }
                else { error(f.line, "unparseable date `\(v)`: use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD") }
            default: break
            }
        }
        if let language {
            article.language = language
        } else {
            article.language = detector.detect(text).language
            article.languageDetected = true
        }
        return errors == 0 ? article : nil
    }
}
