import Foundation
import Synchronization

/// The one folding of the project: names (gazetteer, actors, Lua filters, importers' linking) and the
/// text the extractor reads go through the same per-scalar table, so `Ḩamāh`, `HAMAH` and `hamah`
/// meet, as do `حماة` and `حماه`, `Hay'at` and `Hayat`.
///
/// Per scalar (see `compute`): NFKD (Latin, Greek, Cyrillic, Arabic and their compatibility forms;
/// see `decomposeRanges`); combining marks dropped (Latin accents, Arabic harakat and the hamza carried
/// by أ إ آ ؤ ئ); lowercase; `đ`→`d`, `ı`→`i`, `ø`→`o`, `ł`→`l`, `ß`→`ss`, `æ`→`ae`, `œ`→`oe`, `ς`→`σ`;
/// Arabic tatweel dropped, `ٱ`→`ا`, `ة`→`ه`, `ى`/`ی`→`ي`, `ک`→`ك`; Arabic-Indic digits → ASCII digits.
///
/// The apostrophe rule (`' ’ ‘ ʼ ʻ ʿ ʾ \` ´ ′`): between two letters it splits a word into pieces and
/// glues the second piece to the first. A name's key joins glued pieces (`Hay'at` -> `hayat`,
/// `Nuʿman` -> `numan`); the extractor's tokenizer keeps the pieces apart, marks them glued, and its
/// phrase matcher tries both the joined word and the pieces, so `Hay'at Tahrir` finds `hayat tahrir`,
/// `d'Alep` finds `alep` and `Halep'te` finds `halep`. Anywhere else an apostrophe is a separator.
/// Hyphens, dashes, dots, other punctuation and whitespace separate words (one space in a key).
public enum NameFolding {
    /// What a scalar is to a tokenizer.
    public enum Class: UInt8, Sendable { case space, word, digit, mark, punct, apostrophe }

    /// A scalar's class and its folded UTF-8 bytes (up to 8, inline: no heap traffic in hot loops).
    public struct Entry: Sendable {
        public let cls: Class
        public let count: UInt8
        @usableFromInline let bytes: UInt64

        init(_ cls: Class, _ folded: [UInt8]) {
            self.cls = cls
            let f = folded.prefix(8)
            count = UInt8(f.count)
            var b: UInt64 = 0
            for (i, x) in f.enumerated() { b |= UInt64(x) << (8 * UInt64(i)) }
            bytes = b
        }

        @inlinable @inline(__always)
        public func append(to buf: inout [UInt8]) {
            var b = bytes
            for _ in 0..<count { buf.append(UInt8(truncatingIfNeeded: b)); b >>= 8 }
        }
        public var folded: [UInt8] { var a: [UInt8] = []; append(to: &a); return a }
        /// Part of a word (letters, digits, combining marks).
        @inlinable public var isWordPart: Bool { cls == .word || cls == .digit || cls == .mark }
    }

    /// Scalars below this are folded once into a table (Latin, Greek, Cyrillic, Arabic, Vietnamese,
    /// general punctuation and curly quotes); others are computed once and remembered.
    @usableFromInline static let tableLimit: UInt32 = 0x2200
    @usableFromInline static let table: [Entry] = (0..<tableLimit).map { compute($0) }
    private static let memo = Mutex<[UInt32: Entry]>([:])

    @inlinable @inline(__always)
    public static func entry(_ v: UInt32) -> Entry {
        if v < tableLimit { return table[Int(v)] }
        return rareEntry(v)
    }

    @usableFromInline static func rareEntry(_ v: UInt32) -> Entry {
        if let known = memo.withLock({ $0[v] }) { return known }
        let e = compute(v)
        memo.withLock { $0[v] = e }
        return e
    }

    // MARK: names

