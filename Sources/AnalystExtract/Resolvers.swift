import Foundation
import AnalystCore

/// What the extractor needs from a gazetteer: its places (with every alias). Core's `Gazetteer`
/// conforms in one line; tests pass a `PlaceList`.
public protocol PlaceSource { var allPlaces: [Place] { get } }
/// What the extractor needs from the actor dictionary.
public protocol ActorSource { var allActors: [Actor] { get } }

public struct PlaceList: PlaceSource, Sendable {
    public var allPlaces: [Place]
    public init(_ places: [Place]) { allPlaces = places }
}
public struct ActorList: ActorSource, Sendable {
    public var allActors: [Actor]
    public init(_ actors: [Actor]) { allActors = actors }
}

/// The gazetteer compiled for scanning: every alias folded into token phrases, with candidates
/// ranked (cities before provinces before countries for a bare name, then by population).
public struct PlaceIndex: Sendable {
    public let byID: [Int: Place]
    var table = PhraseTable<[Int]>()
    /// "SY|09" -> the province place, to turn "Aleppo province" into the province.
    let provinceByAdmin: [String: Int]
    /// A province -> the city it is named after ("As-Suwayda Governorate" -> As-Suwayda): a bare name
    /// that only the province carries ("Sueida") means the city unless a province cue says otherwise.
    let seatOf: [Int: Int]
    /// Transliteration-tolerant keys (`NameFolding.skeleton`) of Latin-script aliases -> places, best first:
    /// finds press spellings no data file lists (`Maarat al Numan`, `Tel Rıfat`, `Jan Sheijun`).
    var skeletons: [String: [Int]] { memo.skeletons }
    /// Country code -> its capital city (from countries.tsv beside the lexicons), for "the capital".
    public var capitals: [String: Int] = [:]
    /// The spellings (folded, articles dropped) behind each skeleton, for the precision check.
    var skeletonSpellings: [String: [(Int, String)]] { memo.spellings }
    /// Names valid in one language only (`Place.languageAliases`), see LanguageScopedNames.swift.
    var scoped: [String: PhraseTable<[Int]>] = [:]

    public init(_ source: PlaceSource) {
        let places = source.allPlaces
        var byID: [Int: Place] = [:]
        var provinces: [String: Int] = [:]
        var keys: [[String]: [Int]] = [:]
        var skel: [String: [Int]] = [:]
        var spell: [String: [(Int, String)]] = [:]
        for p in places {
            byID[p.id] = p
            if p.kind == .province, let a = p.admin1Code { provinces["\(p.countryCode)|\(a)"] = p.id }
            var seen = Set<[String]>()
            for alias in [p.name, p.geonamesName] + p.aliases where PlaceIndex.usable(alias: alias, place: p) {
                let toks = Token.phrase(alias)
                guard !toks.isEmpty, seen.insert(toks).inserted else { continue }
                // Short one-word names collide with common words of some language: only big places keep them.
                if toks.count == 1 && toks[0].unicodeScalars.count <= 4 && p.population < 50_000 && p.kind == .city { continue }
                keys[toks, default: []].append(p.id)
                if let k = NameFolding.skeleton(folded: toks.joined(separator: " ")) {
                    if skel[k]?.contains(p.id) != true { skel[k, default: []].append(p.id) }
                    spell[k, default: []].append((p.id, NameFolding.bare(toks)))
                }
            }
        }
        func rank(_ k: Place.Kind) -> Int { k == .city ? 0 : k == .province ? 1 : 2 }
        for (k, ids) in keys {
            let sorted = ids.sorted {
                let a = byID[$0]!, b = byID[$1]!
                if rank(a.kind) != rank(b.kind) { return rank(a.kind) < rank(b.kind) }
                return a.population > b.population
            }
            table.add(k, sorted)
        }
        self.byID = byID
        self.provinceByAdmin = provinces
        var seats: [Int: Int] = [:]
        var citiesByAdmin: [String: [Place]] = [:]
        for p in places where p.kind == .city { if let a = p.admin1Code { citiesByAdmin["\(p.countryCode)|\(a)", default: []].append(p) } }
        for (key, pid) in provinces {
            guard let prov = byID[pid] else { continue }
            let base = NameFolding.fold(prov.name.replacingOccurrences(of: " Governorate", with: ""))
            if let city = citiesByAdmin[key]?.first(where: { NameFolding.fold($0.name) == base || NameFolding.fold($0.geonamesName) == base }) {
                seats[pid] = city.id
            }
        }
        self.seatOf = seats
        self.memo = Memo(spellings: spell, skeletons: skel.mapValues { ids in
            ids.sorted {
                let a = byID[$0]!, b = byID[$1]!
                if rank(a.kind) != rank(b.kind) { return rank(a.kind) < rank(b.kind) }
                return a.population > b.population
            }
        })
        self.scoped = PlaceIndex.scopedTables(places, byID: byID)
    }

