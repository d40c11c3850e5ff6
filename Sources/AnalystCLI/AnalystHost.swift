import Foundation
import AnalystCore
import AnalystImport
import AnalystLua
import LuaKit

/// The analyst API as the runner and the shell see it, one per run and passed to them explicitly:
/// it installs a session on the chosen corpus into each Lua state, classifies host failures into
/// exit codes, and answers the shell's banner, `.corpus`, `.reload`, `.schema` and completion.
public final class AnalystHost {
    public private(set) var session: Session?
    private(set) var api: AnalystAPI?

    public init() {}

    /// Gives a fresh Lua state the analyst API on a new session.
    func install(into lua: LuaState, options: Options, outputPolicy: OutputPolicy) throws {
        let session = Session(corpusDirectory: options.corpusDirectory)
        session.outputPolicy = outputPolicy
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
        self.session = session
        let api = AnalystAPI(session: session)
        self.api = api
        try api.install(into: lua)
    }

    /// The exit status a host function's failure stands for: the session raises "cannot load the
    /// corpus: <why>" and keeps <why> as loadError (65). nil: an ordinary script error.
    func exitCode(for error: Error) -> Int32? {
        guard let e = error as? LuaError, let why = session?.loadError,
              e.message.hasSuffix("cannot load the corpus: \(why)") else { return nil }
        return ExitCode.dataError.rawValue
    }

    /// One line under the shell's banner. It counts only what loads in milliseconds; events are
    /// found on first use (extraction builds its indices in ~0.2 s) and `.corpus` counts them.
    func bannerSummary() -> String? {
        guard let s = session else { return nil }
        guard let c = try? s.corpus() else { return "corpus: not loaded (\(s.loadError.map { "\($0)" } ?? "unknown error"))" }
        let langs = Set(c.articles.map(\.language)).sorted()
        return "corpus: \(c.articles.count) articles (\(langs.joined(separator: ", "))), \(c.gazetteer.places.count) places, "
            + "\(c.actors.actors.count) actors; events are found on first use (.corpus counts them)"
    }

    /// `.reload`: the corpus again from disk, and a line to print.
    func reload() throws -> String {
        guard let s = session else { throw DotCommands.Failure("nothing to reload (no corpus loaded)") }
        try s.reload()
        return "reloaded: " + (summary() ?? "")
    }

    /// Completion after a call: global function name -> the type of the userdata it returns, so
    /// `place("Aleppo").<TAB>` offers that type's fields and methods without calling anything.
    static let returnTypes = ["place": "Place", "actor": "Actor", "corpus.article": "Article", "events": "EventList"]

    /// `5 articles, 39 events, 49 mentions, 4 languages (en, es, fr, vi)`, loading on first use.
    func summary() -> String? {
        guard let s = session else { return nil }
        guard (try? s.extractEvents()) != nil, let c = try? s.corpus() else {
            return "not loaded (\(s.loadError.map { "\($0)" } ?? "unknown error"))"
        }
        let langs = Set(c.articles.map(\.language)).sorted()
        return "\(c.articles.count) articles, \(s.events.count) events, \(s.mentions.count) mentions, "
            + "\(c.gazetteer.places.count) places, \(langs.count) languages (\(langs.joined(separator: ", ")))"
    }
}

extension AnalystHost {
    /// Articles left out of the corpus for their errors (already announced as warnings).
    var skippedArticleCount: Int { session?.skippedArticles.count ?? 0 }

    /// `--strict`: loads the corpus before anything runs, so a bad article stops the run (65).
    func loadCorpusStrictly(diagnostics: Diagnostics) -> ExitCode {
        guard let session else { return .success }
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
    func importEventFiles(_ options: Options, diagnostics: Diagnostics) -> ExitCode {
        guard let session else { return .internalError }
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
