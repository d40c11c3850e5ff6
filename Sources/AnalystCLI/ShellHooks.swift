import LuaKit

/// What other modules plug into the shell. The analyst API (AnalystLua) fills these when it
/// installs itself; the shell works without them.
public enum ShellHooks {
    /// One line under the banner, e.g. "corpus: 412 articles, 1208 events, 96 places, 3 languages".
    nonisolated(unsafe) public static var bannerSummary: (LuaState) -> String? = { _ in nil }
    /// The text `.corpus` prints; nil prints "no corpus loaded".
    nonisolated(unsafe) public static var corpusSummary: (LuaState) -> String? = { _ in nil }
    /// `.reload`: reloads the corpus and returns a line to print; throws to report a failure.
    /// nil: `.reload` says there is nothing to reload.
    nonisolated(unsafe) public static var reload: ((LuaState) throws -> String)?
    /// Completion after a call: global function name (`place`, `geo.nearest`) -> name of the
    /// registry metatable of the userdata it returns (`analyst.Place`). `place("Aleppo").<TAB>`
    /// then offers that type's `__fields` and methods without calling anything.
    nonisolated(unsafe) public static var returnTypes: [String: String] = [:]
}
