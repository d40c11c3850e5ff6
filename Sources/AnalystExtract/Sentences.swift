/// A sentence: a run of tokens and its byte range in the body.
public struct Sentence: Sendable {
    public var tokens: Range<Int>
    public var bytes: Range<Int>
    /// A short line standing alone without final punctuation (a heading): its date is looked for
    /// in what follows.
    public var isHeading: Bool
    /// Starts a paragraph (after a blank line or a line break).
    public var startsParagraph: Bool
}

/// Splits on `. ! ? ؟ …` followed by a gap, and on line breaks. Guards: initials (`U.S.`), short
/// abbreviations (`Mr.`, `Gen.`), and a period after a 1-2 digit number followed by a word
/// (German `27. November`).
public enum SentenceSplitter {
    static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj",
                                             "prof", "sr", "jr", "vs", "no", "mt", "ft", "etc", "cf", "av", "sra", "sr", "m", "mme"]

    public static func split(_ t: TokenizedText) -> [Sentence] {
        let toks = t.tokens
        var out: [Sentence] = []
        var start = 0
        func emit(_ endExclusive: Int) {
            guard endExclusive > start else { return }
            let first = toks[start], last = toks[endExclusive - 1]
            let n = endExclusive - start
            let endsWithStop = last.kind == .punct && [".", "!", "?", "…", ":"].contains(last.text)
            let nextBreak = endExclusive < toks.count ? toks[endExclusive].breakBefore : 2
            let heading = !endsWithStop && n <= 10 && nextBreak > 0 && (first.breakBefore > 0 || start == 0)
            out.append(Sentence(tokens: start..<endExclusive, bytes: first.start..<last.end, isHeading: heading,
                                startsParagraph: start == 0 || first.breakBefore > 0))
            start = endExclusive
        }
        var i = 0
        while i < toks.count {
            let tok = toks[i]
            if i > start && tok.breakBefore > 0 { emit(i); continue }
            if tok.kind == .punct, tok.text == "." || tok.text == "!" || tok.text == "?" || tok.text == "…" {
                let next = i + 1 < toks.count ? toks[i + 1] : nil
                var boundary = next == nil || next!.start > tok.end
                if boundary, tok.text == ".", i > start, let nx = next {
                    let prev = toks[i - 1]
                    if prev.end == tok.start {
                        if prev.kind == .word && prev.text.utf8.count == 1 && prev.capitalized { boundary = false }
                        else if prev.kind == .word && abbreviations.contains(prev.text) && prev.capitalized { boundary = false }
                        else if prev.kind == .number && prev.text.utf8.count <= 2 && nx.kind == .word && nx.breakBefore == 0 { boundary = false }
                        // "Nov. 29", "Dec. 8-9": a short capitalised abbreviation before a number on the same line
                        else if prev.kind == .word && prev.capitalized && prev.text.utf8.count <= 4 && nx.kind == .number && nx.breakBefore == 0 { boundary = false }
                    }
                }
                if boundary {
                    // keep closing punctuation glued to the sentence
                    var j = i + 1
                    while j < toks.count, toks[j].kind == .punct, toks[j].breakBefore == 0, toks[j].text == ")" { j += 1 }
                    emit(j); i = j; continue
                }
            }
            i += 1
        }
        emit(toks.count)
        return out
    }
}
