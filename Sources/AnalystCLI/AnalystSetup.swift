import Foundation
import AnalystCore
import AnalystImport
import AnalystLua
import LuaKit

/// Connects the runner and the shell to the analyst API: every Lua state gets a session on the
/// chosen corpus, and the shell's banner, `.corpus` and `.reload` speak about it.
enum AnalystSetup {
    nonisolated(unsafe) static var current: Session?
    nonisolated(unsafe) static var currentAPI: AnalystAPI?

    static func install() {
        Runner.installAPI = { lua, options in
            let session = Session(corpusDirectory: options.corpusDirectory)
            session.strictCorpus = options.strict
            // Caches speed up reruns: the mentions found in the corpus, and snapshots of imported
            // files (`--no-cache`: parse --events files again). A sandboxed run writes only under
            // --output-dir, so it uses neither; ANALYST_NO_CACHE=1 turns both off.
            if !options.sandbox { session.cacheDirectory = Session.defaultCacheDirectory }
            session.importCache = options.noCache || options.sandbox ? nil : ImportCache.fromEnvironment()
            let diagnostics = Diagnostics(timestamps: options.batch)
            session.onSkippedArticles = { skipped in
                for d in skipped { diagnostics.warning("\(d) (article left out)") }
            }
            current = session
            let api = AnalystAPI(session: session)
            currentAPI = api
            try api.install(into: lua)
        }
        // The session raises "cannot load the corpus: <why>" and keeps <why> as loadError.
        Runner.classifyHostError = { error in
            guard let e = error as? LuaError, let why = current?.loadError,
                  e.message.hasSuffix("cannot load the corpus: \(why)") else { return nil }
            return ExitCode.dataError.rawValue
        }
        // The banner counts only what loads in milliseconds; events are found on first use
        // (extraction builds its indices in ~0.2 s) and `.corpus` counts them.
        ShellHooks.bannerSummary = { _ in
            guard let s = current else { return nil }
            guard let c = try? s.corpus() else { return "corpus: not loaded (\(s.loadError.map { "\($0)" } ?? "unknown error"))" }
            let langs = Set(c.articles.map(\.language)).sorted()
            return "corpus: \(c.articles.count) articles (\(langs.joined(separator: ", "))), \(c.gazetteer.places.count) places, "
                + "\(c.actors.actors.count) actors; events are found on first use (.corpus counts them)"
        }
        ShellHooks.corpusSummary = { _ in
            guard current != nil else { return nil }
            return summary()
        }
        ShellHooks.reload = { _ in
            guard let s = current else { return "nothing to reload" }
            try s.reload()
            return "reloaded: " + (summary() ?? "")
        }
        SchemaCommands.register { currentAPI?.registry }
        ShellHooks.types = completionTypes()
        ShellHooks.returnTypes = ["place": "Place", "actor": "Actor", "corpus.article": "Article", "events": "EventList"]
    }

    /// `5 articles, 39 events, 49 mentions, 4 languages (en, es, fr, vi)`, loading on first use.
    static func summary() -> String? {
        guard let s = current else { return nil }
        guard (try? s.extractEvents()) != nil, let c = try? s.corpus() else {
            return "not loaded (\(s.loadError.map { "\($0)" } ?? "unknown error"))"
        }
        let langs = Set(c.articles.map(\.language)).sorted()
        return "\(c.articles.count) articles, \(s.events.count) events, \(s.mentions.count) mentions, "
            + "\(c.gazetteer.places.count) places, \(langs.count) languages (\(langs.joined(separator: ", ")))"
    }
}

extension AnalystSetup {
    /// Articles left out of the corpus for their errors (already announced as warnings).
    static var skippedArticleCount: Int { current?.skippedArticles.count ?? 0 }

    /// `--strict`: loads the corpus before anything runs, so a bad article stops the run (65).
    static func loadCorpusStrictly(diagnostics: Diagnostics) -> ExitCode {
        guard let session = current else { return .success }
        do {
            _ = try session.corpus()
            return .success
        } catch {
            diagnostics.error(session.loadError.map { "cannot load the corpus: \($0)" } ?? "\(error)")
            return .dataError
        }
    }

    /// `--events FILE` (repeatable): imports each file before the script runs, and says on stderr
    /// what was imported and what was skipped (nothing is dropped silently). A missing file exits
    /// 66, a malformed row under `--strict` 65.
    static func importEventFiles(_ options: Options, diagnostics: Diagnostics) -> ExitCode {
        guard let session = current else { return .internalError }
        for path in options.eventFiles {
            guard FileManager.default.isReadableFile(atPath: path) else {
                diagnostics.error("cannot open \(path)")
                return .noInput
            }
            do {
                // The corpus (gazetteer, actors) for linking; its events are found when a script asks.
                _ = try session.corpus()
                let report = try session.importEvents(path: path, strict: options.strict)
                if report.skipped > 0 || report.warnings > 0 || !options.batch { diagnostics.write("analyst: imported " + report.description) }
                if Signals.terminationRequested { throw CancellationError() }
            } catch where Signals.terminationRequested {
                // SIGTERM/SIGHUP interrupted the import (a read fails with EINTR): say that, not the EINTR
                let name = Signals.terminationExitCode == .hangup ? "SIGHUP" : "SIGTERM"
                diagnostics.error("terminated (\(name)) while importing \(path)")
                return Signals.terminationExitCode
            } catch let e as ImportError {
                diagnostics.error(e.description)
                return .dataError
            } catch {
                diagnostics.error("\(error)")
                return .dataError
            }
        }
        return .success
    }
}
