import Foundation
import AnalystCore

/// Which argument of a trigger is where, from the lexicon's `roles` column.
public struct TriggerRule: Sendable {
    public var type: EventType
    public var placeAfter: Bool
    public var placeBefore: Bool
    public var actorAfter: Bool      // passive: "X fell to Y", "taken by Y"
    public var originIsPlace: Bool   // withdrawal/displacement: "from X" is where it happened
    public var weight: Double
    public var rule: String          // "en/triggers.tsv:12 seized"
    /// How many tokens may separate the trigger from its place (role `close`: 4, for short or
    /// generic verbs like "take" or "toman"; else 14 after, 12 before).
    public var reach: Int? = nil
    /// Role `earlier`: "after the fall of X" names a happening before the sentence's date.
    public var earlier: Bool = false
}

public enum DateWordKind: String, Sendable {
    case month, weekday, dayOffset = "day_offset", past, next, this, number, unit, later, before, ago, within
    case since, lastWeek = "last_week", thisWeek = "this_week", endOf = "end_of", beginningOf = "beginning_of"
    case midOf = "mid_of", filler, monthPrefix = "month_prefix", yearPrefix = "year_prefix", dayPrefix = "day_prefix"
}

public struct DateWord: Sendable { public var kind: DateWordKind; public var value: Int }

/// `neutral`: a monitor, agency or witness as speaker (a sourced assertion); `party`: a side's voice
/// without a name ("state media"); `clause`: a word that ends a cue's scope ("while", "alors que").
public enum CueKind: String, Sendable { case claimed, denied, negation, future, hypothetical, failed, neutral, party, clause }

public struct ModalityCue: Sendable {
    public var kind: CueKind
    /// Where the source is, for claims and denials: `before` ("X said"), `after` ("according to X").
    public var sourceAfter: Bool
    public var rule: String
}

/// `list`: "among them", "including": a sentence without a trigger that lists places after it names
/// more places of the previous sentence's capture ("Among the towns taken were X and Y").
/// `destination`: "towards X" — X is where a movement goes, never where the event happened.
/// `landmark`: "north of X" — X locates another place; it is the event's place (precision 2) only
/// when no other place is at hand ("clashes north of Hama"), not in "took Tal Rifaat north of Aleppo".
public enum PlaceCueKind: String, Sendable { case province, near, anaphor, and, origin, capital, list, destination, landmark }

public struct PlaceCue: Sendable {
    public var kind: PlaceCueKind
    /// true: the cue precedes the name ("province of X", "tỉnh X"); false: follows ("X province").
    public var before: Bool
}

/// The lexicons of one language, compiled into phrase tables of folded tokens.
public struct LanguageLexicon: Sendable {
    public var language: String
    var triggers = PhraseTable<TriggerRule>()
    var dates = PhraseTable<DateWord>()
    var cues = PhraseTable<ModalityCue>()
    var placeCues = PhraseTable<PlaceCue>()
    /// Clitic prefixes to strip from a word before lookup (Arabic و ب ل ال ...), longest first.
    var clitics: [String] = []
    public var triggerCount = 0

    /// The spellings to try for a token: itself, then without each clitic prefix.
    @inline(__always)
    func forms(_ t: Token) -> [String] {
        if clitics.isEmpty || t.kind != .word { return [] }   // empty: the token as it is (no allocation)
        var out = [t.text]
        // byte-wise: folded text has no combining marks, and String.hasPrefix pays for Unicode
        // normalisation on every Arabic token
        let u = t.text.utf8
        for c in clitics where u.count > c.utf8.count + 2 && u.starts(with: c.utf8) {
            out.append(String(decoding: u.dropFirst(c.utf8.count), as: UTF8.self))
        }
        return out
    }
}

public enum LexiconError: Error, CustomStringConvertible {
    case bad(file: String, line: Int, message: String)
    public var description: String {
        switch self { case let .bad(f, l, m): return "\(f):\(l): \(m)" }
    }
}

