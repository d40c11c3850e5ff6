import AnalystLua
import LuaKit

/// Connects the runner to the analyst API: every Lua state gets a session on the chosen corpus.
enum AnalystSetup {
    static var current: Session?

    static func install() {
        Runner.installAPI = { lua, options in
            let session = Session(corpusDirectory: options.corpusDirectory)
            current = session
            try AnalystAPI(session: session).install(into: lua)
        }
        Runner.dataErrorRaised = { current?.loadError != nil }
    }
}
