import AnalystCore
/// A place named in a sentence.
public struct PlaceMatch: Sendable {
    public var tokens: Range<Int>
    public var placeID: Int
    /// ACLED geo precision: 1 town, 2 near / part of, 3 province or larger.
    public var precision: Int
    /// Resolved from "the city", "la ville", ... to the last city named.
    public var anaphoric: Bool = false
    /// Preceded by "from": the origin of a movement, not where it happened.
    public var origin: Bool = false
    /// Preceded by "towards": where a movement goes; never the event's place.
    public var destination: Bool = false
    /// Preceded by "north of": a reference point for another place.
    public var landmark: Bool = false
    /// Places joined by "and" / "," share a group (one event per place).
    public var group: Int
}

/// Finds gazetteer names (longest match, any script, Arabic clitics stripped) and applies the
/// language's place cues: "X province" / "tỉnh X" / "محافظة X" -> the province (precision 3),
/// "outskirts of X" / "near X" / "ngoại ô X" -> precision 2, "the city" -> last city named.
struct PlaceFinder {
    let lex: LanguageLexicon
    let index: PlaceIndex

    /// Countries the article's exactly matched names lie in: a tolerant match must be among them.
    var countries: Set<String> = []
    /// The centre of the article's places; a town or province farther than `maxKm` is a name that means
    /// something else here (Arabic "المدينة" the city -> Medina, "Iraq" -> Arak) unless it is a country.
    var center: (Double, Double)?
    static let maxKm = 600.0

    func near(_ p: Place) -> Bool {
        guard let c = center, p.kind != .country else { return true }
        return Geo.distanceKm(lat1: c.0, lon1: c.1, lat2: p.latitude, lon2: p.longitude) <= PlaceFinder.maxKm
    }

    /// The article's main country (most named), for "the capital".
    var topCountry: String?
    /// The city the last event took place in: what "the city" means when this sentence has named none.
    var eventCity: Int?

    /// The article's UTF-8 bytes, to see what joins two names ("Hama-Homs": a road, not two places).
    var bytes: [UInt8] = []

