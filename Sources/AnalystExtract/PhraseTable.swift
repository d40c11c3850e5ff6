import Foundation
import AnalystCore

/// One element of a lexicon pattern: a folded word, a word prefix (`seiz*` matches seize, seizes,
/// seized, seizing: inflection without listing forms; three letters at least to open a pattern) or a bounded gap (`...`: up to `PhraseTable.maxGap`
/// lower-case words or commas, as in "took, within hours, control of").
enum PatternToken: Equatable {
    case word(String), prefix(String), gap
}

/// Phrases of folded words (`Token.phrase`: the tokenizer's, glued pieces joined), looked up by their first word: the precompiled form
/// of every lexicon, of the gazetteer and of the actors: the one phrase matcher over text. Longest
/// phrase wins (an exact first word before a prefix on ties). A word may be a run of glued tokens
/// (`Hay'at`, see `Token.glued`), read as its pieces or joined.
struct PhraseTable<Value> {
    struct Phrase {
        var tokens: [String]
        var value: Value
        /// nil for a plain phrase (the fast path); else its words, prefixes and gaps.
        var pattern: [PatternToken]?
    }
    private(set) var byFirst: [String: [Phrase]] = [:]
    /// Phrases whose first element is a prefix, keyed by the prefix's first `keyLength` scalars.
    private(set) var byPrefixKey: [UInt64: [Phrase]] = [:]
    private(set) var maxLength = 0
    /// First words of buckets holding a pattern with a gap (its match may outgrow longer phrases).
    private(set) var gapped: Set<String> = []
    static var keyLength: Int { 3 }
    static var maxGap: Int { 4 }

    mutating func add(_ tokens: [String], _ value: Value) {
        guard let first = tokens.first else { return }
        PhraseTable.insert(Phrase(tokens: tokens, value: value, pattern: nil), into: &byFirst, key: first, length: tokens.count)
        maxLength = max(maxLength, tokens.count)
    }

    /// Adds a lexicon pattern: words separated by spaces; `word*` is a prefix (at least three letters),
    /// `...` (or `…`) a gap. Patterns without either are plain phrases.
    mutating func add(pattern text: String, _ value: Value) {
        let pat = PhraseTable.compile(text)
        guard let first = pat.first else { return }
        if !pat.contains(where: { if case .word = $0 { return false }; return true }) {
            add(pat.map { if case .word(let w) = $0 { return w }; return "" }, value); return
        }
        let tokens = pat.map { t -> String in switch t { case .word(let w), .prefix(let w): return w; case .gap: return "..." } }
        let phrase = Phrase(tokens: tokens, value: value, pattern: pat)
        switch first {
        case .word(let w):
            PhraseTable.insert(phrase, into: &byFirst, key: w, length: pat.count)
            gapped.insert(w)
        case .prefix(let p): PhraseTable.insert(phrase, into: &byPrefixKey, key: PhraseTable.key(p), length: pat.count)
        case .gap: return   // a pattern cannot open with a gap
        }
        maxLength = max(maxLength, pat.count + PhraseTable.maxGap * pat.filter { $0 == .gap }.count)
    }

    private static func insert<K: Hashable>(_ p: Phrase, into table: inout [K: [Phrase]], key: K, length: Int) {
        // Keep each bucket longest-first, equal lengths in insertion order (no re-sort per add:
        // the gazetteer adds tens of thousands of names).
        var bucket = table.removeValue(forKey: key) ?? []
        let at = bucket.firstIndex { $0.tokens.count < length } ?? bucket.endIndex
        bucket.insert(p, at: at)
        table[key] = bucket
    }

