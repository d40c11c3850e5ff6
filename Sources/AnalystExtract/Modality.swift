import AnalystCore

/// Modality of a trigger from the cues of its sentence: claims ("rebels announced", "according to
/// X"), denials ("the regime denied"), and guards that cancel or weaken it (negation, failure,
/// future, hypothesis) when they stand just before the trigger.
struct ModalityFinder {
    struct Found { var modality: Modality = .asserted; var claimedBy: String?; var deniedBy: String?; var guardKind: CueKind?; var rule: String? }
    struct CueHit { var range: Range<Int>; var cue: ModalityCue }

    let lex: LanguageLexicon
    /// How many tokens before a trigger a guard may stand ("failed to capture", "never captured").
    static let guardWindow = 4

    func cues(_ toks: [Token], _ range: Range<Int>) -> [CueHit] {
        var out: [CueHit] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if let m = lex.cues.longest(in: toks, at: i, end: range.upperBound, firstForms: lex.forms(toks[i])) {
                out.append(CueHit(range: i..<i + m.length, cue: m.value)); i += m.length
            } else { i += 1 }
        }
        return out
    }

    func modality(trigger: Range<Int>, cues: [CueHit], toks: [Token], sentence: Range<Int>, bytes: [UInt8],
                  actorName: (Range<Int>) -> String?) -> Found {
        var f = Found()
        for c in cues {
            switch c.cue.kind {
            case .negation, .failed, .future, .hypothetical:
                // the guard must sit shortly before the trigger, with no sentence punctuation between
                if c.range.upperBound <= trigger.lowerBound && trigger.lowerBound - c.range.upperBound <= ModalityFinder.guardWindow,
                   !toks[c.range.upperBound..<trigger.lowerBound].contains(where: { $0.kind == .punct && [",", ";", ":"].contains($0.text) }) {
                    f.guardKind = c.cue.kind; f.rule = c.cue.rule
                }
            case .denied:
                if c.range.upperBound <= trigger.lowerBound || c.range.lowerBound > trigger.upperBound && c.cue.sourceAfter == false {
                    f.modality = .denied; f.deniedBy = source(c, toks, sentence, bytes, actorName)
                }
            case .claimed:
                if f.modality != .denied { f.modality = .claimed; f.claimedBy = source(c, toks, sentence, bytes, actorName) }
            }
        }
        return f
    }

    /// Who claims: an actor next to the cue, else up to four words on the cue's source side.
    private func source(_ c: CueHit, _ toks: [Token], _ s: Range<Int>, _ bytes: [UInt8], _ actorName: (Range<Int>) -> String?) -> String? {
        var lo: Int, hi: Int
        if c.cue.sourceAfter {
            lo = c.range.upperBound; hi = lo
            while hi < s.upperBound && hi - lo < 4 && toks[hi].kind != .punct { hi += 1 }
        } else {
            hi = c.range.lowerBound; lo = hi
            while lo > s.lowerBound && hi - lo < 4 && toks[lo - 1].kind != .punct { lo -= 1 }
        }
        guard lo < hi else { return nil }
        if let a = actorName(lo..<hi) { return a }
        let u = bytes[toks[lo].start..<toks[hi - 1].end]
        return String(decoding: u, as: UTF8.self)
    }
}
