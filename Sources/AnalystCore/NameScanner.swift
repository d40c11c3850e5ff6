/// One name found in a text by `NameScanner`.
public struct NameMatch: Sendable, Hashable {
    /// The text as written, and where: String indices and UTF-8 byte offsets (what EventMention uses).
    public var text: String
    public var range: Range<String.Index>
    public var utf8Range: Range<Int>
    /// The folded key that matched (`deir ez zor`).
    public var key: String
    /// What the key names: place ids for the gazetteer, actor ids' indices for actors, ranked best first.
    public var ids: [Int]
}

/// Leftmost-longest scanning of a text for multi-word names, over folded tokens.
///
/// Names and text go through the same tokenizer, so they meet however they are written: tokens are
/// runs of letters and digits (apostrophes inside a word kept: `Hay'at` is one token), hyphens and
/// dots split (`Deir ez-Zor` = `deir ez zor`), and French/Italian elisions are split off
/// (`d'Idleb` = `d idleb`, `l'armée` = `l armee`) so `Idleb` is found inside `province d'Idleb`.
/// Names written in capitals of at most 5 letters (`HTS`, `UN`, `SANA`) only match capitals in the
/// text, so `un` in French or `us` in English are not taken for them.
public struct NameScanner: Sendable {
    private var entries: [String: [Int]] = [:]
    private var upperOnly: Set<String> = []
    private var mixed: Set<String> = []
    public private(set) var maxWords = 1

    public init() {}

    /// Adds a name for `id`. Names that fold to nothing are ignored.
    public mutating func add(_ name: String, id: Int) {
        let toks = NameScanner.tokens(name)
        guard !toks.isEmpty else { return }
        let key = toks.map(\.folded).joined(separator: " ")
        guard !key.isEmpty else { return }
        if var ids = entries[key] {
            if !ids.contains(id) { ids.append(id); entries[key] = ids }
        } else {
            entries[key] = [id]
        }
        if NameScanner.isAcronym(name) { upperOnly.insert(key) } else { mixed.insert(key) }
        maxWords = max(maxWords, toks.count)
    }

    public mutating func remove(key: String) { entries[key] = nil }
    /// Reorders (or filters) the ids of every key, e.g. to rank them.
    public mutating func reorderIDs(_ f: ([Int]) -> [Int]) {
        for (k, v) in entries where v.count > 1 { entries[k] = f(v) }
    }
    public var keys: Dictionary<String, [Int]>.Keys { entries.keys }
    public func ids(forKey key: String) -> [Int]? { entries[key] }

    /// Every non-overlapping match, leftmost first, longest at each position.
    public func scan(_ text: String) -> [NameMatch] {
        let toks = NameScanner.tokens(text)
        var out: [NameMatch] = []
        var i = 0
        while i < toks.count {
            var found = false
            var n = min(maxWords, toks.count - i)
            while n >= 1 {
                let key = toks[i..<(i + n)].map(\.folded).joined(separator: " ")
                if let ids = entries[key] {
                    let range = toks[i].range.lowerBound..<toks[i + n - 1].range.upperBound
                    let written = text[range]
                    if !upperOnly.contains(key) || mixed.contains(key) || NameScanner.isAllUpper(written) {
                        let lo = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                        let hi = lo + text.utf8.distance(from: range.lowerBound, to: range.upperBound)
                        out.append(NameMatch(text: String(written), range: range, utf8Range: lo..<hi, key: key, ids: ids))
                        i += n; found = true; break
                    }
                }
                n -= 1
            }
            if !found { i += 1 }
        }
        return out
    }

    struct Token { var range: Range<String.Index>; var folded: String }

    static let elisions: Set<String> = ["qu", "dell", "nell", "all", "dall", "sull", "quell", "lorsqu", "jusqu"]

    /// Over Unicode scalars, not Characters: grapheme breaking made indexing 70,000 aliases slow.
    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        let u = text.unicodeScalars
        var i = u.startIndex
        let end = u.endIndex
        func isWordChar(_ c: Unicode.Scalar) -> Bool {
            if c.value < 0x80 {
                return (c.value >= 0x61 && c.value <= 0x7A) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x30 && c.value <= 0x39)
            }
            let p = c.properties
            switch p.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return p.isAlphabetic || p.numericType != nil
            }
        }
        func isApostrophe(_ c: Unicode.Scalar) -> Bool {
            switch c.value { case 0x27, 0x60, 0x2019, 0x2BC, 0x2BF, 0x2BE, 0x2018: return true; default: return false }
        }
        while i < end {
            guard isWordChar(u[i]) else { i = u.index(after: i); continue }
            let start = i
            var j = u.index(after: i)
            var split: (at: String.Index, resume: String.Index)?
            scan: while j < end {
                let c = u[j]
                if isWordChar(c) { j = u.index(after: j); continue }
                if isApostrophe(c) {
                    let k = u.index(after: j)
                    if k < end && isWordChar(u[k]) {
                        // Elision (d', l', qu', dell'): a word of its own; else the apostrophe is inside the word.
                        let prefix = u[start..<j]
                        if prefix.count <= 2 || elisions.contains(String(prefix).lowercased()) { split = (j, k); break scan }
                        j = k; continue
                    }
                }
                break
            }
            let tokenEnd = split?.at ?? j
            let f = NameFolding.fold(text[start..<tokenEnd])
            if !f.isEmpty { out.append(Token(range: start..<tokenEnd, folded: f)) }
            i = split?.resume ?? j
        }
        return out
    }

    /// `HTS`, `U.S.`, `SANA`: every letter a capital, 2 to 5 letters.
    static func isAcronym(_ s: String) -> Bool {
        let letters = s.filter(\.isLetter)
        return (2...5).contains(letters.count) && letters.allSatisfy(\.isUppercase)
    }
    static func isAllUpper(_ s: Substring) -> Bool { s.filter(\.isLetter).allSatisfy(\.isUppercase) }
}
