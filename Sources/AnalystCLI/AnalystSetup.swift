import AnalystLua
import LuaKit

/// Connects the runner and the shell to the analyst API: every Lua state gets a session on the
/// chosen corpus, and the shell's banner, `.corpus` and `.reload` speak about it.
enum AnalystSetup {
    nonisolated(unsafe) static var current: Session?

    static func install() {
        Runner.installAPI = { lua, options in
            let session = Session(corpusDirectory: options.corpusDirectory)
            current = session
            try AnalystAPI(session: session).install(into: lua)
        }
        Runner.dataErrorRaised = { current?.loadError != nil }
        ShellHooks.bannerSummary = { _ in summary().map { "corpus: " + $0 } }
        ShellHooks.corpusSummary = { _ in
            guard current != nil else { return nil }
            return summary()
        }
        ShellHooks.reload = { _ in
            guard let s = current else { return "nothing to reload" }
            try s.reload()
            return "reloaded: " + (summary() ?? "")
        }
        ShellHooks.returnTypes = ["place": "Place", "actor": "Actor", "corpus.article": "Article", "events": "EventList"]
    }

    /// `5 articles, 39 events, 49 mentions, 4 languages (en, es, fr, vi)`, loading on first use.
    static func summary() -> String? {
        guard let s = current else { return nil }
        guard let c = try? s.corpus() else {
            return "not loaded (\(s.loadError.map { "\($0)" } ?? "unknown error"))"
        }
        let langs = Set(c.articles.map(\.language)).sorted()
        return "\(c.articles.count) articles, \(s.events.count) events, \(s.mentions.count) mentions, "
            + "\(c.gazetteer.places.count) places, \(langs.count) languages (\(langs.joined(separator: ", ")))"
    }
}