    /// Pattern text -> elements, folded as names are (`Token.phrase`).
    static func compile(_ text: String) -> [PatternToken] {
        var out: [PatternToken] = []
        for piece in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if piece == "..." || piece == "…" { if !out.isEmpty { out.append(.gap) }; continue }
            let isPrefix = piece.hasSuffix("*") && piece.count > 1
            let words = Token.phrase(isPrefix ? piece.dropLast() : piece)
            for (k, w) in words.enumerated() {
                // a first word needs three letters (prefix keys); later words may be shorter ("nas mãos d*")
                if isPrefix && k == words.count - 1 && (w.unicodeScalars.count >= keyLength || !out.isEmpty) { out.append(.prefix(w)) }
                else { out.append(.word(w)) }
            }
        }
        while out.last == .gap { out.removeLast() }
        return out
    }

    /// The first `keyLength` scalars of a word packed in an integer (at most 8 UTF-8 bytes): one cheap
    /// hash per token for the prefix patterns, no string built.
    @inline(__always)
    static func key(_ word: String) -> UInt64 {
        var k: UInt64 = 0, scalars = 0, n = 0
        for b in word.utf8 {
            if b & 0xC0 != 0x80 { scalars += 1; if scalars > keyLength { break } }
            if n == 8 { break }
            k = k << 8 | UInt64(b); n += 1
        }
        return k | UInt64(n) << 60
    }

    var isEmpty: Bool { byFirst.isEmpty && byPrefixKey.isEmpty }
    var firstWords: Dictionary<String, [Phrase]>.Keys { byFirst.keys }
    /// Keys of prefix-first patterns (first `keyLength` scalars of a word).
    var prefixKeys: Dictionary<UInt64, [Phrase]>.Keys { byPrefixKey.keys }
    var hasPrefixes: Bool { !byPrefixKey.isEmpty }

    /// Longest phrase starting at token `i` (not past `end`). `firstForms` are the spellings to try for
    /// the first token (the token itself, then clitic-stripped forms). At a glued run the pieces come
    /// first (`Hama'dan` is Hama with a suffix, not Hamadan; `d'Alep` an elision), the joined word
    /// when they match nothing (`Hay'at Tahrir`, `Cezaevi'nin`).
    /// (Matchers over several tables try the pieces in all of them before any joined word.)
    func longest(in toks: [Token], at i: Int, end: Int, firstForms: [String]) -> (length: Int, value: Value)? {
        longest(in: toks, at: i, end: end, firstForms: firstForms, joined: false)
            ?? longest(in: toks, at: i, end: end, firstForms: firstForms, joined: true)
    }

    /// The pieces reading (`joined` false) or the joined word of a glued run at `i` (true).
    func longest(in toks: [Token], at i: Int, end: Int, firstForms: [String], joined: Bool) -> (length: Int, value: Value)? {
        if !joined { return piecesFirst(in: toks, at: i, end: end, firstForms: firstForms) }
        guard let run = Token.gluedRun(toks, i, end: end) else { return nil }
        return longest(in: toks, at: i, end: end, first: run.text, width: run.length)
    }

    @inline(__always)
    private func piecesFirst(in toks: [Token], at i: Int, end: Int, firstForms: [String]) -> (length: Int, value: Value)? {
        if firstForms.isEmpty { return longest(in: toks, at: i, end: end, first: toks[i].text) }
        for form in firstForms {
            if let m = longest(in: toks, at: i, end: end, first: form) { return m }
        }
        return nil
    }

    /// Longest phrase whose first word is `form`, read from `width` tokens at `i` (more than one for
    /// a joined glued run).
    @inline(__always)
    func longest(in toks: [Token], at i: Int, end: Int, first form: String, width: Int = 1) -> (length: Int, value: Value)? {
        var best: (length: Int, value: Value)?
        let next = i + width
        if let cands = byFirst[form] {
            for p in cands {
                if let pat = p.pattern {
                    if let n = match(pat, 1, toks, next, end), n - i > (best?.length ?? 0) { best = (n - i, p.value) }
                    continue
                }
                guard next + p.tokens.count - 1 <= end, next + p.tokens.count - 1 - i > (best?.length ?? 0) else { continue }
                if let n = matchWords(p.tokens, 1, toks, next, end), n - i > (best?.length ?? 0) {
                    best = (n - i, p.value)
                    // buckets are longest first: without gap patterns nothing later is longer
                    if !gapped.contains(form) { break }
                }
            }
        }
        if !byPrefixKey.isEmpty, form.utf8.count >= PhraseTable.keyLength, let cands = byPrefixKey[PhraseTable.key(form)] {
            for p in cands {
                guard case .prefix(let pre)? = p.pattern?.first, form.utf8.starts(with: pre.utf8) else { continue }
                if let n = match(p.pattern!, 1, toks, next, end), n - i > (best?.length ?? 0) { best = (n - i, p.value) }
            }
        }
        return best
    }

    /// Plain words from `k` at token `j`: each word is one token, or a glued run joined.
    /// Returns the token index after the match.
    private func matchWords(_ words: [String], _ k: Int, _ toks: [Token], _ j: Int, _ end: Int) -> Int? {
        var k = k, j = j
        while k < words.count {
            guard j < end else { return nil }
            if toks[j].text == words[k] { k += 1; j += 1; continue }
            // a glued run read as one word ("tirs d'artillerie" = tirs dartillerie)
            guard let run = Token.gluedRun(toks, j, end: end), run.text == words[k] else { return nil }
            k += 1; j += run.length
        }
        return j
    }

    /// Matches pattern elements from `k` at token `i`; returns the token index after the match.
    private func match(_ pat: [PatternToken], _ k: Int, _ toks: [Token], _ i: Int, _ end: Int) -> Int? {
        if k == pat.count { return i }
        switch pat[k] {
        case .word(let w):
            guard i < end else { return nil }
            if toks[i].text == w { return match(pat, k + 1, toks, i + 1, end) }
            guard let run = Token.gluedRun(toks, i, end: end), run.text == w else { return nil }
            return match(pat, k + 1, toks, i + run.length, end)
        case .prefix(let p):
            guard i < end, toks[i].kind == .word, toks[i].text.utf8.starts(with: p.utf8) else { return nil }
            return match(pat, k + 1, toks, i + 1, end)
        case .gap:
            // shortest gap first; a gap holds lower-case words, numbers and commas, never a name or a clause end
            var j = i
            while true {
                if let n = match(pat, k + 1, toks, j, end) { return n }
                guard j < end, j - i < PhraseTable.maxGap, !toks[j].capitalized,
                      toks[j].kind != .punct || toks[j].text == "," else { return nil }
                j += 1
            }
        }
    }
}

/// Reads a lexicon TSV: `#` comments and blank lines skipped, a header row starting with `pattern`
/// skipped. Yields (1-based line number, columns).
func readTSV(_ text: String) -> [(line: Int, cols: [String])] {
    var out: [(Int, [String])] = []
    var n = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
        n += 1
        let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
        if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("pattern\t") { continue }
        let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        if cols.first?.isEmpty ?? true { continue }
        out.append((n, cols))
    }
    return out
}

/// Built once per lexicon and then only read, from any thread.
extension PhraseTable: Sendable where Value: Sendable {}
extension PhraseTable.Phrase: Sendable where Value: Sendable {}
