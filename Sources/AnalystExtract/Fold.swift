import Foundation

/// Folding of one Unicode scalar for matching: lower case, no diacritics, Arabic letter variants
/// unified. Text and lexicons go through the same folding, so `Idleb`, `IDLEB` and `Idléb` meet,
/// as do `أعلن` and `اعلن`. A table is built once for the scripts we read (Latin, Greek, Cyrillic,
/// Arabic, Vietnamese), so the hot loop never calls Foundation.
enum Fold {
    /// What a scalar is to the tokenizer.
    enum Class: UInt8 { case space, word, digit, mark, punct }

    struct Entry { var cls: Class; var folded: [UInt8] }

    static let tableLimit: UInt32 = 0x2000
    static let table: [Entry] = (0..<tableLimit).map { compute(UnicodeScalar($0)) }

    @inline(__always)
    static func entry(_ v: UInt32) -> Entry {
        if v < tableLimit { return table[Int(v)] }
        return compute(UnicodeScalar(v))
    }

    static func compute(_ s: Unicode.Scalar?) -> Entry {
        guard let s else { return Entry(cls: .space, folded: []) }
        let v = s.value
        if v < 0x80 {
            let c = UInt8(v)
            if (c >= 0x61 && c <= 0x7A) { return Entry(cls: .word, folded: [c]) }
            if (c >= 0x41 && c <= 0x5A) { return Entry(cls: .word, folded: [c + 32]) }
            if (c >= 0x30 && c <= 0x39) { return Entry(cls: .digit, folded: [c]) }
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x0B { return Entry(cls: .space, folded: []) }
            return Entry(cls: .punct, folded: [c])
        }
        let p = s.properties
        // Arabic-Indic and extended Arabic-Indic digits fold to ASCII digits.
        if (0x0660...0x0669).contains(v) { return Entry(cls: .digit, folded: [UInt8(0x30 + v - 0x0660)]) }
        if (0x06F0...0x06F9).contains(v) { return Entry(cls: .digit, folded: [UInt8(0x30 + v - 0x06F0)]) }
        if p.generalCategory == .nonspacingMark || p.generalCategory == .enclosingMark || v == 0x0640 {
            return Entry(cls: .mark, folded: [])   // harakat, combining accents, tatweel: part of the word, dropped
        }
        if p.isWhitespace { return Entry(cls: .space, folded: []) }
        if p.isAlphabetic {
            let special: [UInt32: String] = [0x0623: "ا", 0x0625: "ا", 0x0622: "ا", 0x0671: "ا", 0x0649: "ي",
                                             0x0629: "ه", 0x0111: "d", 0x0110: "d", 0x0131: "i", 0x06CC: "ي", 0x06A9: "ك"]
            let f = special[v] ?? String(Character(s)).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            return Entry(cls: .word, folded: Array(f.utf8))
        }
        // Arabic comma and question mark behave like their Latin peers.
        if v == 0x060C { return Entry(cls: .punct, folded: [0x2C]) }
        if v == 0x061F { return Entry(cls: .punct, folded: [0x3F]) }
        if v == 0x061B { return Entry(cls: .punct, folded: [0x3B]) }
        return Entry(cls: .punct, folded: Array(String(Character(s)).utf8))
    }

    /// Folds a whole phrase the way the tokenizer folds text (used for lexicons and aliases).
    static func phrase(_ text: String) -> [String] {
        Tokenizer.tokenize(text).tokens.map(\.text)
    }
}
