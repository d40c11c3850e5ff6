import AnalystCore
import Foundation

/// "did you mean ...?" for a place name the gazetteer does not know: the gazetteer's near
/// spellings, ranked by similarity to the name typed (edit distance to each place's own name),
/// then by distance from the places of the corpus's events. A place farther than
/// `farKm` from all of them (Rome, for a typo of Hama) is left out when a nearer one is there.
extension AnalystAPI {
    static let farKm = 1000.0

    func placeSuggestions(for name: String, limit: Int = 5) -> [String] {
        guard let g = try? session.corpus().gazetteer else { return [] }
        let candidates = g.suggestions(for: name, limit: 30)
        guard !candidates.isEmpty else { return [] }
        let key = NameFolding.fold(name)
        // The places the corpus's events happen at (found once; the error path may pay for it).
        try? session.extractEvents()
        var seen = Set<String>()
        let anchors = session.events.places.filter { seen.insert("\($0.latitude),\($0.longitude)").inserted }
        func kmFromCorpus(_ p: Place) -> Double {
            anchors.map { Geo.distanceKm(lat1: p.latitude, lon1: p.longitude, lat2: $0.latitude, lon2: $0.longitude) }.min() ?? 0
        }
        var ranked = candidates.map { p in
            (place: p, similarity: NameFolding.editDistance(key, NameFolding.fold(p.name), limit: 64), km: kmFromCorpus(p))
        }
        ranked.sort { ($0.similarity, $0.km) < ($1.similarity, $1.km) }
        if ranked.contains(where: { $0.km <= AnalystAPI.farKm }) { ranked.removeAll { $0.km > AnalystAPI.farKm } }
        var names: [String] = []
        for r in ranked where !names.contains(r.place.name) { names.append(r.place.name) }
        return Array(names.prefix(limit))
    }
}
