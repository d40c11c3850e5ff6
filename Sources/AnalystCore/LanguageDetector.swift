import Foundation

/// What tells one language apart, read from `<lexicons>/<lang>/language.tsv` (`pattern<TAB>kind`):
/// - `stopword`: a frequent short word (one point per token; the name scanner also skips aliases
///   that are such words);
/// - `letter`: a letter typical of the language (two points per occurrence: ñ, ß, ç);
/// - `script`: a Unicode range (`0600-06FF`) or letter; more than 30% of the letters in it decides;
/// - `marker`: a range or letter no other corpus language uses (ơ ư đ); three of them, over 1% of
///   the letters, decide.
public struct LanguageProfile: Sendable {
    public var language: String
    public var stopwords: Set<String> = []
    public var letters: Set<Character> = []
    public var script: [ClosedRange<UInt32>] = []
    public var markers: [ClosedRange<UInt32>] = []

    public init(language: String) { self.language = language }

    /// Parses a `language.tsv`; problems are returned as diagnostics naming the file and line.
    public static func parse(_ text: String, language: String, path: String, diagnostics: inout [Diagnostic]) -> LanguageProfile {
        var p = LanguageProfile(language: language)
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("pattern\t") { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard c.count >= 2, !c[0].isEmpty else {
                diagnostics.append(Diagnostic(file: path, line: n, message: "expected pattern<TAB>kind"))
                continue
            }
            switch c[1] {
            case "stopword": p.stopwords.insert(c[0].lowercased())
            case "letter": for ch in c[0].lowercased() { p.letters.insert(ch) }
            case "script", "marker":
                guard let r = range(c[0]) else {
                    diagnostics.append(Diagnostic(file: path, line: n, message: "`\(c[0])` is neither a letter nor a hex range like 0400-04FF"))
                    continue
                }
                if c[1] == "script" { p.script.append(r) } else { p.markers.append(r) }
            default:
                diagnostics.append(Diagnostic(file: path, line: n, message: "unknown kind `\(c[1])` (stopword, letter, script, marker)"))
            }
        }
        return p
    }

    /// `0600-06FF` (hex scalar values) or one letter (`ơ`).
    static func range(_ s: String) -> ClosedRange<UInt32>? {
        let parts = s.split(separator: "-")
        if parts.count == 2, let a = UInt32(parts[0], radix: 16), let b = UInt32(parts[1], radix: 16), a <= b { return a...b }
        let scalars = Array(s.unicodeScalars)
        if scalars.count == 1 { return scalars[0].value...scalars[0].value }
        return nil
    }
}

/// Guesses the language of a plain-text article among the languages that have a profile
/// (`lexicons/<lang>/language.tsv`): adding a language is adding that file, no Swift change.
///
/// Scoring, cheap and explainable: a language whose `script` holds most letters decides (Arabic,
/// Cyrillic); so do a few `marker` letters (Vietnamese); otherwise each language scores one point
/// per stopword token plus two per typical letter. With no profiles everything is `und`.
public struct LanguageDetector: Sendable {
    public let profiles: [LanguageProfile]

    public init(profiles: [LanguageProfile]) { self.profiles = profiles.sorted { $0.language < $1.language } }

    /// Every `<directory>/<lang>/language.tsv`; a language directory without one is not detectable
    /// (its articles need a `language:` field).
    public init(directory: String, diagnostics: inout [Diagnostic]) {
        let fm = FileManager.default
        var out: [LanguageProfile] = []
        for lang in ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).sorted() where !lang.hasPrefix(".") {
            let path = "\(directory)/\(lang)/language.tsv"
            guard fm.fileExists(atPath: path) else { continue }
            switch SafeFile.read(path) {
            case .failure(let d): diagnostics.append(d)
            case .success(let bytes):
                out.append(LanguageProfile.parse(String(decoding: bytes, as: UTF8.self), language: lang, path: path, diagnostics: &diagnostics))
            }
        }
        self.init(profiles: out)
    }

    /// The bundled corpus's profiles (empty when there is no bundled corpus).
    public static let bundled: LanguageDetector = {
        var d: [Diagnostic] = []
        guard let dir = Corpus.bundledDirectory() else { return LanguageDetector(profiles: []) }
        return LanguageDetector(directory: "\(dir)/lexicons", diagnostics: &d)
    }()

    /// The languages it can tell apart.
    public var supported: [String] { profiles.map(\.language) }

    /// Frequent short words of each language (bundled profiles), for the name scanner.
    public static var stopwords: [String: Set<String>] {
        Dictionary(uniqueKeysWithValues: bundled.profiles.map { ($0.language, $0.stopwords) })
    }

    /// `detect` with the bundled profiles.
    public static func detect(_ text: some StringProtocol) -> (language: String, confidence: Double) {
        bundled.detect(text)
    }

    /// The best language and a rough confidence 0...1; `und` (undetermined) for text with no evidence.
    public func detect(_ text: some StringProtocol) -> (language: String, confidence: Double) {
        let sample = text.prefix(20_000)   // enough evidence; keeps huge files cheap
        var letters = 0
        var inScript = [Int](repeating: 0, count: profiles.count)
        var marked = [Int](repeating: 0, count: profiles.count)
        for u in sample.unicodeScalars {
            guard u.properties.isAlphabetic else { continue }
            letters += 1
            let v = u.value
            if v < 0x80 { continue }   // ASCII letters are every Latin-script language's
            for (k, p) in profiles.enumerated() {
                if p.script.contains(where: { $0.contains(v) }) { inScript[k] += 1 }
                if p.markers.contains(where: { $0.contains(v) }) { marked[k] += 1 }
            }
        }
        if letters == 0 { return ("und", 0) }
        if let k = inScript.indices.max(by: { inScript[$0] < inScript[$1] }), Double(inScript[k]) / Double(letters) > 0.3 {
            return (profiles[k].language, min(1, Double(inScript[k]) / Double(letters) + 0.2))
        }
        if let k = marked.indices.max(by: { marked[$0] < marked[$1] }), marked[k] >= 3, Double(marked[k]) / Double(letters) > 0.01 {
            return (profiles[k].language, min(1, 0.5 + Double(marked[k]) / Double(letters) * 5))
        }
        var words = 0
        var scores = [Double](repeating: 0, count: profiles.count)
        for w in sample.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }) {
            words += 1
            let s = String(w)
            for (k, p) in profiles.enumerated() {
                if p.stopwords.contains(s) { scores[k] += 1 }
                if !p.letters.isEmpty { for ch in s where p.letters.contains(ch) { scores[k] += 2 } }
            }
        }
        guard let k = scores.indices.max(by: { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && profiles[$0].language > profiles[$1].language) }),
              scores[k] > 0 else { return ("und", 0) }
        let best = scores[k]
        let second = scores.indices.filter { $0 != k }.map { scores[$0] }.max() ?? 0
        let confidence = min(1, (best - second) / max(1, best) + min(0.5, best / Double(max(words, 1))))
        return (profiles[k].language, confidence)
    }

    /// ISO 639-1 codes: what a BCP 47 primary subtag in front matter may be (plus `und`).
    static let iso639_1: Set<String> = Set("""
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz \
    ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik \
    io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml \
    mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd \
    se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi \
    vo wa wo xh yi yo za zh zu und
    """.split(separator: " ").map(String.init))

    /// True for `en`, `pt-BR`, `zh-Hant`, `ar-SY`: a known primary language and well-formed subtags.
    public static func isValidTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, iso639_1.contains(String(primary)) else { return false }
        return parts.dropFirst().allSatisfy { p in
            (2...8).contains(p.count) && p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
