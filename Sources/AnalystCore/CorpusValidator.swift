import Foundation

/// Checks a corpus directory and reports every problem at once, each as `path:line: error: message`.
/// `Corpus.load` runs the same checks and throws the first error.
public enum CorpusValidator {
    public static func check(directory: String) -> [Diagnostic] { run(directory: directory).diagnostics }

    /// Loads what can be loaded and collects every diagnostic on the way.
    static func run(directory: String) -> (corpus: Corpus, diagnostics: [Diagnostic]) {
        var d: [Diagnostic] = []
        let fm = FileManager.default
        let dir = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
            d.append(Diagnostic(file: dir, line: 0, message: "corpus directory not found"))
        }
        let bundled = Corpus.bundledDirectory()
        // Each table from this corpus when it has it, else from the bundled one.
        func table(_ name: String) -> String? {
            let own = "\(dir)/\(name)"
            if fm.fileExists(atPath: own) { return own }
            if let bundled, fm.fileExists(atPath: "\(bundled)/\(name)") { return "\(bundled)/\(name)" }
            return nil
        }

        // Articles: in `articles/` when present, else the directory's own .md/.txt files (README* excluded).
        let articlesDir = fm.fileExists(atPath: "\(dir)/articles") ? "\(dir)/articles" : dir
        let files = ((try? fm.contentsOfDirectory(atPath: articlesDir)) ?? []).filter { name in
            guard !name.hasPrefix("."), !name.lowercased().hasPrefix("readme") else { return false }
            let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
            return name.contains(".") && ArticleLoader.extensions.contains(ext)
        }.sorted()
        let lexicons = fm.fileExists(atPath: "\(dir)/lexicons") || bundled == nil ? "\(dir)/lexicons" : "\(bundled!)/lexicons"
        let detector = LanguageDetector(directory: lexicons, diagnostics: &d)
        var articles: [Article] = []
        var ids: [String: String] = [:]   // id -> path
        for name in files {
            let path = "\(articlesDir)/\(name)"
            guard let a = ArticleLoader.load(path: path, detector: detector, diagnostics: &d) else { continue }
            if let other = ids[a.id] {
                d.append(Diagnostic(file: path, line: 1, message: "duplicate id `\(a.id)`: also used by \(other)"))
                continue
            }
            ids[a.id] = path
            if let w = LanguageSupport.missingLexicon(a, lexicons: lexicons, path: path) { d.append(w) }
            articles.append(a)
        }
        if files.isEmpty && d.isEmpty {
            d.append(Diagnostic(file: articlesDir, line: 0, severity: .warning, message: "no articles (.md or .txt files)"))
        }

        let gazetteer = GazetteerLoader.load(places: table("places.tsv"), provinces: table("provinces.tsv"),
                                             countries: table("countries.tsv"), aliases: table("place-aliases.tsv"),
                                             nameForms: NameForms.load(directory: lexicons, detector: detector, diagnostics: &d),
                                             diagnostics: &d)
        if table("places.tsv") == nil {
            d.append(Diagnostic(file: "\(dir)/places.tsv", line: 0, severity: .warning,
                                message: "no gazetteer here or in the bundled corpus: place names will not resolve"))
        }
        let actors = table("actors.tsv").map { ActorLoader.load($0, diagnostics: &d) } ?? ActorDictionary(actors: [])
        let corpus = Corpus(directory: dir, articles: articles, gazetteer: gazetteer, actors: actors,
                            lexiconsDirectory: lexicons, warnings: d.filter { !$0.isError })
        return (corpus, d)
    }
}
