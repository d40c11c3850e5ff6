import AnalystCore
import AnalystImport
import AnalystExtract
import Foundation
import LuaKit

/// What a script works on: the corpus (loaded on first use), the events found in it and any
/// imported, held in column stores. One per Lua state; `reload()` starts over from the files.
public final class Session {
    public let corpusDirectory: String?
    private var loaded: Corpus?
    /// Set when loading failed, so the runner can exit 65 (bad data) instead of 1.
    public private(set) var loadError: Error?
    /// Consolidated events (and imported ones), and every single mention.
    public private(set) var events = EventStore()
    public private(set) var mentions = EventStore()
    /// Incremented by reload(): handles made before it are stale.
    public private(set) var generation: Int32 = 0
    private var countryNames: [String: String] = [:]

    /// `--strict`: any bad article fails the load (exit 65). Otherwise bad articles are left out,
    /// listed in `skippedArticles` and announced through `onSkippedArticles`.
    public var strictCorpus = false
    /// Where the API's exports may write (the command line's --sandbox policy).
    public var outputPolicy = OutputPolicy.unrestricted
    public private(set) var skippedArticles: [Diagnostic] = []
    public var onSkippedArticles: (([Diagnostic]) -> Void)?

    public init(corpusDirectory: String?) {
        self.corpusDirectory = corpusDirectory
    }

    /// The default cache folder for found mentions (see ExtractionCache), nil when there is none.
    public static var defaultCacheDirectory: String? { ExtractionCache.defaultDirectory() }

    /// The corpus (articles, gazetteer, actors), loaded on first use. Events are found separately,
    /// on first need (`extractEvents`), so scripts that only look up places start fast.
    public func corpus() throws -> Corpus {
        if let loaded { return loaded }
        do {
            guard let dir = corpusDirectory ?? Corpus.bundledDirectory() else {
                throw SessionError("no corpus found: pass --corpus DIR or set ANALYST_CORPUS")
            }
            let c: Corpus
            if strictCorpus {
                c = try Corpus.load(directory: dir)
            } else {
                (c, skippedArticles) = try Corpus.loadSkippingBadArticles(directory: dir)
                if !skippedArticles.isEmpty { onSkippedArticles?(skippedArticles) }
            }
            loaded = c
            for p in c.gazetteer.places where p.kind == .country { countryNames[p.countryCode] = p.name }
            return c
        } catch {
            throw failed(error)
        }
    }

    private var extracted = false
    /// Called after every change to `events` or `mentions` (the API's C fast path re-reads the columns).
    public var onStoresChanged: (() -> Void)?

    /// Finds the events in the articles (once per load) and fills the stores. Every entry point
    /// that reads `events` or `mentions` calls this first.
    public func extractEvents() throws {
        guard !extracted else { return }
        let c = try corpus()
        do {
            foundMentions = try findMentions(c)
            foundEvents = Pipeline.consolidate(foundMentions, scope: .corpus, sideOf: Pipeline.sides(of: c))
        } catch {
            throw failed(error)
        }
        extracted = true
        fillStores(c)
        onStoresChanged?()
    }

    /// What extraction found in the loaded corpus (the stores' rows point into these).
    private var foundMentions: [EventMention] = []
    private var foundEvents: [Event] = []

    /// Where found mentions are kept between runs (ExtractionCache); nil: always extract.
    public var cacheDirectory: String?

    /// The mentions of every article: from the cache when no input changed, else extracted.
    private func findMentions(_ c: Corpus) throws -> [EventMention] {
        let key = cacheDirectory.map { _ in ExtractionCache.key(for: c) }
        if let dir = cacheDirectory, let key, let cached = ExtractionCache.load(key, from: dir) { return cached }
        let mentions = try Pipeline(corpus: c).mentions(c.articles)
        if let dir = cacheDirectory, let key { ExtractionCache.store(mentions, key: key, in: dir) }
        return mentions
    }

    /// Records a load failure (exit 65) and raises it without a script position: the message names
    /// the corpus file and line.
    private func failed(_ error: Error) -> LuaError {
        loadError = error
        return LuaError(kind: .runtime, message: "cannot load the corpus: \(error)")
    }

    public var isLoaded: Bool { loaded != nil }

    public func reload() throws {
        loaded = nil
        extracted = false
        foundMentions = []
        foundEvents = []
        loadError = nil
        skippedArticles = []
        events = EventStore()
        mentions = EventStore()
        generation &+= 1
        _ = try corpus()
        onStoresChanged?()
        for f in importedFiles { _ = try importOnly(path: f.path, format: f.format, strict: f.strict, options: f.options) }
    }

    public func store(_ id: Int32) -> EventStore { id == 1 ? mentions : events }

    public func countryName(_ code: String) -> String {
        countryNames[code] ?? code
    }

