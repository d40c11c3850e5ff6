/// Transliteration tolerance: the one fuzzy key and the one closeness rule every tolerant name lookup
/// uses (the gazetteer's `candidates`, the extractor's place finder). A tolerant match needs the same
/// `skeleton` and a close spelling (`closeSpelling`); callers add their own precision rule (one town
/// only). Measured over the bundled gazetteer in docs/architecture.md ("Names").
extension NameFolding {
    /// Levenshtein distance over Unicode scalars, for "did you mean" suggestions and close spellings.
    public static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count), cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...y.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = Swift.min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// Arabic articles as the press writes them in Latin script (`al-`, `el-`, assimilated `ash-`, `ez-`...).
    public static let articles: Set<Substring> = ["al", "el", "ul", "as", "ash", "es", "ad", "ed", "ar", "er", "at", "et", "an", "en", "az", "ez", "ath"]

    /// A transliteration-tolerant key for a Latin-script name: `Maarat al-Numan`, `Ma'arrat an-Nu'man`
    /// and `Maarrat al-Nuʿman` all give `mrtnmn`; `Tal Rifaat`, `Tel Rıfat`, `Tall Rifat` give `tlrft`;
    /// `Manbidsch`, `Manbij`, `Menbiç` give `mnbk`. Folded text in, nil for other scripts or keys under
    /// three consonants (too short to tell names apart). Rules: articles dropped; `dsch tsch dzh dj`
    /// -> j, `sch sh` -> s, a word-initial `ch` -> s (French), another `ch` -> k (German); vowels and
    /// `h w y` dropped (so `kh gh th` lose their h and `ou`/`u`, `ei`/`ay` meet); `c g j k q x` -> k,
    /// `p` -> b, `v` -> f; doubled letters once.
    public static func skeleton(folded: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        var utf8 = Array(folded.utf8)
        utf8.append(0x20)
        var w0 = 0
        for j in utf8.indices where utf8[j] == 0x20 {
            defer { w0 = j + 1 }
            guard j > w0 else { continue }
            let b = utf8[w0..<j]
            if b.count <= 3 && articles.contains(Substring(decoding: b, as: UTF8.self)) { continue }
            var i = b.startIndex
            @inline(__always) func at(_ x: UInt8, _ y: UInt8) -> Bool { i + 1 < j && b[i] == x && b[i + 1] == y }
            @inline(__always) func at(_ x: UInt8, _ y: UInt8, _ z: UInt8) -> Bool { i + 2 < j && b[i] == x && b[i + 1] == y && b[i + 2] == z }
            while i < j {
                var c: UInt8
                let x = b[i]
                guard x >= 0x61 && x <= 0x7A else { return nil }
                if (x == 0x64 || x == 0x74) && at(x, 0x73, 0x63) && i + 3 < j && b[i + 3] == 0x68 { c = 0x6B; i += 4 }   // dsch tsch
                else if at(0x64, 0x7A, 0x68) { c = 0x6B; i += 3 }                                                     // dzh
                else if at(0x73, 0x63, 0x68) { c = 0x73; i += 3 }                                                     // sch
                else if at(0x64, 0x6A) { c = 0x6B; i += 2 }                                                           // dj
                else if at(0x73, 0x68) { c = 0x73; i += 2 }                                                           // sh
                else if at(0x63, 0x68) { c = i == w0 ? 0x73 : 0x6B; i += 2 }                                          // ch
                else {
                    c = x; i += 1
                    switch c {
                    case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79, 0x77, 0x68: continue   // a e i o u y w h
                    case 0x63, 0x67, 0x6A, 0x71, 0x78: c = 0x6B                     // c g j q x -> k
                    case 0x70: c = 0x62                                              // p -> b
                    case 0x76: c = 0x66                                              // v -> f
                    default: break
                    }
                }
                if out.last != c { out.append(c) }
            }
        }
        return out.count >= 3 ? String(decoding: out, as: UTF8.self) : nil
    }

    /// A name's words without Arabic articles, joined: what `closeSpelling` compares.
    public static func bare(_ words: [String]) -> String {
        words.filter { !articles.contains(Substring($0)) }.joined(separator: " ")
    }

    /// Diphthong spellings of one Arabic vowel pair written alike: `ay ai ei ey` -> e, `aw au ow` -> o,
    /// `ou` -> u ("Sednaya" / "Saydnaya", "Qousseir" / "Qusayr").
    public static func diphthongs(_ s: String) -> String {
        var out = s
        for (a, b) in [("ay", "e"), ("ai", "e"), ("ei", "e"), ("ey", "e"), ("aw", "o"), ("au", "o"), ("ou", "u"), ("ow", "o")] {
            out = out.replacingOccurrences(of: a, with: b)
        }
        return out
    }

    /// The query's words (folded) against a spelling of a place with the same skeleton (`bare`, articles
    /// dropped): close when the edit distance, diphthongs unified, is within a quarter of the query's
    /// length for one word (no "Basir" out of the first name "Bashar"), a third for several, so that a
    /// common word with the same consonants ("Square" / "Shajarah") is no place.
    public static func closeSpelling(_ words: [String], _ spelling: String) -> Bool {
        CloseSpelling(words).matches(spelling)
    }

    /// `closeSpelling` with the query prepared once, for many spellings.
    public struct CloseSpelling: Sendable {
        let text: String
        let limit: Int
        public init(_ words: [String]) {
            text = NameFolding.diphthongs(NameFolding.bare(words))
            limit = max(1, text.unicodeScalars.count / (words.count == 1 ? 4 : 3))
        }
        public func matches(_ spelling: String) -> Bool {
            NameFolding.editDistance(text, NameFolding.diphthongs(spelling), limit: limit) <= limit
        }
    }
}
