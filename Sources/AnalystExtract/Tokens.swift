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
}

public struct TokenizedText: Sendable {
    public var tokens: [Token]
}

/// One pass over the Unicode scalars. Words are runs of letters, digits and combining marks;
/// punctuation that matters for dates and sentences (`. , / : ( )`) becomes one-scalar tokens;
/// quotes, apostrophes and hyphens only separate words (`d'Idleb` -> `d` `idleb`, `al-Sham` ->
/// `al` `sham`), except a hyphen between digits, kept for ISO dates.
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

        func flush(_ end: Int) {
            if wordStart >= 0 {
                tokens.append(Token(text: String(decoding: buf, as: UTF8.self), start: wordStart, end: end,
                                    kind: hasLetter ? .word : .number, capitalized: capitalized, breakBefore: pendingBreak))
                pendingBreak = 0
                buf.removeAll(keepingCapacity: true)
                wordStart = -1
                hasLetter = false
            }
        }

        for s in text.unicodeScalars {
            let v = s.value
            let len = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
            let e = Fold.entry(v)
            switch e.cls {
            case .word, .digit, .mark:
                if wordStart < 0 {
                    if pendingHyphen >= 0 && e.cls == .digit {
                        tokens.append(Token(text: "-", start: pendingHyphen, end: pendingHyphen + 1, kind: .punct,
                                            capitalized: false, breakBefore: 0))
                    }
                    wordStart = offset
                    capitalized = e.cls == .word && s.properties.isUppercase
                    if newlines > 0 { pendingBreak = max(pendingBreak, newlines >= 2 ? 2 : 1); newlines = 0 }
                }
                pendingHyphen = -1
                if e.cls == .word { hasLetter = true }
                buf.append(contentsOf: e.folded)
                prevDigit = e.cls == .digit
            case .space:
                flush(offset)
                if v == 0x0A { newlines += 1 }
                prevDigit = false
                pendingHyphen = -1
            case .punct:
                let wasDigit = prevDigit
                flush(offset)
                prevDigit = false
                pendingHyphen = -1
                switch v {
                case 0x2D, 0x2010, 0x2011, 0x2013:   // hyphens and en dash
                    if wasDigit { pendingHyphen = offset }
                case 0x27, 0x22, 0x2018, 0x2019, 0x201C, 0x201D, 0xAB, 0xBB, 0x2039, 0x203A, 0x60, 0xB4, 0x2014, 0x2A, 0x23, 0x5F:
                    break   // quotes, apostrophes, dashes, markup: separators only
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
