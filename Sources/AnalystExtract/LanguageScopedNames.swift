import AnalystCore

// Hook for place names valid in one language only (`Place.languageAliases`: Turkish `Şam` for
// Damascus, Russian case forms `Хомсе`): one phrase table per language, tried with the global one.
extension PlaceIndex {
    static func scopedTables(_ places: [Place], byID: [Int: Place]) -> [String: PhraseTable<[Int]>] {
        var keys: [String: [[String]: [Int]]] = [:]
        for p in places {
            for (lang, names) in p.languageAliases {
                for n in names where usable(alias: n, place: p) {
                    let toks = Token.phrase(n)
                    guard !toks.isEmpty, keys[lang]?[toks]?.contains(p.id) != true else { continue }
                    // as for every-language names: a short one-word name only for a big place
                    if toks.count == 1 && toks[0].unicodeScalars.count <= 4 && p.population < 50_000 && p.kind == .city { continue }
                    keys[lang, default: [:]][toks, default: []].append(p.id)
                }
            }
        }
        func rank(_ k: Place.Kind) -> Int { k == .city ? 0 : k == .province ? 1 : 2 }
        var out: [String: PhraseTable<[Int]>] = [:]
        for (lang, table) in keys {
            var t = PhraseTable<[Int]>()
            for (k, ids) in table {
                t.add(k, ids.sorted {
                    let a = byID[$0]!, b = byID[$1]!
                    if rank(a.kind) != rank(b.kind) { return rank(a.kind) < rank(b.kind) }
                    return a.population > b.population
                })
            }
            out[lang] = t
        }
        return out
    }

    /// The longest place name at token `i`: every-language names and the article language's own;
    /// on equal length the every-language name wins.
    /// At a glued run, the pieces in both tables before the joined word in either (`Şam'a` is Şam).
    func longest(in toks: [Token], at i: Int, end: Int, firstForms: [String], language: String) -> (length: Int, value: [Int])? {
        longest(in: toks, at: i, end: end, firstForms: firstForms, language: language, joined: false)
            ?? longest(in: toks, at: i, end: end, firstForms: firstForms, language: language, joined: true)
    }

    private func longest(in toks: [Token], at i: Int, end: Int, firstForms: [String], language: String, joined: Bool) -> (length: Int, value: [Int])? {
        let global = table.longest(in: toks, at: i, end: end, firstForms: firstForms, joined: joined)
        guard let t = scoped[LanguageSupport.base(language)], let m = t.longest(in: toks, at: i, end: end, firstForms: firstForms, joined: joined) else { return global }
        if let g = global, g.length >= m.length { return g }
        return m
    }
}
