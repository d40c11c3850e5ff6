import Foundation

extension Corpus {
    /// Loads the corpus leaving out the articles that have errors (a bad `published:`, invalid
    /// UTF-8, a duplicate id...): one bad article must not make the whole corpus unusable. Returns
    /// the errors of the articles left out; throws on any other error (a missing folder, a bad
    /// gazetteer row, a broken lexicon), as `load` does.
    public static func loadSkippingBadArticles(directory: String) throws -> (corpus: Corpus, skipped: [Diagnostic]) {
        let (corpus, diagnostics) = CorpusValidator.run(directory: directory)
        let errors = diagnostics.filter(\.isError)
        let articlesDir = FileManager.default.fileExists(atPath: "\(corpus.directory)/articles")
            ? "\(corpus.directory)/articles" : corpus.directory
        func isArticle(_ d: Diagnostic) -> Bool {
            let url = URL(fileURLWithPath: d.file)
            return url.deletingLastPathComponent().path == URL(fileURLWithPath: articlesDir).path
                && ArticleLoader.extensions.contains(url.pathExtension.lowercased())
        }
        if let fatal = errors.first(where: { !isArticle($0) }) { throw CorpusError(fatal) }
        return (corpus, errors)
    }
}