    /// A name's key: its folded words, glued pieces joined, one space between words
    /// (`Deir ez-Zor` -> `deir ez zor`, `Ma'arrat al-Nuʿman` -> `maarrat al numan`).
    public static func fold(_ s: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var inWord = false, glue = false, spaceDue = false
        for u in s.unicodeScalars {
            let e = entry(u.value)
            if e.isWordPart {
                if !inWord {
                    if !glue { spaceDue = !out.isEmpty }
                    inWord = true; glue = false
                }
                if e.count > 0 {
                    if spaceDue { out.append(0x20); spaceDue = false }
                    e.append(to: &out)
                }
            } else if e.cls == .apostrophe {
                glue = glue || inWord; inWord = false   // `qʼʼm`: two marks glue too
            } else {
                inWord = false; glue = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The words of a name's key (`fold` split at spaces): what phrase tables are keyed by.
    public static func words(_ s: some StringProtocol) -> [String] {
        fold(s).split(separator: " ").map(String.init)
    }

    // MARK: the table

    static func isApostrophe(_ v: UInt32) -> Bool {
        switch v {
        case 0x27, 0x60, 0xB4, 0x2B9, 0x2BB, 0x2BC, 0x2BD, 0x2BE, 0x2BF, 0x2018, 0x2019, 0x2032: return true
        default: return false
        }
    }

    /// Letters folded by rule rather than by decomposition.
    static let special: [UInt32: String] = [
        0x0671: "\u{0627}", 0x0629: "\u{0647}", 0x0649: "\u{064A}", 0x06CC: "\u{064A}", 0x06A9: "\u{0643}",
        0x0110: "d", 0x0111: "d", 0x0131: "i", 0x00D8: "o", 0x00F8: "o", 0x0141: "l", 0x0142: "l",
        0x00DF: "ss", 0x1E9E: "ss", 0x00C6: "ae", 0x00E6: "ae", 0x0152: "oe", 0x0153: "oe", 0x03C2: "\u{03C3}",
    ]

    static func compute(_ v: UInt32) -> Entry {
        guard let s = Unicode.Scalar(v) else { return Entry(.space, []) }
        if v < 0x80 {
            let c = UInt8(v)
            if c >= 0x61 && c <= 0x7A { return Entry(.word, [c]) }
            if c >= 0x41 && c <= 0x5A { return Entry(.word, [c + 32]) }
            if c >= 0x30 && c <= 0x39 { return Entry(.digit, [c]) }
            if c == 0x27 || c == 0x60 { return Entry(.apostrophe, []) }
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) { return Entry(.space, []) }
            return Entry(.punct, [c])
        }
        if isApostrophe(v) { return Entry(.apostrophe, []) }
        if (0x0660...0x0669).contains(v) { return Entry(.digit, [UInt8(0x30 + v - 0x0660)]) }
        if (0x06F0...0x06F9).contains(v) { return Entry(.digit, [UInt8(0x30 + v - 0x06F0)]) }
        let p = s.properties
        if isMark(s) || v == 0x0640 { return Entry(.mark, []) }   // harakat, accents, tatweel: in the word, dropped
        if p.isWhitespace { return Entry(.space, []) }
        if let f = special[v] { return Entry(.word, Array(f.utf8)) }
        if p.isAlphabetic || p.numericType != nil {
            var out = String.UnicodeScalarView()
            for x in decomposition(s) where !isMark(x) {
                let q = x.properties
                if q.isAlphabetic || q.numericType != nil {
                    if let f = special[x.value] { out += f.unicodeScalars }
                    else if q.changesWhenLowercased { out += q.lowercaseMapping.unicodeScalars }
                    else { out.append(x) }
                }
            }
            return Entry(p.isAlphabetic ? .word : .digit, Array(String(out).utf8))
        }
        // Arabic comma, semicolon and question mark behave like their Latin peers.
        if v == 0x060C { return Entry(.punct, [0x2C]) }
        if v == 0x061B { return Entry(.punct, [0x3B]) }
        if v == 0x061F { return Entry(.punct, [0x3F]) }
        return Entry(.punct, Array(String(Character(s)).utf8))
    }

    static func isMark(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// NFKD where it matters for names (see `decomposeRanges`), else the scalar itself.
    private static func decomposition(_ u: Unicode.Scalar) -> [Unicode.Scalar] {
        guard decomposeRanges.contains(where: { $0.contains(u.value) }) else { return [u] }
        return Array(String(Character(u)).decomposedStringWithCompatibilityMapping.unicodeScalars)
    }

    /// Where NFKD is applied: Latin, Greek, Cyrillic, Arabic, Latin Extended Additional, Greek
    /// Extended, punctuation and letterlike symbols, Arabic presentation forms, fullwidth forms.
    private static let decomposeRanges: [ClosedRange<UInt32>] = [
        0x00A0...0x024F, 0x0370...0x04FF, 0x0620...0x06FF, 0x1E00...0x1FFF, 0x2000...0x215F,
        0xFB00...0xFB4F, 0xFB50...0xFDFF, 0xFE70...0xFEFF, 0xFF00...0xFFEF,
    ]

    // MARK: display

    /// A display form: accents and transliteration marks dropped, case kept (`Ḩamāh` -> `Hamah`,
    /// `Dar‘ā` -> `Dara`). Used for a place's name when no `display` alias is given.
    public static func stripDiacritics(_ s: String) -> String {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return s }
        var out = String.UnicodeScalarView()
        for u in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isMark(u) { continue }
            switch u.value {
            case 0x2BB, 0x2BC, 0x2BE, 0x2BF, 0x2018, 0x2019: continue
            case 0x0110: out.append("D")
            case 0x0111: out.append("d")
            default: out.append(u)
            }
        }
        return String(out)
    }
}