/// All languages' lexicons, read from `<dir>/<lang>/{triggers,dates,modality,places,clitics}.tsv`.
/// A language is a directory: adding one needs no Swift change. See Corpus/lexicons/README.md.
public struct Lexicons: Sendable {
    public var languages: [String: LanguageLexicon]

    public init(directory: URL) throws {
        languages = [:]
        let fm = FileManager.default
        let langs = try fm.contentsOfDirectory(atPath: directory.path).filter {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: directory.appendingPathComponent($0).path, isDirectory: &isDir) && isDir.boolValue
        }.sorted()
        for lang in langs {
            let dir = directory.appendingPathComponent(lang)
            func read(_ name: String) throws -> [(line: Int, cols: [String])] {
                let url = dir.appendingPathComponent(name)
                guard fm.fileExists(atPath: url.path) else { return [] }
                let bytes = try Data(contentsOf: url)
                guard let text = String(data: bytes, encoding: .utf8) else {
                    // Name the file and the line of the bad bytes (Foundation's error names neither).
                    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                    let bad = lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0
                    throw LexiconError.bad(file: "\(lang)/\(name)", line: bad + 1, message: "not UTF-8 text")
                }
                return readTSV(text)
            }
            var lex = LanguageLexicon(language: lang)
            for (n, c) in try read("clitics.tsv") { lex.clitics.append(Token.phrase(c[0]).joined()) ; _ = n }
            lex.clitics.sort { $0.count > $1.count }
            for (n, c) in try read("triggers.tsv") {
                let file = "\(lang)/triggers.tsv"
                guard c.count >= 2, let type = EventType(rawValue: c[1]) else {
                    throw LexiconError.bad(file: file, line: n, message: "expected pattern<TAB>type[<TAB>roles<TAB>weight]")
                }
                let roles = Set((c.count > 2 ? c[2] : "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                let weight = c.count > 3 ? Double(c[3]) ?? 0.8 : 0.8
                let rule = TriggerRule(type: type, placeAfter: roles.isEmpty || roles.contains("place_after") || !roles.contains("place_before"),
                                       placeBefore: roles.isEmpty || roles.contains("place_before") || !roles.contains("place_after"),
                                       actorAfter: roles.contains("actor_after"), originIsPlace: roles.contains("origin_is_place"),
                                       weight: weight, rule: "\(file):\(n) \(c[0])",
                                       reach: roles.contains("close") ? 4 : nil, earlier: roles.contains("earlier"))
                lex.triggers.add(pattern: c[0], rule)
                lex.triggerCount += 1
            }
            for (n, c) in try read("dates.tsv") {
                guard c.count >= 2, let kind = DateWordKind(rawValue: c[1]) else {
                    throw LexiconError.bad(file: "\(lang)/dates.tsv", line: n, message: "unknown kind")
                }
                lex.dates.add(pattern: c[0], DateWord(kind: kind, value: c.count > 2 ? Int(c[2]) ?? 0 : 0))
            }
            for (n, c) in try read("modality.tsv") {
                guard c.count >= 2, let kind = CueKind(rawValue: c[1]) else {
                    throw LexiconError.bad(file: "\(lang)/modality.tsv", line: n, message: "unknown kind")
                }
                lex.cues.add(pattern: c[0], ModalityCue(kind: kind, sourceAfter: c.count > 2 && c[2] == "after",
                                                             rule: "\(lang)/modality.tsv:\(n) \(c[0])"))
            }
            for (n, c) in try read("places.tsv") {
                guard c.count >= 2, let kind = PlaceCueKind(rawValue: c[1]) else {
                    throw LexiconError.bad(file: "\(lang)/places.tsv", line: n, message: "unknown kind")
                }
                lex.placeCues.add(pattern: c[0], PlaceCue(kind: kind, before: c.count > 2 && c[2] == "before"))
            }
            languages[lang] = lex
        }
    }

    /// The lexicon for a language code (`en`, `en-GB` -> `en`); nil when the language has none: its
    /// articles are skipped (the corpus loader warns), never read with English rules.
    public func lexicon(for language: String) -> LanguageLexicon? {
        languages[LanguageSupport.base(language)]
    }
}
