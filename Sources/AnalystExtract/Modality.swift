import AnalystCore

/// Modality of a trigger from the cues of its clause and from who speaks: a party to the conflict
/// ("the army said", "rebels announced", "state TV reported") makes a claim or a denial; a monitor,
/// agency or witness ("the Observatory said", "according to AFP", "residents said") a sourced
/// assertion, which stays `asserted`. Guards cancel or weaken a trigger they stand just before
/// (negation, failure, future, hypothesis). A cue's scope ends at `;` and at a clause word
/// ("while", "alors que", `clause` in modality.tsv), so a claim in one clause leaves the next alone.
struct ModalityFinder {
    struct Found { var modality: Modality = .asserted; var claimedBy: String?; var deniedBy: String?; var guardKind: CueKind?; var rule: String? }
    struct CueHit { var range: Range<Int>; var cue: ModalityCue }

    let lex: LanguageLexicon
    /// How many tokens before a trigger a guard may stand ("failed to capture", "never captured").
    static let guardWindow = 4
    /// How many tokens on its source side a claim cue looks for who speaks.
    static let sourceWindow = 8

    func cues(_ toks: [Token], _ range: Range<Int>) -> [CueHit] {
        var out: [CueHit] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if toks[i].flags & TableBits.cue != 0, let m = lex.cues.longest(in: toks, at: i, end: range.upperBound, firstForms: lex.forms(toks[i])) {
                out.append(CueHit(range: i..<i + m.length, cue: m.value)); i += m.length
            } else { i += 1 }
        }
        return out
    }

    /// true when a clause boundary (`;`, or a `clause` cue) lies between the two token ranges.
    private func separated(_ a: Range<Int>, _ b: Range<Int>, _ toks: [Token], _ cues: [CueHit]) -> Bool {
        let lo = min(a.upperBound, b.upperBound), hi = max(a.lowerBound, b.lowerBound)
        guard lo < hi else { return false }
        if toks[lo..<hi].contains(where: { $0.kind == .punct && ($0.text == ";" || $0.text == "." ) }) { return true }
        return cues.contains { $0.cue.kind == .clause && $0.range.lowerBound >= lo && $0.range.upperBound <= hi }
    }

    func modality(trigger: Range<Int>, cues: [CueHit], toks: [Token], sentence: Range<Int>, bytes: [UInt8],
                  actorAt: (Range<Int>) -> Actor?) -> Found {
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
                guard !separated(c.range, trigger, toks, cues) else { continue }
                if c.range.upperBound <= trigger.lowerBound || c.range.lowerBound > trigger.upperBound && c.cue.sourceAfter == false {
                    let (party, name) = speaker(c, toks, sentence, cues, actorAt)
                    if party { f.modality = .denied; f.deniedBy = name }
                }
            case .claimed:
                guard !separated(c.range, trigger, toks, cues), f.modality != .denied else { continue }
                // A claim cue after the trigger reports it only as a trailing clause ("..., the army
                // said on Friday."); one that goes on with its own complement ("after a night of
                // fighting, the army announced it had redeployed") claims what follows it, not this.
                if c.range.lowerBound >= trigger.upperBound,
                   sentence.upperBound - c.range.upperBound > (c.cue.sourceAfter ? ModalityFinder.sourceWindow : 4) { continue }
                let (party, name) = speaker(c, toks, sentence, cues, actorAt)
                if party { f.modality = .claimed; f.claimedBy = name }
            case .neutral, .party, .clause:
                break
            }
        }
        return f
    }

    /// Who speaks for a claim or denial cue, from up to `sourceWindow` words on its source side:
    /// (is a party to the conflict, the party's name when it is a known actor). A named actor with a
    /// side, or a `party` word ("state media"), is a party; a monitor, agency or witness (an actor
    /// without side of kind monitor / international organisation, or a `neutral` word) is not; an
    /// unknown speaker counts as a party (claims are what sides say), unnamed.
    private func speaker(_ c: CueHit, _ toks: [Token], _ s: Range<Int>, _ cues: [CueHit],
                         _ actorAt: (Range<Int>) -> Actor?) -> (Bool, String?) {
        var lo: Int, hi: Int
        if c.cue.sourceAfter {
            lo = c.range.upperBound; hi = lo
            while hi < s.upperBound && hi - lo < ModalityFinder.sourceWindow && !(toks[hi].kind == .punct && toks[hi].text != "(" && toks[hi].text != ")") { hi += 1 }
        } else {
            hi = c.range.lowerBound; lo = hi
            while lo > s.lowerBound && hi - lo < ModalityFinder.sourceWindow && !(toks[lo - 1].kind == .punct && toks[lo - 1].text != "(" && toks[lo - 1].text != ")") { lo -= 1 }
        }
        guard lo < hi else { return (true, nil) }
        var k = lo
        var neutral = false
        while k < hi {
            if let a = actorAt(k..<k + 1) {
                if a.side != nil || [.stateForces, .rebelGroup, .militia, .foreignState].contains(a.kind) { return (true, a.name) }
                if [.monitor, .internationalOrganisation, .civilians].contains(a.kind) { neutral = true }
            }
            k += 1
        }
        let inSpan = cues.filter { $0.range.lowerBound >= lo && $0.range.upperBound <= hi }
        if inSpan.contains(where: { $0.cue.kind == .party }) { return (true, nil) }
        if neutral || inSpan.contains(where: { $0.cue.kind == .neutral }) { return (false, nil) }
        return (true, nil)
    }
}
