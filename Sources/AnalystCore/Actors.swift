import Foundation

/// Actors by alias, per language (names in texts are found by the extractor's phrase matcher,
/// over the same folding).
///
/// `actors.tsv` columns: id, name, kind (an `Actor.Kind` raw value), side (may be empty), aliases
/// (`en:HTS|Hayat Tahrir al-Sham;ar:هيئة تحرير الشام;*:HTS`, `*` = every language), notes.
/// The canonical name is an alias in every language.
public struct ActorDictionary: Sendable {
    public let actors: [Actor]
    private let position: [String: Int]
    private let box: IndexBox

    /// Built on first use, so that loading stays fast.
    private struct Index {
        /// folded alias -> actor positions, for all languages and per language.
        var any: [String: [Int]] = [:]
        var byLanguage: [String: [String: [Int]]] = [:]
    }
    private final class IndexBox: @unchecked Sendable {
        let lock = NSLock()
        var index: Index?
    }

    public init(actors: [Actor]) {
        self.actors = actors
        var position: [String: Int] = [:]
        for (i, a) in actors.enumerated() where position[a.id] == nil { position[a.id] = i }
        self.position = position
        box = IndexBox()
    }

    private var index: Index {
        box.lock.lock(); defer { box.lock.unlock() }
        if let i = box.index { return i }
        var x = Index()
        for (i, a) in actors.enumerated() {
            var all: [(String, String)] = [("*", a.name)]
            for (lang, names) in a.aliases { for n in names { all.append((lang, n)) } }
            for (lang, n) in all {
                let f = NameFolding.fold(n)
                guard !f.isEmpty else { continue }
                if x.any[f]?.contains(i) != true { x.any[f, default: []].append(i) }
                if x.byLanguage[lang, default: [:]][f]?.contains(i) != true { x.byLanguage[lang, default: [:]][f, default: []].append(i) }
            }
        }
        box.index = x
        return x
    }

    public func actor(id: String) -> Actor? { position[id].map { actors[$0] } }

    /// The actor an alias names; with a language, that language's aliases (and `*` ones) are tried first.
    public func lookup(_ alias: String, language: String? = nil) -> Actor? { candidates(alias, language: language).first }

    /// Builds the alias index now (it is otherwise built on the first lookup); see `Gazetteer.prepareIndex`.
    public func prepareIndex() { _ = index }

    public func candidates(_ alias: String, language: String? = nil) -> [Actor] {
        let f = NameFolding.fold(alias)
        let index = self.index
        let byLanguage = index.byLanguage, any = index.any
        var out: [Int] = []
        if let language {
            out += byLanguage[Self.primary(language)]?[f] ?? []
            out += byLanguage["*"]?[f] ?? []
        }
        out += any[f] ?? []
        var seen = Set<Int>()
        return out.filter { seen.insert($0).inserted }.map { actors[$0] }
    }

    /// The actor an imported name means (ACLED `Military Forces of Syria (2000-2024)`, `SDF:
    /// Syrian Democratic Forces`, GDELT `SYRIAN ARMY`): the name as it is, then without a trailing
    /// `(...)` (ACLED's years and countries), then each side of `X: Y`. Names the dictionary lacks
    /// go in `actor-aliases.tsv`.
    public func linkImported(_ name: String) -> Actor? {
        if let a = lookup(name) { return a }
        var n = name.trimmingCharacters(in: .whitespaces)
        while n.hasSuffix(")"), let open = n.lastIndex(of: "(") {
            n = String(n[..<open]).trimmingCharacters(in: .whitespaces)
            if let a = lookup(n) { return a }
        }
        if let colon = n.range(of: ": ") {
            if let a = lookup(String(n[..<colon.lowerBound])) ?? lookup(String(n[colon.upperBound...])) { return a }
        }
        return nil
    }

    static func primary(_ tag: String) -> String { String(tag.split(separator: "-").first ?? Substring(tag)) }
}

enum ActorLoader {
    static let columns = 6

    /// `actors.tsv`, plus `actor-aliases.tsv` next to it when present (id, aliases in the same
    /// `lang:a|b` form, note): names other datasets use (ACLED, GDELT) for actors of the dictionary.
    static func load(_ path: String, diagnostics: inout [Diagnostic]) -> ActorDictionary {
        let dict = loadActors(path, diagnostics: &diagnostics)
        let aliasesPath = (path as NSString).deletingLastPathComponent + "/actor-aliases.tsv"
        guard FileManager.default.fileExists(atPath: aliasesPath),
              let t = TSVTable.read(aliasesPath, columns: 3, diagnostics: &diagnostics) else { return dict }
        var list = dict.actors
        let position = Dictionary(list.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for r in t.rows {
            guard let i = position[r.fields[0]] else {
                diagnostics.append(Diagnostic(file: aliasesPath, line: r.line, message: "unknown actor id `\(r.fields[0])` (not in actors.tsv)"))
                continue
            }
            for (lang, names) in GazetteerLoader.parseAliases(r.fields[1]) { list[i].aliases[lang, default: []] += names }
        }
        return ActorDictionary(actors: list)
    }

    static func loadActors(_ path: String, diagnostics: inout [Diagnostic]) -> ActorDictionary {
        guard let t = TSVTable.read(path, columns: columns, diagnostics: &diagnostics) else { return ActorDictionary(actors: []) }
        var list: [Actor] = []
        var seen: [String: Int] = [:]
        for r in t.rows {
            let f = r.fields
            guard let kind = Actor.Kind(rawValue: f[2]) else {
                diagnostics.append(Diagnostic(file: path, line: r.line, message:
                    "unknown actor kind `\(f[2])` (one of \(Actor.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            if f[0].isEmpty { diagnostics.append(Diagnostic(file: path, line: r.line, message: "empty actor id")); continue }
            if let other = seen[f[0]] {
                diagnostics.append(Diagnostic(file: path, line: r.line, message: "duplicate actor id `\(f[0])` (also on line \(other))"))
                continue
            }
            seen[f[0]] = r.line
            var aliases: [String: [String]] = [:]
            for (lang, names) in GazetteerLoader.parseAliases(f[4]) { aliases[lang, default: []] += names }
            list.append(Actor(id: f[0], name: f[1], kind: kind, side: f[3].isEmpty ? nil : f[3], aliases: aliases,
                              notes: f[5].isEmpty ? nil : f[5]))
        }
        return ActorDictionary(actors: list)
    }
}