    private func fillStores(_ c: Corpus) {
        let articleLanguage = Dictionary(c.articles.map { ($0.id, $0.language) }, uniquingKeysWith: { a, _ in a })
        for (i, e) in foundEvents.enumerated() {
            events.append(EventStore.row(e, place: e.placeID.flatMap { placeRef($0, c) }, corroboration: e.corroboration,
                                         conflict: e.conflict, sources: e.articleIDs,
                                         language: e.mentions.first?.language ?? e.articleIDs.first.flatMap { articleLanguage[$0] },
                                         origin: .extracted(eventIndex: i)))
        }
        for (i, m) in foundMentions.enumerated() {
            mentions.append(EventStore.row(m, place: m.placeID.flatMap { placeRef($0, c) }, corroboration: 1, conflict: false,
                                           sources: [m.articleID], language: m.language, origin: .mention(mentionIndex: i)))
        }
    }

    private func placeRef(_ id: Int, _ c: Corpus) -> EventStore.PlaceRef? {
        c.gazetteer.place(id: id).map { EventStore.PlaceRef($0, countryName: countryName($0.countryCode)) }
    }

    /// Files imported into `events`, imported again by reload().
    public private(set) var importedFiles: [(path: String, format: ImportFormat, strict: Bool, options: ImportOptions)] = []

    /// Imports an ACLED or GDELT file into `events` (see AnalystImport and docs/import.md).
    /// Places are linked to the gazetteer when the corpus is loaded (same folded name within
    /// 10 km), otherwise kept ad hoc (`corpus.import` in Lua, `--events FILE` on the command line).
    @discardableResult
    public func importEvents(path: String, format: ImportFormat = .auto, strict: Bool = false,
                             options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let report = try importOnly(path: path, format: format, strict: strict, options: options)
        importedFiles.append((path, format, strict, options))
        return report
    }

    /// The snapshot cache of imports (ImportCache.swift): used when a file is imported into an
    /// empty store (`--events FILE`, which defers the corpus's extraction until a script needs it).
    /// nil (the default) turns it off; the command line sets it (`ImportCache.fromEnvironment()`
    /// unless `--no-cache` or `ANALYST_NO_CACHE=1`).
    public var importCache: ImportCache?

    private func importOnly(path: String, format: ImportFormat, strict: Bool, options: ImportOptions) throws -> ImportReport {
        guard let cache = importCache, events.count == 0, events.importedFiles.isEmpty,
              let key = cache.key(path: path, format: format, strict: strict, options: options,
                                  corpusDirectory: loaded == nil ? nil : (corpusDirectory ?? Corpus.bundledDirectory()))
        else { return try parseFile(path: path, format: format, strict: strict, options: options) }
        let t0 = DispatchTime.now().uptimeNanoseconds
        if let (store, report) = cache.load(key) {
            var report = report
            events = store
            report.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            onStoresChanged?()
            return report
        }
        let report = try parseFile(path: path, format: format, strict: strict, options: options)
        if events.count == report.imported { cache.save(events, report: report, key: key) }
        return report
    }

    private func parseFile(path: String, format: ImportFormat, strict: Bool, options: ImportOptions) throws -> ImportReport {
        var linker: PlaceLinker? = nil
        if let c = loaded {
            linker = GazetteerLinker(gazetteer: c.gazetteer, countryNames: countryNames)
            // The name indexes linking needs (built on first use, under their own locks) are built
            // on another thread while the file is parsed, instead of after it: the first place
            // link or actor lookup waits for them if they are not ready yet.
            let gazetteer = c.gazetteer, actors = c.actors
            DispatchQueue.global().async {
                gazetteer.prepareIndex()
                actors.prepareIndex()
            }
        }
        defer { onStoresChanged?() }   // even a failed import may have added rows
        let before = events.count
        var report = try EventImporter.importFile(path: path, format: format, into: events, linker: linker, strict: strict,
                                                  options: options)
        // Actors: each distinct name of the file once, against the dictionary (and actor-aliases.tsv).
        if let c = loaded {
            let n = events.linkActors(rows: before..<events.count) { c.actors.linkImported($0)?.id }
            report.actorsLinked = n.linked
            report.actorsUnlinked = n.unlinked
        }
        return report
    }

    /// The consolidated event or mention behind a row of a store, when it came from the text.
    public func extracted(store: Int32, row: Int) -> (event: Event?, mention: EventMention?) {
        guard loaded != nil else { return (nil, nil) }
        switch self.store(store).origins[row] {
        case .extracted(let i): return (foundEvents[i], foundEvents[i].mentions.first)
        case .mention(let i): return (nil, foundMentions[i])
        case .imported: return (nil, nil)
        }
    }

    /// The actor an event row names, when it is in the dictionary: a text event's actor id, or an
    /// imported name linked at import (`Hayat Tahrir al-Sham` -> hts).
    public func dictionaryActorID(store id: Int32, value v: Int32) -> String? {
        guard let c = loaded else { return nil }
        return store(id).actorID(v) { c.actors.actor(id: $0) != nil }
    }
}

public struct SessionError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
