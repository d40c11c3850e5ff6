import AnalystCore

/// A token of an article: folded text plus where it sits in the body (UTF-8 byte offsets).
public struct Token: Sendable {
    public enum Kind: UInt8, Sendable { case word, number, punct }
    public var text: String
    public var start: Int
    public var end: Int
    public var kind: Kind
    /// The first letter is upper case in the original (a cheap proper-noun hint for Latin scripts).
    public var capitalized: Bool
    /// 0: same line as the previous token, 1: after a line break, 2: after a blank line.
    public var breakBefore: UInt8
    /// Which phrase tables may start at this token (`TableBits`), set once per article by the
    /// extractor so that scanners skip most tokens without hashing them again.
    public var flags: UInt8 = 0
    /// Glued to the previous token by an apostrophe inside a word (`Hay'at` -> `hay` + glued `at`,
    /// `d'Alep` -> `d` + glued `alep`): the phrase matcher tries the joined word and the pieces.
    public var glued: Bool = false
}

extension Token {
    /// The run of pieces glued to the token at `i` (`hay` `at` -> `hayat`, its token count), nil when
    /// the next token is not glued to it.
    @inline(__always)
    static func gluedRun(_ toks: [Token], _ i: Int, end: Int) -> (text: String, length: Int)? {
        guard i + 1 < end, toks[i + 1].glued else { return nil }
        var text = toks[i].text, e = i + 1
        while e < end && toks[e].glued { text += toks[e].text; e += 1 }
        return (text, e - i)
    }

    /// A name or lexicon pattern as the phrase matcher reads it: the tokenizer's tokens (punctuation
    /// kept, `U.S.` = `u . s .`), glued pieces joined (`Hay'at` = `hayat`, as `NameFolding.words`).
    static func phrase(_ s: some StringProtocol) -> [String] {
        words(Tokenizer.tokenize(String(s)).tokens.filter { !$0.text.isEmpty }[...])
    }

    /// Words of a token range as a name's key has them: glued pieces joined.
    static func words(_ toks: ArraySlice<Token>) -> [String] {
        var out: [String] = []
        for t in toks { if t.glued, !out.isEmpty { out[out.count - 1] += t.text } else { out.append(t.text) } }
        return out
    }
}

/// One bit per kind of phrase table.
enum TableBits {
    static let trigger: UInt8 = 1, date: UInt8 = 2, cue: UInt8 = 4, placeCue: UInt8 = 8, place: UInt8 = 16, actor: UInt8 = 32
}

public struct TokenizedText: Sendable {
    public var tokens: [Token]
}

/// One pass over the Unicode scalars, folded by `NameFolding`'s table (the folding of every name).
/// Words are runs of letters, digits and combining marks; punctuation that matters for dates and
/// sentences (`. , / : ( )`) becomes one-scalar tokens; quotes and hyphens only separate words
/// (`al-Sham` -> `al` `sham`), except a hyphen between digits, kept for ISO dates; an apostrophe
/// inside a word splits it and glues the next piece (`d'Idleb` -> `d` + glued `idleb`).
public enum Tokenizer {
    public static func tokenize(_ text: String) -> TokenizedText {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 5)
        var buf: [UInt8] = []
        buf.reserveCapacity(64)
        var offset = 0
        var wordStart = -1
        var hasLetter = false
        var capitalized = false
        var newlines: UInt8 = 0
        var pendingBreak: UInt8 = 0
        var prevDigit = false
        var pendingHyphen = -1   // byte offset of a hyphen right after a digit
        var glue = false         // an apostrophe right after a word: the next word is glued to it
        var wordGlued = false    // the word being read began glued

        func flush(_ end: Int) {
            if wordStart >= 0 {
                tokens.append(Token(text: String(decoding: buf, as: UTF8.self), start: wordStart, end: end,
                                    kind: hasLetter ? .word : .number, capitalized: capitalized, breakBefore: pendingBreak,
                                    glued: wordGlued))
                pendingBreak = 0
                buf.removeAll(keepingCapacity: true)
                wordStart = -1
                hasLetter = false
            }
        }

        for s in text.unicodeScalars {
            let v = s.value
            let len = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
            let e = NameFolding.entry(v)
            switch e.cls {
            case .word, .digit, .mark:
                if wordStart < 0 {
                    if pendingHyphen >= 0 && e.cls == .digit {
                        tokens.append(Token(text: "-", start: pendingHyphen, end: pendingHyphen + 1, kind: .punct,
                                            capitalized: false, breakBefore: 0))
                    }
                    wordStart = offset
                    wordGlued = glue; glue = false
                    capitalized = e.cls == .word && (v < 0x80 ? (v >= 0x41 && v <= 0x5A) : s.properties.isUppercase)
                    if newlines > 0 { pendingBreak = max(pendingBreak, newlines >= 2 ? 2 : 1); newlines = 0 }
                }
                pendingHyphen = -1
                if e.cls == .word { hasLetter = true }
                e.append(to: &buf)
                prevDigit = e.cls == .digit
            case .apostrophe:
                let inWord = wordStart >= 0
                flush(offset)
                glue = glue || inWord
                prevDigit = false
                pendingHyphen = -1
            case .space:
                glue = false
                flush(offset)
                if v == 0x0A { newlines += 1 }
                prevDigit = false
                pendingHyphen = -1
            case .punct:
                glue = false
                let wasDigit = prevDigit
                flush(offset)
                prevDigit = false
                pendingHyphen = -1
                switch v {
                case 0x2D, 0x2010, 0x2011, 0x2013:   // hyphens and en dash
                    if wasDigit { pendingHyphen = offset }
                case 0x22, 0x201C, 0x201D, 0xAB, 0xBB, 0x2039, 0x203A, 0x2014, 0x2A, 0x23, 0x5F:
                    break   // quotes, dashes, markup: separators only
                default:
                    if newlines > 0 { pendingBreak = max(pendingBreak, newlines >= 2 ? 2 : 1); newlines = 0 }
                    tokens.append(Token(text: String(decoding: e.folded, as: UTF8.self), start: offset, end: offset + len,
                                        kind: .punct, capitalized: false, breakBefore: pendingBreak))
                    pendingBreak = 0
                }
            }
            offset += len
        }
        flush(offset)
        return TokenizedText(tokens: tokens)
    }
}
