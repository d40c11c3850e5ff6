import Foundation
import AnalystCore

/// Text -> event mentions. Built once (lexicons and gazetteer compiled into phrase tables), then
/// `extract` runs one pass of tokenizing and a few table lookups per token. Thread-safe: immutable.
public struct Extractor: Sendable {
    public let lexicons: Lexicons
    public let places: PlaceIndex
    public let actors: ActorIndex
    /// How far back the date window reaches for an undated event in a dated article.
    public var windowDays = 14
    /// How many days after the narrative anchor an event carried forward may lie.
    public var carryDays = 3

    /// First words of every phrase table -> which tables (`TableBits`): one hash per token. Keyed
    /// by a hash of the folded word's bytes, not by String: String hashing and equality normalise
    /// Unicode, which was a tenth of the time on Arabic, Cyrillic and Vietnamese text. The bits are
    /// hints (a table is then looked up by the word itself), so a hash collision costs a lookup,
    /// never a wrong match.
    let firstWords: [UInt64: UInt8]
    /// Keys of prefix patterns (`seiz*`): the first scalars of a word -> tables; empty when no lexicon has one.
    let prefixWords: [UInt64: UInt8]

    public init(lexiconDirectory: URL, gazetteer: PlaceSource, actors: ActorSource) throws {
        var index = PlaceIndex(gazetteer)
        index.loadCapitals(lexiconDirectory.deletingLastPathComponent().appendingPathComponent("countries.tsv"))
        self.init(lexicons: try Lexicons(directory: lexiconDirectory), places: index, actors: ActorIndex(actors))
    }

    public init(lexicons: Lexicons, places: PlaceIndex, actors: ActorIndex) {
        self.lexicons = lexicons; self.places = places; self.actors = actors
        var fw: [UInt64: UInt8] = [:]
        for lex in lexicons.languages.values {
            for w in lex.triggers.firstWords { fw[Extractor.wordHash(w), default: 0] |= TableBits.trigger }
            for w in lex.dates.firstWords { fw[Extractor.wordHash(w), default: 0] |= TableBits.date }
            for w in lex.cues.firstWords { fw[Extractor.wordHash(w), default: 0] |= TableBits.cue }
            for w in lex.placeCues.firstWords { fw[Extractor.wordHash(w), default: 0] |= TableBits.placeCue }
        }
        var pw: [UInt64: UInt8] = [:]
        for lex in lexicons.languages.values {
            for w in lex.triggers.prefixKeys { pw[w, default: 0] |= TableBits.trigger }
            for w in lex.dates.prefixKeys { pw[w, default: 0] |= TableBits.date }
            for w in lex.cues.prefixKeys { pw[w, default: 0] |= TableBits.cue }
            for w in lex.placeCues.prefixKeys { pw[w, default: 0] |= TableBits.placeCue }
        }
        prefixWords = pw
        for w in places.table.firstWords { fw[Extractor.wordHash(w), default: 0] |= TableBits.place }
        for t in places.scoped.values { for w in t.firstWords { fw[Extractor.wordHash(w), default: 0] |= TableBits.place } }
        for w in actors.firstWords { fw[Extractor.wordHash(w), default: 0] |= TableBits.actor }
        firstWords = fw
    }

