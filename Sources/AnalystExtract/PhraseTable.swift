import Foundation

/// Phrases of folded tokens, looked up by their first token: the precompiled form of every
/// lexicon and of the gazetteer. Longest phrase wins.
struct PhraseTable<Value> {
    struct Phrase { var tokens: [String]; var value: Value }
    private(set) var byFirst: [String: [Phrase]] = [:]
    private(set) var maxLength = 0

    mutating func add(_ tokens: [String], _ value: Value) {
        guard let first = tokens.first else { return }
        // Keep each bucket longest-first, equal lengths in insertion order (no re-sort per add:
        // the gazetteer adds tens of thousands of names).
        var bucket = byFirst.removeValue(forKey: first) ?? []
        let at = bucket.firstIndex { $0.tokens.count < tokens.count } ?? bucket.endIndex
        bucket.insert(Phrase(tokens: tokens, value: value), at: at)
        byFirst[first] = bucket
        maxLength = max(maxLength, tokens.count)
    }

    var isEmpty: Bool { byFirst.isEmpty }
    var firstWords: Dictionary<String, [Phrase]>.Keys { byFirst.keys }

    /// Longest phrase starting at token `i` (not past `end`). `firstForms` are the spellings to try for
    /// the first token (the token itself, then clitic-stripped forms).
    func longest(in toks: [Token], at i: Int, end: Int, firstForms: [String]) -> (length: Int, value: Value)? {
        if firstForms.isEmpty { return longest(in: toks, at: i, end: end, first: toks[i].text) }
        for form in firstForms {
            if let m = longest(in: toks, at: i, end: end, first: form) { return m }
        }
        return nil
    }

    @inline(__always)
    func longest(in toks: [Token], at i: Int, end: Int, first form: String) -> (length: Int, value: Value)? {
        guard let cands = byFirst[form] else { return nil }
        for p in cands where i + p.tokens.count <= end {
            var ok = true
            var k = 1
            while k < p.tokens.count {
                if toks[i + k].text != p.tokens[k] { ok = false; break }
                k += 1
            }
            if ok { return (p.tokens.count, p.value) }
        }
        return nil
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
