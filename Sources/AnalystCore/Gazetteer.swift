import Foundation

/// Places by name, in any language or script.
///
/// Ranking of the places a name may mean (`candidates`), first rule that differs wins:
/// 1. the query equals one of the place's names exactly (before folding) before a folded-only match;
/// 2. Syria before anywhere else;
/// 3. for a bare name, city before province before country; when the query names a province
///    (`Idlib province`, `tỉnh Idlib`, `province d'Idleb`, `محافظة إدلب`), province first;
/// 4. larger population first; 5. smaller GeoNames id (stable order).
///
/// Indices over every folded alias are built on first use, so loading stays fast.
public final class Gazetteer: @unchecked Sendable {
    public let places: [Place]
    private let position: [Int: Int]
    private let lock = NSLock()
    private var _index: Index?

    private struct Index {
        var folded: [String: [Int]]     // folded name -> place positions
        var exact: [String: [Int]]      // name as written -> place positions
        var skeleton: [String: [Int]]   // NameFolding.skeleton -> place positions (spellings no file lists)
    }

    public init(places: [Place]) {
        self.places = places
        var pos: [Int: Int] = [:]
        pos.reserveCapacity(places.count)
        for (i, p) in places.enumerated() where pos[p.id] == nil { pos[p.id] = i }
        position = pos
    }

    public func place(id: Int) -> Place? { position[id].map { places[$0] } }

    /// The best place for a name, or nil.
    public func lookup(_ name: String) -> Place? { candidates(name).first }

    /// Builds the name indexes now (they are otherwise built on the first lookup): a caller with a
    /// spare thread warms them while it does other work; lookups meanwhile wait for them.
    public func prepareIndex() { _ = index() }

    /// Every place the name may mean, best first (see the ranking above).
    public func candidates(_ name: String) -> [Place] {
        let idx = index()
        let key = NameFolding.fold(name)
        guard !key.isEmpty else { return [] }
        guard let hits = idx.folded[key] else {
            // A press spelling no data file has ("Maarat al Numan", "Tel Rıfat"): the transliteration-
            // tolerant key and a close spelling (NameSkeleton.swift, the extractor's rule too), Syrian
            // places only and only when it names one town (precision check).
            guard let k = NameFolding.skeleton(folded: key), let hs = idx.skeleton[k] else { return [] }
            let query = NameFolding.CloseSpelling(key.split(separator: " ").map(String.init))
            let close = hs.filter { i in ([places[i].name, places[i].geonamesName] + places[i].aliases).contains {
                query.matches(NameFolding.bare(NameFolding.words($0))) } }
            guard !close.isEmpty else { return [] }
            let ranked = rank(close, exact: [], provinceQuery: Gazetteer.namesProvince(key)).map { places[$0] }
            let towns = Set(ranked.filter { $0.countryCode == "SY" && $0.kind == ranked.first!.kind }.map(\.id))
            return towns.count == 1 && ranked.first!.countryCode == "SY" ? [ranked.first!] : []
        }
        let exact = Set(idx.exact[name.trimmingCharacters(in: .whitespaces)] ?? [])
        return rank(hits, exact: exact, provinceQuery: Gazetteer.namesProvince(key)).map { places[$0] }
    }

    /// Closest names by edit distance on folded names (`Alepoo` -> Aleppo), for "did you mean".
    public func suggestions(for name: String, limit: Int = 5) -> [Place] {
        let idx = index()
        let key = NameFolding.fold(name)
        guard !key.isEmpty else { return [] }
        let keyLength = key.unicodeScalars.count
        let maxDistance = max(1, min(3, keyLength / 3))
        var best: [Int: Int] = [:]   // position -> distance
        for (k, hits) in idx.folded {
            // Lengths too far apart cannot be within maxDistance: skip before editDistance copies the
            // key (a 10 MB name used to take minutes here, once per name of the gazetteer).
            guard abs(k.unicodeScalars.count - keyLength) <= maxDistance else { continue }
            let d = NameFolding.editDistance(key, k, limit: maxDistance)
            guard d <= maxDistance else { continue }
            for h in hits where best[h].map({ d < $0 }) ?? true { best[h] = d }
        }
        let byDistance = Dictionary(grouping: best.keys, by: { best[$0]! })
        var out: [Place] = []
        for d in byDistance.keys.sorted() {
            out += rank(byDistance[d]!, exact: [], provinceQuery: Gazetteer.namesProvince(key)).map { places[$0] }
            if out.count >= limit { break }
        }
        return Array(out.prefix(limit))
    }

    /// Places with a name starting with the prefix (folded), best first; for completion.
    public func search(prefix: String, limit: Int = 20) -> [Place] {
        let idx = index()
        let key = NameFolding.fold(prefix)
        guard !key.isEmpty else { return [] }
        var hits = Set<Int>()
        for (k, v) in idx.folded where k.hasPrefix(key) { hits.formUnion(v) }
        return Array(rank(Array(hits), exact: [], provinceQuery: false).prefix(limit).map { places[$0] })
    }

    /// Every folded name -> the ids of the places it may mean, ranked. For extractors that scan text.
    public var names: [String: [Int]] {
        let idx = index()
        return idx.folded.mapValues { rank($0, exact: [], provinceQuery: false).map { places[$0].id } }
    }

    // MARK: ranking and index

    static let provinceWords: Set<String> = ["province", "governorate", "provincia", "gouvernorat", "gobernacion",
        "governatorato", "provinz", "gouvernement", "tinh", "محافظه", "governadoria", "provincia", "muhafazat", "muhafaza"]

    static func namesProvince(_ folded: String) -> Bool {
        folded.split(separator: " ").contains { provinceWords.contains(String($0)) }
    }

    private func rank(_ hits: [Int], exact: Set<Int>, provinceQuery: Bool) -> [Int] {
        func kindOrder(_ k: Place.Kind) -> Int {
            switch k {
            case .city: return provinceQuery ? 1 : 0
            case .province: return provinceQuery ? 0 : 1
            case .country: return 2
            }
        }
        return Array(Set(hits)).sorted { a, b in
            let p = places[a], q = places[b]
            let ea = exact.contains(a), eb = exact.contains(b)
            if ea != eb { return ea }
            let sa = p.countryCode == "SY", sb = q.countryCode == "SY"
            if sa != sb { return sa }
            if kindOrder(p.kind) != kindOrder(q.kind) { return kindOrder(p.kind) < kindOrder(q.kind) }
            if p.population != q.population { return p.population > q.population }
            return p.id < q.id
        }
    }

    private func index() -> Index {
        lock.lock(); defer { lock.unlock() }
        if let i = _index { return i }
        var folded: [String: [Int]] = [:], exact: [String: [Int]] = [:], skeleton: [String: [Int]] = [:]
        for (i, p) in places.enumerated() {
            for n in [p.name, p.geonamesName] + p.aliases {
                let f = NameFolding.fold(n)
                guard !f.isEmpty else { continue }
                if folded[f]?.last != i { folded[f, default: []].append(i) }
                if exact[n]?.last != i { exact[n, default: []].append(i) }
                if let k = NameFolding.skeleton(folded: f), skeleton[k]?.last != i { skeleton[k, default: []].append(i) }
            }
        }
        _index = Index(folded: folded, exact: exact, skeleton: skeleton)
        return _index!
    }
}
