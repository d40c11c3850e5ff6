import Foundation

/// The one folding every name lookup uses, so that a query and an alias meet whatever their spelling:
/// `Ḩamāh`, `HAMAH` and `hamah` fold alike; `حماة` and `حماه` too.
///
/// Rules, in order: NFKD (for Latin, Greek, Cyrillic, Arabic and their compatibility forms; see
/// `decompositions`); combining marks dropped (Latin accents, Arabic harakat and the hamza
/// carried by أ إ آ); lowercase; `đ`→`d`, `ı`→`i`, `ø`→`o`, `ł`→`l`, `ß`→`ss`, `æ`→`ae`, `œ`→`oe`;
/// Arabic tatweel dropped, `ٱ`→`ا`, `ة`→`ه`, `ى`/`ی`→`ي`, `ک`→`ك`; transliteration marks and
/// apostrophes (`ʿ ʾ ’ ' ‘ ´ \``) dropped so `Hay'at` = `Hayat`; hyphens, dashes, dots, other punctuation
/// and whitespace become one space; leading and trailing spaces trimmed.
public enum NameFolding {
    public static func fold(_ s: some StringProtocol) -> String {
        // ASCII fast path: no Foundation, no decomposition needed. Most aliases take it.
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return foldASCII(s.utf8) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            for x in folded(u) {
                if x == spaceMark {
                    pendingSpace = true
                } else {
                    if pendingSpace && !out.isEmpty { out.append(" ") }
                    pendingSpace = false
                    out.append(x)
                }
            }
        }
        return String(out)
    }

    /// In a per-scalar result: "a separator here" (whitespace, punctuation).
    private static let spaceMark: Unicode.Scalar = "\u{0}"
    private static let memoLock = NSLock()
    nonisolated(unsafe) private static var memo: [UInt32: [Unicode.Scalar]] = [:]

    /// What one scalar folds to, computed once per distinct scalar: Unicode property lookups were
    /// most of the cost of indexing the gazetteer's 70,000 aliases (many scripts).
    private static func folded(_ u: Unicode.Scalar) -> [Unicode.Scalar] {
        memoLock.lock()
        let known = memo[u.value]
        memoLock.unlock()
        if let known { return known }
        var out: [Unicode.Scalar] = []
        for x in decomposition(u) { foldOne(x, into: &out) }
        memoLock.lock()
        memo[u.value] = out
        memoLock.unlock()
        return out
    }

    private static func foldOne(_ u: Unicode.Scalar, into out: inout [Unicode.Scalar]) {
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return
        default: break
        }
        switch u.value {
        case 0x27, 0x60, 0xB4, 0x2BB, 0x2BC, 0x2BE, 0x2BF, 0x2018, 0x2019, 0x02B9, 0x2032: return // ' ` ´ ʻ ʼ ʾ ʿ ‘ ’
        case 0x0640: return                                          // tatweel
        case 0x0671: out.append("\u{0627}"); return                  // ٱ -> ا
        case 0x0629: out.append("\u{0647}"); return                  // ة -> ه
        case 0x0649, 0x06CC: out.append("\u{064A}"); return          // ى ی -> ي
        case 0x06A9: out.append("\u{0643}"); return                  // ک -> ك
        case 0x0110, 0x0111: out.append("d"); return                  // Đ đ
        case 0x0131: out.append("i"); return                          // ı
        case 0x00D8, 0x00F8: out.append("o"); return
        case 0x0141, 0x0142: out.append("l"); return
        case 0x00DF: out += ["s", "s"]; return
        case 0x00C6, 0x00E6: out += ["a", "e"]; return
        case 0x0152, 0x0153: out += ["o", "e"]; return
        default: break
        }
        let p = u.properties
        if p.isAlphabetic || p.numericType != nil {
            if p.changesWhenLowercased { out += p.lowercaseMapping.unicodeScalars } else { out.append(u) }
        } else {
            out.append(spaceMark)   // whitespace, hyphen, dot, any other punctuation
        }
    }

    /// NFKD where it matters for names (see `decomposeRanges`), else the scalar itself.
    private static func decomposition(_ u: Unicode.Scalar) -> [Unicode.Scalar] {
        guard decomposeRanges.contains(where: { $0.contains(u.value) }) else { return [u] }
        return Array(String(Character(u)).decomposedStringWithCompatibilityMapping.unicodeScalars)
    }

    /// Where NFKD is applied: Latin, Greek, Cyrillic, Arabic, Latin Extended Additional, Greek
    /// Extended, punctuation and letterlike symbols, Arabic presentation forms, fullwidth forms.
    /// Other scripts are taken as they are (folding stays a pure function, so lookups still meet).
    private static let decomposeRanges: [ClosedRange<UInt32>] = [
        0x00A0...0x024F, 0x0370...0x04FF, 0x0620...0x06FF, 0x1E00...0x1FFF, 0x2000...0x215F,
        0xFB00...0xFB4F, 0xFB50...0xFDFF, 0xFE70...0xFEFF, 0xFF00...0xFFEF,
    ]

    private static func foldASCII(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var pendingSpace = false
        for b in bytes {
            switch b {
            case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(b + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            default:
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A display form: accents and transliteration marks dropped, case kept (`Ḩamāh` -> `Hamah`,
    /// `Dar‘ā` -> `Dara`). Used for a place's name when no `display` alias is given.
    public static func stripDiacritics(_ s: String) -> String {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return s }
        var out = String.UnicodeScalarView()
        for u in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch u.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            switch u.value {
            case 0x2BB, 0x2BC, 0x2BE, 0x2BF, 0x2018, 0x2019: continue
            case 0x0110: out.append("D")
            case 0x0111: out.append("d")
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Levenshtein distance over Unicode scalars, for "did you mean" suggestions.
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
}