    /// A one-word name can have a tolerant match only if its skeleton is in the index: computed
    /// without building strings (vowels and h w y dropped, c g j q x -> k), a superset test.
    func mayBeSkeleton(_ word: String) -> Bool {
        guard let k = NameFolding.skeleton(folded: word) else { return false }
        return skeletons[k] != nil
    }

    /// Tolerant candidates already computed (names recur across articles; the precision check is not
    /// free), keyed by the words. Bounded; thread-safe.
    /// One reference for the tolerant matcher's tables and its memo: copying the index (every
    /// PlaceFinder holds one) then costs one retain, not one per table.
    final class Memo: @unchecked Sendable {
        let lock = NSLock()
        var map: [String: [Int]] = [:]
        let spellings: [String: [(Int, String)]]
        let skeletons: [String: [Int]]
        init(spellings: [String: [(Int, String)]], skeletons: [String: [Int]]) { self.spellings = spellings; self.skeletons = skeletons }
    }
    let memo: Memo

    /// The place a Latin-script name spelled some other way means, if it is unambiguous: one city (or
    /// one province when no city) among the places of `countries` with that skeleton and a close spelling.
    func tolerant(_ key: String, _ words: [String], countries: Set<String>) -> Int? {
        memo.lock.lock()
        var ids = memo.map[key]
        memo.lock.unlock()
        if ids == nil {
            ids = tolerantCandidates(words)
            memo.lock.lock()
            if memo.map.count > 200_000 { memo.map.removeAll(keepingCapacity: true) }
            memo.map[key] = ids
            memo.lock.unlock()
        }
        let inRegion = ids!.filter { byID[$0].map { countries.contains($0.countryCode) && $0.kind != .country } ?? false }
        guard let first = inRegion.first else { return nil }
        let sameKind = inRegion.filter { byID[$0]?.kind == byID[first]?.kind }
        // precision check: two different towns with one skeleton -> no guess
        return sameKind.count == 1 ? first : nil
    }

    /// Places whose skeleton equals the words' and one of whose spellings is close to them
    /// (`NameFolding.closeSpelling`, the gazetteer's rule too). Best first.
    func tolerantCandidates(_ words: [String]) -> [Int] {
        guard let k = NameFolding.skeleton(folded: words.joined(separator: " ")), let ids = skeletons[k] else { return [] }
        let query = NameFolding.CloseSpelling(words)
        let close = Set((skeletonSpellings[k] ?? []).filter { query.matches($0.1) }.map(\.0))
        return ids.filter { close.contains($0) }
    }

    /// GeoNames carries search keys (`hms`, `adlb`) and codes (`ALP`, `DAM`) among its names: skip them.
    static func usable(alias: String, place: Place) -> Bool {
        let scalars = alias.unicodeScalars
        if scalars.count < 3 { return false }
        if alias.allSatisfy({ $0.isNumber || $0 == " " }) { return false }
        let ascii = scalars.allSatisfy { $0.isASCII }
        if ascii && alias == alias.uppercased() && scalars.count <= 4 { return false }
        if ascii && alias == alias.lowercased() && alias != place.name.lowercased() { return false }
        return true
    }

    public func place(_ id: Int) -> Place? { byID[id] }