    func find(_ toks: [Token], _ range: Range<Int>, masked: (Int) -> Bool, lastCity: inout Int?) -> [PlaceMatch] {
        var namedHere = false
        var out: [PlaceMatch] = []
        var cues: [(Range<Int>, PlaceCue)] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let t = toks[i]
            let latinCap = t.capitalized && t.kind == .word && (t.text.utf8.first.map { $0 < 0x80 } ?? false)
            if masked(i) || (t.flags & (TableBits.place | TableBits.placeCue) == 0 && !latinCap) { i += 1; continue }
            let forms = lex.forms(t)
            // Latin-script names must be capitalised in the text; other scripts have no case.
            let caseOK = t.capitalized || !(t.text.utf8.first.map { $0 < 0x80 } ?? true)
            var exact: (length: Int, value: [Int])?
            if caseOK, t.kind == .word, t.flags & TableBits.place != 0, let m = index.longest(in: toks, at: i, end: range.upperBound, firstForms: forms, language: lex.language),
               !(i + 1..<i + m.length).contains(where: masked),
               m.value.contains(where: { index.place($0).map { p in near(p) } ?? false }) { exact = m }   // far-only names: as if none
            // A spelling no data file has ("Tel Rıfat", "Jan Sheijun"): the transliteration-tolerant key,
            // when it covers more words than an exact match would.
            // (a capitalised lexicon word, "The" or "According", opens no place name)
            if latinCap, !countries.isEmpty, t.flags & (TableBits.trigger | TableBits.date | TableBits.cue | TableBits.placeCue) == 0,
               let (n, id) = tolerant(toks, i, range, masked, longerThan: exact?.length ?? 0) {
                exact = (n, [id])
            }
            if let m = exact, var id = m.value.first(where: { index.place($0).map { p in near(p) } ?? false }) {
                // a one-word name only the province carries means its city; a province cue (below)
                // turns it back ("Idlib province" as one alias stays the province)
                if m.length == 1, let seat = index.seatOf[id] { id = seat }
                let isCity = index.place(id)?.kind == .city
                out.append(PlaceMatch(tokens: i..<i + m.length, placeID: id,
                                      precision: isCity ? 1 : 3, group: out.count))
                if isCity { lastCity = id; namedHere = true }
                i += m.length; continue
            }
            if t.flags & TableBits.placeCue != 0, let c = lex.placeCues.longest(in: toks, at: i, end: range.upperBound, firstForms: forms) {
                cues.append((i..<i + c.length, c.value))
                // "the capital": the capital of the country the article is about; "the city": the last
                // city named in this sentence, else the city of the last event, else the last named.
                let target = c.value.kind == .capital ? (topCountry.flatMap { index.capitals[$0] } ?? lastCity)
                                                      : (namedHere ? lastCity : (eventCity ?? lastCity))
                if c.value.kind == .anaphor || c.value.kind == .capital, let city = target {
                    out.append(PlaceMatch(tokens: i..<i + c.length, placeID: city, precision: 1, anaphoric: true, group: out.count))
                }
                i += c.length; continue
            }
            i += 1
        }
        return finish(out, cues, toks)
    }

    /// The longest run of up to four words at `i` (capitalised words, lower-case articles inside) that
    /// the tolerant key resolves: (length, place).
    func tolerant(_ toks: [Token], _ i: Int, _ range: Range<Int>, _ masked: (Int) -> Bool, longerThan: Int) -> (Int, Int)? {
        // a word is a token and the pieces glued to it ("Ma'arrat"), unless the first piece is a name
        // already (`Hama'dan`: a suffix)
        func wordEnd(_ j: Int) -> Int {
            var e = j + 1
            while longerThan == 0 && e < range.upperBound && toks[e].glued { e += 1 }
            return e
        }
        var end = wordEnd(i), last = end, count = 1
        while count < 4, end < range.upperBound, !masked(end), toks[end].kind == .word, toks[end].start <= toks[end - 1].end + 1 {
            let e = wordEnd(end)
            if toks[end].capitalized { end = e; last = e }
            else if e == end + 1 && toks[end].text.utf8.count <= 3 && NameFolding.articles.contains(Substring(toks[end].text)) { end = e }
            else { break }
            count += 1
        }
        // The whole run of capitalised words or nothing: "Bashar al-Assad" must not yield a town
        // spelled like "Bashar" (a person's or group's name goes on where a place name would stop).
        guard last - i > longerThan, !(i + 1..<last).contains(where: masked) else { return nil }
        let words = Token.words(toks[i..<last])
        // most runs are one word with too few consonants or none in the index: the cheap test first
        if words.count == 1, !index.mayBeSkeleton(words[0]) { return nil }
        let id = index.tolerant(words.joined(separator: " "), words, countries: countries)
        return id.map { (last - i, $0) }
    }

    /// The bytes between two tokens are one hyphen or dash (no space).
    static func dashJoined(_ from: Int, _ to: Int, _ bytes: [UInt8]) -> Bool {
        guard to > from, to - from <= 3, to <= bytes.count else { return false }
        let g = Array(bytes[from..<to])
        return g == [0x2D] || g == [0xE2, 0x80, 0x93] || g == [0xE2, 0x80, 0x94] || g == [0xE2, 0x80, 0x90] || g == [0xE2, 0x80, 0x91]
    }

    private func finish(_ found: [PlaceMatch], _ cues: [(Range<Int>, PlaceCue)], _ toks: [Token]) -> [PlaceMatch] {
        var out = found
        // "the city of Hama": the name wins over the anaphor.
        let named = out.filter { !$0.anaphoric }
        // ("the town towards Tabqa" keeps its anaphor: a place cue between them)
        out.removeAll { a in a.anaphoric && named.contains { n in
            n.tokens.lowerBound >= a.tokens.upperBound && n.tokens.lowerBound - a.tokens.upperBound <= 2
                && !cues.contains { $0.0.lowerBound >= a.tokens.upperBound && $0.0.upperBound <= n.tokens.lowerBound && $0.1.kind != .and } } }
        guard !out.isEmpty else { return out }
        // Coordination: "Idlib, Hama and Aleppo" share one group.
        let ands = cues.filter { $0.1.kind == .and }
        for k in 1..<max(1, out.count) {
            let gap = out[k - 1].tokens.upperBound..<out[k].tokens.lowerBound
            if gap.isEmpty {
                // two names joined by a dash with no space ("the Hama-Homs highway", "حماة–السلمية")
                // name a road between them: landmarks, not places of the event
                let a = out[k - 1].tokens.upperBound - 1, b = out[k].tokens.lowerBound
                if PlaceFinder.dashJoined(toks[a].end, toks[b].start, bytes) {
                    out[k - 1].landmark = true; out[k].landmark = true
                    continue
                }
                out[k].group = out[k - 1].group; continue
            }
            let allAnd = gap.allSatisfy { g in ands.contains { $0.0.contains(g) } }
            if allAnd { out[k].group = out[k - 1].group }
        }
        for (r, cue) in cues {
            switch cue.kind {
            case .province:
                // "province of X" applies to the next place, "X province(s)" to the place (group) before.
                let targets: [Int]
                if cue.before {
                    // "the provinces of Aleppo and Idlib": the next place and those coordinated with it
                    let first = out.indices.filter { out[$0].tokens.lowerBound == r.upperBound }
                    targets = out.indices.filter { k in first.contains { out[$0].group == out[k].group } }
                } else if let k = out.indices.last(where: { out[$0].tokens.upperBound == r.lowerBound }) {
                    targets = out.indices.filter { out[$0].group == out[k].group }
                } else { targets = [] }
                for k in targets {
                    out[k].placeID = index.province(of: out[k].placeID) ?? out[k].placeID
                    out[k].precision = 3
                }
            case .near:
                let targets = cue.before ? out.indices.filter { out[$0].tokens.lowerBound >= r.upperBound && out[$0].tokens.lowerBound - r.upperBound <= 2 }
                                         : out.indices.filter { out[$0].tokens.upperBound == r.lowerBound }
                for k in targets where out[k].precision < 2 { out[k].precision = 2 }
            case .destination, .landmark:
                if let k = out.indices.first(where: { out[$0].tokens.lowerBound >= r.upperBound && out[$0].tokens.lowerBound - r.upperBound <= 2 }) {
                    for j in out.indices where out[j].group == out[k].group {
                        if cue.kind == .destination { out[j].destination = true } else { out[j].landmark = true; out[j].precision = max(out[j].precision, 2) }
                    }
                }
            case .origin:
                // the first place after "from" (and those coordinated with it), not every place nearby:
                // in "rebels from Idlib seized Hama", Hama is where the capture happened
                if let k = out.indices.first(where: { out[$0].tokens.lowerBound >= r.upperBound && out[$0].tokens.lowerBound - r.upperBound <= 4 }) {
                    for j in out.indices where out[j].group == out[k].group { out[j].origin = true }
                }
            default: break
            }
        }
        // "the town" right after a landmark ("Salamiyah, east of Hama, ... withdrew from the town") means
        // the place the landmark locates, not the landmark
        for k in out.indices where out[k].anaphoric {
            guard out[..<k].contains(where: { $0.landmark && $0.placeID == out[k].placeID }),
                  let other = out[..<k].last(where: { !$0.landmark && !$0.anaphoric && index.place($0.placeID)?.kind == .city }) else { continue }
            out[k].placeID = other.placeID
        }
        return out
    }
}