    /// FNV-1a over the UTF-8 bytes of a folded word.
    @inline(__always)
    static func wordHash(_ w: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in w.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Marks each token with the tables that may start at it (clitic-stripped forms included).
    func flag(_ toks: inout [Token], _ lex: LanguageLexicon) {
        // with clitics (Arabic) each word costs several strings: flag each distinct word once
        // (by its bytes' hash, the word itself compared byte for byte: no Unicode normalisation)
        var seen: [UInt64: (word: String, flags: UInt8)] = [:]
        for i in toks.indices {
            // a glued run ("hay'at") may open a phrase as the joined word: its tables too
            var glued: UInt8 = 0
            if let run = Token.gluedRun(toks, i, end: toks.count) {
                glued = firstWords[Extractor.wordHash(run.text)] ?? 0
                if !prefixWords.isEmpty, run.text.utf8.count >= 3 { glued |= prefixWords[PhraseTable<Int>.key(run.text)] ?? 0 }
            }
            defer { toks[i].flags |= glued }
            let hash = Extractor.wordHash(toks[i].text)
            if !lex.clitics.isEmpty, let known = seen[hash], known.word.utf8.elementsEqual(toks[i].text.utf8) {
                toks[i].flags = known.flags; continue
            }
            var f = firstWords[hash] ?? 0
            if !prefixWords.isEmpty, toks[i].kind == .word, toks[i].text.utf8.count >= 3 { f |= prefixWords[PhraseTable<Int>.key(toks[i].text)] ?? 0 }
            if !lex.clitics.isEmpty {
                for form in lex.forms(toks[i]).dropFirst() {
                    f |= firstWords[Extractor.wordHash(form)] ?? 0
                    if !prefixWords.isEmpty, form.utf8.count >= 3 { f |= prefixWords[PhraseTable<Int>.key(form)] ?? 0 }
                }
                seen[hash] = (toks[i].text, f)
            }
            toks[i].flags = f
        }
    }

    public func extract(_ article: Article) -> [EventMention] { extract(article, collectionWindow: nil) }

    /// `collectionWindow`: the publication span of the collection the article comes from, for the year
    /// of its dates when it has no publication date of its own.
    public func extract(_ article: Article, collectionWindow: DayRange?) -> [EventMention] {
        guard let lex = lexicons.lexicon(for: article.language) else { return [] }
        let text = article.text
        let bytes = Array(text.utf8)
        var toks = Tokenizer.tokenize(text).tokens
        flag(&toks, lex)
        let sentences = SentenceSplitter.split(TokenizedText(tokens: toks))
        let dates = DateResolver(lex: lex)
        let modal = ModalityFinder(lex: lex)
        var finder = PlaceFinder(lex: lex, index: places)
        finder.bytes = bytes
        (finder.countries, finder.center, finder.topCountry) = articleRegion(toks)
        let matcher = TriggerMatcher(lex: lex)

        // Pass 1: dates of every sentence, in reading order, moving the narrative anchor.
        var ctx = DateContext(published: article.published ?? dateline(toks, sentences, dates))
        if ctx.published == nil { ctx.collection = collectionWindow }
        ctx.yearHint = toks.lazy.filter { $0.kind == .number && $0.text.utf8.count == 4 }
            .compactMap { Int($0.text) }.filter { (1990...2100).contains($0) }.max()
        var sentenceDates: [[DateMention]] = []
        var anchors: [(DayRange?, Int)] = []
        var pendingSection = false
        for s in sentences {
            anchors.append((ctx.anchor, ctx.anchorPrecision))
            let ms = dates.mentions(toks, s.tokens, &ctx)
            sentenceDates.append(ms)
            // A bare year ("since 2011", "in 2015") dates its own sentence only, never the narrative.
            if let last = ms.last(where: { !$0.yearOnly }) {
                ctx.anchor = last.range; ctx.anchorPrecision = last.precision
                if s.isHeading { ctx.headingDay = last.range }
                if pendingSection { pendingSection = false }
            }
            if s.isHeading { pendingSection = true }
        }
        // A section under a heading ("The fall of Hama") is dated by the first date it gives: its
        // undated sentences before that date take it as their anchor.
        for (si, s) in sentences.enumerated() where s.isHeading {
            var k = si + 1
            var date: (DayRange, Int)?
            while k < sentences.count && !sentences[k].isHeading {
                if let d = sentenceDates[k].first(where: { !$0.yearOnly }) { date = (d.range, d.precision); break }
                k += 1
            }
            if let date { for j in (si + 1)...min(k, sentences.count - 1) where j < k || sentenceDates[j].isEmpty { anchors[j] = date } }
        }
        let pub = ctx.published

        // Pass 2: triggers with their place, actor, date and modality.
        var out: [EventMention] = []
        var lastCity: Int?
        var previousPlaces: [PlaceMatch]?
        var lastCaptures: [EventMention] = []
        var cityCounts: [Int: Int] = [:]
        var lastEventCity: Int?
        let actorsByID = actors.byID   // captured by the closures below instead of the whole extractor
        for (si, s) in sentences.enumerated() {
            // Actors first: their names must not be read as places ("Hay'at Tahrir al-Sham" holds "Sham").
            var actorHits: [(Range<Int>, String)] = []
            var mask = [Bool](repeating: false, count: s.tokens.count)
            var i = s.tokens.lowerBound
            while i < s.tokens.upperBound {
                if toks[i].kind == .word, toks[i].flags & TableBits.actor != 0, let m = actors.longest(in: toks, at: i, end: s.tokens.upperBound,
                                                                 language: lex.language, forms: lex.forms(toks[i])),
                   actors.writtenAsNamed(toks, i..<i + m.length, bytes) {
                    actorHits.append((i..<i + m.length, m.value))
                    for k in i..<i + m.length { mask[k - s.tokens.lowerBound] = true }
                    i += m.length
                } else { i += 1 }
            }
            let base = s.tokens.lowerBound
            // "the city" with no city named before it in the sentence: the single city of the previous
            // sentence, else the article's most named city so far (its topic)
            let prevCities = Set((previousPlaces ?? []).filter { !$0.landmark && places.place($0.placeID)?.kind == .city }.map(\.placeID))
            finder.eventCity = prevCities.count == 1 ? prevCities.first
                : (lastEventCity ?? cityCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
            let placeHits = finder.find(toks, s.tokens, masked: { mask[$0 - base] }, lastCity: &lastCity)
            for p in placeHits where !p.anaphoric && !p.landmark && places.place(p.placeID)?.kind == .city { cityCounts[p.placeID, default: 0] += 1 }
            var mask2 = mask
            for p in placeHits where !p.anaphoric { for k in p.tokens { mask2[k - base] = true } }
            var triggers = isLinkList(s, bytes, toks) ? [] : matcher.find(toks, s.tokens, masked: { mask2[$0 - base] })
            // "took X on the 30th, and on the 1st Y and Z followed": a list cue after a trigger repeats it
            // for the places right after the cue
            if !triggers.isEmpty { triggers = withListCues(triggers, toks, s.tokens, lex) }
            defer { previousPlaces = placeHits.filter { places.place($0.placeID)?.kind != .country } }
            if triggers.isEmpty {
                out += listedCaptures(s, toks, placeHits, lex, previous: lastCaptures, article: article, bytes: bytes)
                lastCaptures = []
                continue
            }
            let before = out.count
            defer { lastCaptures = out[before...].filter { $0.type == .capture } }
            let cues = modal.cues(toks, s.tokens)
            // clause boundaries: ';' and clause words ("while", "tandis que")
            let boundaries = cues.filter { $0.cue.kind == .clause }.map(\.range.lowerBound)
                + s.tokens.filter { toks[$0].kind == .punct && toks[$0].text == ";" }
            var seen = Set<String>()
            for (ti, trig) in triggers.enumerated() {
                let m = modal.modality(trigger: trig.tokens, cues: cues, toks: toks, sentence: s.tokens, bytes: bytes,
                                       actorAt: { r in actorHits.first { $0.0.overlaps(r) }.flatMap { actorsByID[$0.1] } })
                if let g = m.guardKind, g != .hypothetical { continue }   // "failed to take", "never captured", "will seize"
                var chosen = choosePlaces(trig, placeHits, toks, boundaries: boundaries)
                var placeFactor = 1.0
                // "SDF take Deir ez-Zor after the withdrawal of government troops": a withdrawal with no
                // place of its own left the places the same sentence says were entered or taken
                if chosen.isEmpty, trig.rule.type == .withdrawal {
                    let taken = triggers.filter { [.capture, .reach].contains($0.rule.type) }
                        .flatMap { choosePlaces($0, placeHits, toks, boundaries: boundaries) }
                    var ids = Set<Int>()
                    chosen = taken.filter { ids.insert($0.placeID).inserted }
                    if !chosen.isEmpty { placeFactor = 0.8 }
                }
                // Violence without a place ("Four civilians were killed in the campus") happens where the
                // previous sentence of the paragraph was, when it named exactly one place.
                if chosen.isEmpty, [.casualties, .airstrike, .shelling, .clash, .withdrawal, .prisonerRelease].contains(trig.rule.type), !s.startsParagraph,
                   let prev = previousPlaces, Set(prev.map(\.group)).count == 1 {
                    chosen = prev.map { var p = $0; p.precision = max(p.precision, 2); return p }
                    placeFactor = 0.7
                }
                if chosen.isEmpty { continue }
                if let c = chosen.first(where: { places.place($0.placeID)?.kind == .city }) { lastEventCity = c.placeID }
                let (range, precision, dateFactor, best) = dateFor(toks, trig: trig, ti: ti, triggers: triggers, si: si,
                                                             sentences: sentences, sentenceDates: sentenceDates,
                                                             anchor: anchors[si], pub: pub)
                let actor = chooseActor(trig, actorHits, placeHits)
                // A figure stated once for several places ("100 killed in Idlib, Hama and Aleppo
                // provinces") is carried by the first place only: it must never add up to more.
                let figure = [EventType.casualties, .displacement, .prisonerRelease].contains(trig.rule.type)
                    ? nearestNumber(toks, trig.tokens, s.tokens, lex) : nil
                var figureUsed = false
                for p in chosen {
                    let key = "\(trig.rule.type.rawValue)|\(p.placeID)"
                    guard seen.insert(key).inserted else { continue }
                    var conf = trig.rule.weight * dateFactor * placeFactor
                    if p.anaphoric { conf *= 0.85 }
                    if m.guardKind == .hypothetical { conf *= 0.5 }
                    switch m.modality { case .asserted: break; case .claimed: conf *= 0.9; case .denied: conf *= 0.6 }
                    let number = figureUsed ? nil : figure
                    if figure != nil { figureUsed = true }
                    let tb = toks[trig.tokens.lowerBound].start..<toks[trig.tokens.upperBound - 1].end
                    let id = StableID.hash([article.id, "\(tb.lowerBound)", "\(tb.upperBound)", trig.rule.type.rawValue, "\(p.placeID)"])
                    out.append(EventMention(
                        id: id, type: trig.rule.type, articleID: article.id,
                        evidence: String(decoding: bytes[s.bytes], as: UTF8.self), evidenceRange: s.bytes,
                        language: lex.language, rule: trig.rule.rule, confidence: (conf * 100).rounded() / 100,
                        date: best, dates: range, timePrecision: range == nil ? nil : precision,
                        placeID: p.placeID, geoPrecision: p.precision, actorID: actor,
                        fatalities: trig.rule.type == EventType.casualties ? number : nil,
                        count: trig.rule.type == EventType.casualties ? nil : number,
                        modality: m.modality, claimedBy: m.claimedBy, deniedBy: m.deniedBy))
                }
            }
        }
        return Extractor.foldEntries(out)
    }

    /// List cues ("followed", "darunter", "including") after a trigger of the sentence act as that
    /// trigger again, for the places just after them.
    func withListCues(_ triggers: [TriggerHit], _ toks: [Token], _ range: Range<Int>, _ lex: LanguageLexicon) -> [TriggerHit] {
        var out = triggers
        var i = range.lowerBound
        while i < range.upperBound {
            if toks[i].flags & TableBits.placeCue != 0,
               let c = lex.placeCues.longest(in: toks, at: i, end: range.upperBound, firstForms: lex.forms(toks[i])), c.value.kind == .list {
                if let prev = triggers.last(where: { $0.tokens.upperBound <= i }), !triggers.contains(where: { $0.tokens.overlaps(i..<i + c.length) }) {
                    var rule = prev.rule
                    rule.placeAfter = true; rule.placeBefore = false; rule.reach = 4; rule.earlier = false
                    rule.weight = (rule.weight * 0.9 * 100).rounded() / 100
                    rule.rule += " (repeated by list cue)"
                    out.append(TriggerHit(tokens: i..<i + c.length, rule: rule))
                }
                i += c.length
            } else { i += 1 }
        }
        return out.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }

    /// A sentence without a trigger that lists places after a `list` cue ("Among the towns taken were
    /// X and Y", "parmi lesquelles X et Y"), right after a sentence with a capture: the same capture
    /// (date, actor, modality) at each listed place.
    func listedCaptures(_ s: Sentence, _ toks: [Token], _ hits: [PlaceMatch], _ lex: LanguageLexicon,
                        previous: [EventMention], article: Article, bytes: [UInt8]) -> [EventMention] {
        guard let model = previous.first, !hits.isEmpty else { return [] }
        var cueEnd: Int?
        for i in s.tokens where toks[i].flags & TableBits.placeCue != 0 {
            if let c = lex.placeCues.longest(in: toks, at: i, end: s.tokens.upperBound, firstForms: lex.forms(toks[i])), c.value.kind == .list {
                cueEnd = i + c.length; break
            }
        }
        guard let start = cueEnd else { return [] }
        let done = Set(previous.compactMap(\.placeID))
        var out: [EventMention] = []
        for p in hits where p.tokens.lowerBound >= start && !p.anaphoric && !p.origin && !done.contains(p.placeID)
            && places.place(p.placeID)?.kind != .country {
            var m = model
            m.placeID = p.placeID; m.geoPrecision = p.precision
            m.evidence = String(decoding: bytes[s.bytes], as: UTF8.self); m.evidenceRange = s.bytes
            m.confidence = ((model.confidence * 0.8) * 100).rounded() / 100
            m.fatalities = nil; m.count = nil
            m.id = StableID.hash([article.id, "\(toks[p.tokens.lowerBound].start)", "list", m.type.rawValue, "\(p.placeID)"])
            if !out.contains(where: { $0.placeID == p.placeID }) { out.append(m) }
        }
        return out
    }

    /// Entering a place the article says (in its own voice) was taken is part of that capture, not a
    /// separate `reach` (even when the entry itself is only claimed): drop reach mentions with an
    /// asserted capture of the same place within days.
    static func foldEntries(_ ms: [EventMention]) -> [EventMention] {
        let captures = ms.filter { $0.type == .capture && $0.modality == .asserted }
        guard !captures.isEmpty else { return ms }
        return ms.filter { r in
            guard r.type == .reach else { return true }
            return !captures.contains { c in
                guard c.placeID == r.placeID else { return false }
                guard let cd = c.dates, let rd = r.dates else { return true }
                return DayRange(rd.first, rd.last + 3).overlaps(cd)
            }
        }
    }

    /// Where the article is: the countries of its exactly matched place names (two or more, or the
    /// most named) and the centre of the names in the most named country. A tolerant match must lie
    /// in one of those countries; any place far from the centre needs to be a country to count.
    func articleRegion(_ toks: [Token]) -> (Set<String>, (Double, Double)?, String?) {
        var count: [String: Int] = [:]
        var hits: [Place] = []
        for i in toks.indices where toks[i].flags & TableBits.place != 0 && toks[i].kind == .word {
            if hits.count >= 30 { break }   // enough to tell where an article is
            let t = toks[i]
            guard t.capitalized || !(t.text.utf8.first.map { $0 < 0x80 } ?? true) else { continue }
            if let m = places.table.longest(in: toks, at: i, end: min(toks.count, i + 6), first: t.text), let p = places.place(m.value[0]) {
                count[p.countryCode, default: 0] += 1
                if p.kind != .country { hits.append(p) }
            }
        }
        guard let top = count.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return ([], nil, nil) }
        let core = hits.filter { $0.countryCode == top }
        // no clear main country (a tie): no place is judged far
        let runnerUp = count.filter { $0.key != top }.map(\.value).max() ?? 0
        let center = core.isEmpty || count[top]! <= runnerUp ? nil
            : (core.map(\.latitude).reduce(0, +) / Double(core.count), core.map(\.longitude).reduce(0, +) / Double(core.count))
        return (Set(count.filter { $0.value >= 2 || $0.key == top }.keys), center, top)
    }

    /// Places for a trigger: the first place on its preferred side (after, then before), and every
    /// place coordinated with it. Origins ("from Idlib") only count for withdrawals and flight.
    func choosePlaces(_ trig: TriggerHit, _ hits: [PlaceMatch], _ toks: [Token], boundaries: [Int] = []) -> [PlaceMatch] {
        // A country alone ("in northern Syria") is too coarse to place an event.
        // (an offensive's place is where it starts or what it targets: "launched from Idlib province";
        // prisoners freed "from X prison" are freed at X)
        var usable = hits.filter { (!$0.origin || trig.rule.originIsPlace || trig.rule.type == .offensive || trig.rule.type == .prisonerRelease) && !$0.destination
                                   && places.place($0.placeID)?.kind != .country }
        // places of the trigger's own clause first ("..., while jets bombed areas of Idlib province")
        let own = usable.filter { p in
            let lo = min(p.tokens.upperBound, trig.tokens.upperBound), hi = max(p.tokens.lowerBound, trig.tokens.lowerBound)
            return !boundaries.contains { $0 >= lo && $0 < hi }
        }
        if !own.isEmpty { usable = own }
        // a landmark ("north of Aleppo") places the event only when nothing else does
        if usable.contains(where: { !$0.landmark }) { usable.removeAll { $0.landmark } }
        let after = usable.filter { $0.tokens.lowerBound >= trig.tokens.upperBound && $0.tokens.lowerBound - trig.tokens.upperBound <= (trig.rule.reach ?? 14) }
        var before = usable.filter { $0.tokens.upperBound <= trig.tokens.lowerBound && trig.tokens.lowerBound - $0.tokens.upperBound <= (trig.rule.reach ?? 12) }
        // A subject separated from its verb by an apposition ("Salamiyeh, some thirty kilometres to the
        // south-east, fell") is as near as the apposition is long.
        if before.isEmpty, trig.rule.placeBefore {
            let far = usable.filter { $0.tokens.upperBound <= trig.tokens.lowerBound && trig.tokens.lowerBound - $0.tokens.upperBound <= 2 * (trig.rule.reach ?? 12) }
            if let cand = far.last, toks[cand.tokens.upperBound].kind == .punct, toks[cand.tokens.upperBound].text == ",",
               let close = (cand.tokens.upperBound + 1..<trig.tokens.lowerBound).first(where: { toks[$0].kind == .punct && toks[$0].text == "," }),
               trig.tokens.lowerBound - close - 1 <= (trig.rule.reach ?? 12) {
                before = [cand]
            }
        }
        // Clause-level attachment: a place inside an apposition just before the trigger ("Rastan and
        // Talbiseh, between Hama and Homs, fell") is not its subject when a place stands before it.
        if let last = before.last, let opening = Extractor.apposition(endingBefore: trig.tokens.lowerBound, toks, after: last.tokens.upperBound) {
            let outside = before.filter { $0.tokens.upperBound <= opening }
            if !outside.isEmpty { before = outside }
        }
        var pick: PlaceMatch?
        if trig.rule.placeAfter && trig.rule.placeBefore {
            let a = after.first, b = before.last
            if let a, let b { pick = (a.tokens.lowerBound - trig.tokens.upperBound) <= (trig.tokens.lowerBound - b.tokens.upperBound) + 2 ? a : b }
            else { pick = a ?? b }
        } else if trig.rule.placeAfter { pick = after.first } else { pick = before.last }
        if pick == nil {
            // the other side, close by ("Aleppo province ..., with militants seizing settlements")
            // only a region: "seizing settlements" in "Aleppo province" just named; a city there is
            // usually another argument ("the road to Aleppo, conquered fifty localities").
            pick = trig.rule.placeAfter ? before.last(where: { trig.tokens.lowerBound - $0.tokens.upperBound <= 10 && $0.precision == 3 })
                                        : after.first(where: { $0.tokens.lowerBound - trig.tokens.upperBound <= 6 })
        }
        guard let p = pick else { return [] }
        return usable.filter { $0.group == p.group }
    }

    /// When the tokens between a place and a trigger close an apposition (`,` or `)` after the place),
    /// the index of the apposition's opening `,` or `(` (within 8 tokens before the place), else nil.
    static func apposition(endingBefore trigger: Int, _ toks: [Token], after place: Int) -> Int? {
        guard let close = (place..<trigger).first(where: { toks[$0].kind == .punct && (toks[$0].text == "," || toks[$0].text == ")") }) else { return nil }
        let want = toks[close].text == ")" ? "(" : ","
        var k = place - 1
        while k >= max(0, place - 10) {
            if toks[k].kind == .punct && toks[k].text == want { return k }
            if toks[k].kind == .punct && [".", ";", ":"].contains(toks[k].text) { return nil }
            k -= 1
        }
        return nil
    }

    /// The actor: the nearest actor name before the trigger, or after it for passives ("fell to X").
    func chooseActor(_ trig: TriggerHit, _ hits: [(Range<Int>, String)], _ places: [PlaceMatch]) -> String? {
        if trig.rule.actorAfter {
            return hits.first { $0.0.lowerBound >= trig.tokens.upperBound }?.1
        }
        return hits.last { $0.0.upperBound <= trig.tokens.lowerBound }?.1
    }

    /// The date of a trigger, a confidence factor (1 date in the sentence, 0.9 carried, 0.8 window) and
    /// its best day (the precise day a window was built around: the anchor, the date of the first trigger).
    /// Nothing lies after the publication date.
    func dateFor(_ toks: [Token], trig: TriggerHit, ti: Int, triggers: [TriggerHit], si: Int, sentences: [Sentence],
                 sentenceDates: [[DateMention]], anchor: (DayRange?, Int), pub: DayRange?) -> (DayRange?, Int, Double, Day?) {
        let r = rawDateFor(toks, trig: trig, ti: ti, triggers: triggers, si: si, sentences: sentences, sentenceDates: sentenceDates, anchor: anchor, pub: pub)
        guard var range = r.0 else { return (nil, r.1, r.2, nil) }
        var best = r.3 ?? (r.1 == 1 ? range.first : range.last)
        // (a full date the text writes, year included, is kept)
        if let p = pub?.last, range.last > p, !r.4 {
            range = DayRange(min(range.first, p), p)
        }
        best = min(max(best, range.first), range.last)
        return (range, range.isSingleDay ? min(r.1, 1) : max(r.1, 2), r.2, best)
    }

    private func rawDateFor(_ toks: [Token], trig: TriggerHit, ti: Int, triggers: [TriggerHit], si: Int, sentences: [Sentence],
                            sentenceDates: [[DateMention]], anchor: (DayRange?, Int), pub: DayRange?) -> (DayRange?, Int, Double, Day?, Bool) {
        let refYear = pub?.last.year
        // A bare year dates an event only when it is history ("in 2015"), not a state ("since 2016"),
        // and only near its trigger in the same clause ("the cradle of the 2011 uprising" dates nothing).
        let all = sentenceDates[si].filter { !$0.yearOnly || (!$0.since && (refYear == nil || $0.range.first.year < refYear! - 1)
                                                             && dist($0.tokens, trig.tokens) <= 8 && !apposition($0.tokens, trig.tokens, toks)) }
        // dates of the trigger's own clause first ("On 6 December they launched X; two days later ...")
        let sameClause = all.filter { d in
            let lo = min(d.tokens.upperBound, trig.tokens.upperBound), hi = max(d.tokens.lowerBound, trig.tokens.lowerBound)
            return lo >= hi || !toks[lo..<hi].contains { $0.kind == .punct && $0.text == ";" }
        }
        let ms = sameClause.isEmpty ? all : sameClause
        let specific = ms.filter { !$0.yearOnly }
        if let d = (specific.isEmpty ? ms : specific).min(by: { dist($0.tokens, trig.tokens) < dist($1.tokens, trig.tokens) }) {
            // "On 27 November they launched an offensive, seizing X": the date belongs to the first
            // trigger; a later capture/reach/withdrawal lies on or after it.
            let between = triggers.contains { $0.tokens.lowerBound > d.tokens.upperBound && $0.tokens.upperBound <= trig.tokens.lowerBound && $0.rule.type != trig.rule.type }
            if between, [.capture, .reach, .withdrawal].contains(trig.rule.type), !d.yearOnly {
                return (DayRange(d.range.first, cap(d.range.last + carryDays, pub)), 2, 0.9, d.range.last, false)
            }
            // "after the fall of Hama" on D: the fall lies in [D-1, D]; news mostly means the same day
            if trig.rule.earlier, !d.yearOnly { return (DayRange(d.range.first - 1, d.range.last), 2, 0.9, d.range.last, false) }
            return (d.range, d.precision, 1, nil, d.full)
        }
        // A heading ("The fall of Hama") takes the first date of what follows it.
        if sentences[si].isHeading {
            for k in (si + 1)..<min(sentences.count, si + 5) {
                if let d = sentenceDates[k].first(where: { !$0.yearOnly }) {
                    // the heading sums up its section: on or after the section's first date
                    return (DayRange(d.range.first, cap(d.range.last + carryDays, pub)), max(2, d.precision), 0.9, d.range.last, false)
                }
            }
        }
        if let a = anchor.0 {
            if anchor.1 == 3 && a.days > 300 { return (a, 3, 0.8, nil, false) }   // a year: historical narrative
            // Narratives go back and forth: an undated event lies around the anchor, not exactly on it;
            // its best day is the anchor's.
            return (DayRange(a.first - carryDays, cap(a.last + carryDays, pub)), max(2, anchor.1), 0.9, a.last, false)
        }
        if let pub { return (DayRange(pub.first - windowDays, pub.last), 3, 0.8, pub.last, false) }
        return (nil, 3, 0.7, nil, false)
    }

    /// A year after the trigger behind a comma belongs to an apposition ("took Daraa, the cradle of the
    /// 2011 uprising"), not to the event.
    private func apposition(_ year: Range<Int>, _ trig: Range<Int>, _ toks: [Token]) -> Bool {
        guard year.lowerBound >= trig.upperBound else { return false }
        return toks[trig.upperBound..<year.lowerBound].contains { $0.kind == .punct && $0.text == "," }
    }

    private func cap(_ d: Day, _ pub: DayRange?) -> Day {
        guard let pub else { return d }
        return min(d, max(pub.last, d - carryDays))
    }

    private func dist(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        a.upperBound <= b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound >= b.upperBound ? a.lowerBound - b.upperBound : 0
    }

    /// A bullet "- Outlet: headline" of a sources / related-links list: headlines of other articles.
    func isLinkList(_ s: Sentence, _ bytes: [UInt8], _ toks: [Token]) -> Bool {
        // the line must open with a bullet and a space ("- ", "* ", "• "): bold markup ("**Saturday
        // 30.** Aleppo falls: ...") is no bullet
        var k = s.bytes.lowerBound - 1
        while k >= 0 && bytes[k] != 0x0A { k -= 1 }
        var j = k + 1
        while j < s.bytes.lowerBound && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
        guard j + 1 < bytes.count else { return false }
        let bullet = ((bytes[j] == 0x2D || bytes[j] == 0x2A) && bytes[j + 1] == 0x20)
            || (j + 3 < bytes.count && bytes[j] == 0xE2 && bytes[j + 1] == 0x80 && bytes[j + 2] == 0xA2 && bytes[j + 3] == 0x20)
        guard bullet else { return false }
        return toks[s.tokens.lowerBound..<min(s.tokens.upperBound, s.tokens.lowerBound + 6)].contains { $0.text == ":" }
    }

    /// The publication date when the front matter has none: a full date opening the body (a dateline).
    func dateline(_ toks: [Token], _ sentences: [Sentence], _ dates: DateResolver) -> DayRange? {
        guard let first = sentences.first else { return nil }
        let end = min(first.tokens.upperBound, first.tokens.lowerBound + 12)
        for (r, raw, _) in dates.parse(toks, first.tokens.lowerBound..<end) {
            guard toks[r.lowerBound].start < 80, case .full = raw else { continue }
            if let (d, _) = DateResolver.resolve(raw, DateContext(published: nil)) { return d }
        }
        return nil
    }

    /// The number nearest a casualty/displacement trigger ("at least 242 dead", "four civilians").
    func nearestNumber(_ toks: [Token], _ trig: Range<Int>, _ s: Range<Int>, _ lex: LanguageLexicon) -> Int? {
        var best: (Int, Int)?
        var i = max(s.lowerBound, trig.lowerBound - 7)
        while i < min(s.upperBound, trig.upperBound + 5) {
            var value: Int?
            var j = i + 1
            if toks[i].kind == .number, var v = Int(toks[i].text) {
                // thousands groups: 14,000 / 3.500 / 14 000
                while j + 1 < s.upperBound, toks[j].kind == .punct, [",", "."].contains(toks[j].text),
                      toks[j + 1].kind == .number, toks[j + 1].text.utf8.count == 3, toks[j].start == toks[j - 1].end {
                    v = v * 1000 + Int(toks[j + 1].text)!; j += 2
                }
                if !(toks[i].text.utf8.count == 4 && (1900...2100).contains(v)) { value = v }
            } else if toks[i].flags & TableBits.date != 0, let m = lex.dates.longest(in: toks, at: i, end: s.upperBound, firstForms: []), m.value.kind == .number, m.value.value > 1 {
                value = m.value.value; j = i + m.length
            }
            if let v = value {
                let d = i < trig.lowerBound ? trig.lowerBound - i : i - trig.upperBound + 1
                if best == nil || d < best!.1 { best = (v, d) }
            }
            i = j
        }
        return best?.0
    }
}