    /// Reads `iso ... capital` rows (countries.tsv, GeoNames countryInfo columns named by the header)
    /// and finds each capital among the country's cities.
    mutating func loadCapitals(_ url: URL) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        var col: [String: Int] = [:]
        var byName: [String: Int] = [:]
        for p in byID.values where p.kind == .city {
            for n in [p.name, p.geonamesName] { byName["\(p.countryCode)|\(n.lowercased())"] = byName["\(p.countryCode)|\(n.lowercased())"] ?? p.id }
        }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if col.isEmpty { for (i, n) in c.enumerated() { col[n] = i }; continue }
            guard let ii = col["iso"], let ci = col["capital"], ii < c.count, ci < c.count, !c[ci].isEmpty else { continue }
            if let id = byName["\(c[ii])|\(c[ci].lowercased())"] { capitals[c[ii]] = id }
        }
    }

    /// The province a place lies in (itself when it is one).
    public func province(of id: Int) -> Int? {
        guard let p = byID[id] else { return nil }
        if p.kind == .province { return id }
        guard let a = p.admin1Code else { return nil }
        return provinceByAdmin["\(p.countryCode)|\(a)"]
    }
}

/// The actor dictionary compiled for scanning, per language (plus names valid in every language).
public struct ActorIndex: Sendable {
    var tables: [String: PhraseTable<String>] = [:]
    public let byID: [String: Actor]
    /// Names every alias writes in capitals of 2 to 5 letters (`UN`, `HTS`, `SANA`): they match only
    /// capitals in a text, so French `un` or English `us` are no actor.
    let capitalsOnly: Set<[String]>

    public init(_ source: ActorSource) {
        var byID: [String: Actor] = [:]
        var tables: [String: PhraseTable<String>] = [:]
        var acronyms = Set<[String]>(), mixed = Set<[String]>()
        for a in source.allActors {
            byID[a.id] = a
            var names: [(String, String)] = [("*", a.name)]
            for (lang, list) in a.aliases { for n in list { names.append((lang, n)) } }
            for (lang, n) in names {
                let toks = Token.phrase(n)
                if toks.isEmpty { continue }
                tables[lang, default: PhraseTable()].add(toks, a.id)
                if ActorIndex.isAcronym(n) { acronyms.insert(toks) } else { mixed.insert(toks) }
            }
        }
        self.tables = tables
        self.byID = byID
        self.capitalsOnly = acronyms.subtracting(mixed)
    }

    /// `HTS`, `U.N.`, `ХТШ`: every letter a capital, 2 to 5 letters.
    static func isAcronym(_ s: String) -> Bool {
        let letters = s.filter(\.isLetter)
        return (2...5).contains(letters.count) && letters.allSatisfy(\.isUppercase)
    }

    /// False for a capitals-only name written otherwise in the text (`bytes`: the article's UTF-8).
    func writtenAsNamed(_ toks: [Token], _ r: Range<Int>, _ bytes: [UInt8]) -> Bool {
        guard !capitalsOnly.isEmpty, capitalsOnly.contains(Token.words(toks[r])) else { return true }
        let lo = toks[r.lowerBound].start, hi = toks[r.upperBound - 1].end
        guard lo < hi, hi <= bytes.count else { return true }
        return String(decoding: bytes[lo..<hi], as: UTF8.self).filter(\.isLetter).allSatisfy(\.isUppercase)
    }

    var firstWords: Set<String> { Set(tables.values.flatMap { $0.firstWords }) }

    /// The language's names and the universal ones; at a glued run the pieces in both before the joined word.
    func longest(in toks: [Token], at i: Int, end: Int, language: String, forms: [String]) -> (length: Int, value: String)? {
        for joined in [false, true] {
            var best: (length: Int, value: String)?
            for key in [language, "*"] {
                if let t = tables[key], let m = t.longest(in: toks, at: i, end: end, firstForms: forms, joined: joined),
                   m.length > (best?.length ?? 0) { best = m }
            }
            if best != nil { return best }
        }
        return nil
    }
}
