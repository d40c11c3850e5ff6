import Foundation

/// Phrases of folded tokens, looked up by their first token: the precompiled form of every
/// lexicon and of the gazetteer. Longest phrase wins.
struct PhraseTable<Value> {
    struct Phrase { var tokens: [String]; var value: Value }
    private(set) var byFirst: [String: [Phrase]] = [:]
    private(set) var maxLength = 0

    mutating func add(_ tokens: [String], _ value: Value) {
        guard let first = tokens.first else { return }
        byFirst[first, default: []].append(Phrase(tokens: tokens, value: value))
        byFirst[first]!.sort { $0.tokens.count > $1.tokens.count }
        maxLength = max(maxLength, tokens.count)
    }

    var isEmpty: Bool { byFirst.isEmpty }

    /// Longest phrase starting at token `i` (not past `end`). `firstForms` are the spellings to try for
    /// the first token (the token itself, then clitic-stripped forms).
    func longest(in toks: [Token], at i: Int, end: Int, firstForms: [String]) -> (length: Int, value: Value)? {
        for form in firstForms {
            guard let cands = byFirst[form] else { continue }
            for p in cands where i + p.tokens.count <= end {
                var ok = true
                var k = 1
                while k < p.tokens.count {
                    if toks[i + k].text != p.tokens[k] { ok = false; break }
                    k += 1
                }
                if ok { return (p.tokens.count, p.value) }
            }
        }
        return nil
    }

    /// Every phrase starting at `i` (all lengths), longest first.
    func all(in toks: [Token], at i: Int, end: Int, firstForms: [String]) -> [(length: Int, value: Value)] {
        var out: [(Int, Value)] = []
        for form in firstForms {
            guard let cands = byFirst[form] else { continue }
            for p in cands where i + p.tokens.count <= end {
                var ok = true
                for k in 1..<max(1, p.tokens.count) where toks[i + k].text != p.tokens[k] { ok = false; break }
                if ok { out.append((p.tokens.count, p.value)) }
            }
        }
        return out
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
