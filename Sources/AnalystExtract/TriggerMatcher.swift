/// A lexicon trigger found in a sentence.
struct TriggerHit { var tokens: Range<Int>; var rule: TriggerRule }

/// Scans a sentence for trigger phrases (longest match first, Arabic clitics stripped from the first
/// word), skipping tokens that belong to a place or actor name.
struct TriggerMatcher {
    let lex: LanguageLexicon

    func find(_ toks: [Token], _ range: Range<Int>, masked: (Int) -> Bool) -> [TriggerHit] {
        var out: [TriggerHit] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if !masked(i), toks[i].kind == .word,
               let m = lex.triggers.longest(in: toks, at: i, end: range.upperBound, firstForms: lex.forms(toks[i])) {
                out.append(TriggerHit(tokens: i..<i + m.length, rule: m.value)); i += m.length
            } else { i += 1 }
        }
        return out
    }
}
