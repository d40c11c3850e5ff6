import Foundation

/// A loaded corpus: what was read from disk (articles, the gazetteer, the actors, and where the
/// extractor's lexicons are). The events found in it live with the session that found them.
public struct Corpus: Sendable {
    public var directory: String
    public var articles: [Article]
    public var gazetteer: Gazetteer
    public var actors: ActorDictionary
    /// `<corpus>/lexicons` when the corpus has one, else the bundled corpus's.
    public var lexiconsDirectory: String
    /// Warnings met while loading (errors throw).
    public var warnings: [Diagnostic] = []

    public init(directory: String, articles: [Article], gazetteer: Gazetteer, actors: ActorDictionary,
                lexiconsDirectory: String, warnings: [Diagnostic] = []) {
        self.directory = directory; self.articles = articles; self.gazetteer = gazetteer; self.actors = actors
        self.lexiconsDirectory = lexiconsDirectory; self.warnings = warnings
    }

    public func article(id: String) -> Article? { articles.first { $0.id == id } }

    /// Loads a corpus directory; throws the first error, with the message `CorpusValidator` gives.
    /// A directory with only articles borrows the bundled gazetteer, actors and lexicons.
    public static func load(directory: String) throws -> Corpus {
        let (corpus, diagnostics) = CorpusValidator.run(directory: directory)
        if let first = diagnostics.first(where: \.isError) { throw CorpusError(first) }
        return corpus
    }

    /// The bundled corpus: `$ANALYST_CORPUS`; else `Corpus` next to the executable or in one of its
    /// parents (`.build/release/analyst` -> the package's `Corpus`), or `<exe>/../share/analyst/Corpus`;
    /// else `./Corpus`. nil when none exists.
    public static func bundledDirectory() -> String? {
        let fm = FileManager.default
        func isCorpus(_ p: String) -> Bool {
            var dir: ObjCBool = false
            return fm.fileExists(atPath: p, isDirectory: &dir) && dir.boolValue
        }
        if let env = ProcessInfo.processInfo.environment["ANALYST_CORPUS"], !env.isEmpty, isCorpus(env) { return env }
        var candidates: [URL] = []
        if let exe = executableURL() {
            var dir = exe.deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("../share/analyst/Corpus").standardizedFileURL)
            for _ in 0..<6 {
                candidates.append(dir.appendingPathComponent("Corpus"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("Corpus"))
        for c in candidates where isCorpus(c.path) && fm.fileExists(atPath: c.appendingPathComponent("places.tsv").path) {
            return c.standardizedFileURL.path
        }
        return nil
    }

    private static func executableURL() -> URL? {
        #if os(Linux)
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: p) }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }
}
