import AnalystCore
/// Links an imported place (name and coordinates from the file) to a gazetteer place.
/// The importer calls it once per distinct (name, admin1, country, lat, lon) of a file, not per row.
public protocol PlaceLinker {
    /// The gazetteer place this one is, or nil to keep it ad hoc.
    func link(name: String, latitude: Double, longitude: Double, admin1: String?, country: String?) -> EventStore.PlaceRef?
}

/// The standard rule over the gazetteer, in this order:
/// 1. a place the name may mean (`Gazetteer.candidates`, the shared name folding) within
///    `radiusKm` (10 km) of the file's coordinates, the nearest;
/// 2. otherwise the nearest gazetteer town or city within `coordinateKm` (2 km) of the coordinates,
///    whatever its spelling: ACLED's "Saraqab" lies 0.3-0.5 km from GeoNames' Saraqib, "Atareb"
///    0.4 km from Al Atarib. Two distinct towns within 2 km of one point are rare in GeoNames'
///    populated places; provinces and countries are never linked by coordinates.
/// Rows with a geo precision of 2 or 3 (a region) keep the same rule: their coordinates are the
/// place ACLED chose to stand for the region.
public struct GazetteerLinker: PlaceLinker {
    public let gazetteer: Gazetteer
    public let radiusKm: Double
    public let coordinateKm: Double
    private let countryNames: [String: String]
    /// Cities by 0.1-degree cell (about 11 km): a coordinate lookup reads 9 cells.
    private let cells: [Int: [Place]]

    public init(gazetteer: Gazetteer, radiusKm: Double = 10, coordinateKm: Double = 2, countryNames: [String: String] = [:]) {
        self.gazetteer = gazetteer; self.radiusKm = radiusKm; self.coordinateKm = coordinateKm; self.countryNames = countryNames
        var cells: [Int: [Place]] = [:]
        for p in gazetteer.places where p.kind == .city {
            cells[GazetteerLinker.cell(Int((p.latitude * 10).rounded(.down)), Int((p.longitude * 10).rounded(.down))), default: []].append(p)
        }
        self.cells = cells
    }

    static func cell(_ a: Int, _ b: Int) -> Int { a * 10_000 + b }

    public func link(name: String, latitude: Double, longitude: Double, admin1: String?, country: String?) -> EventStore.PlaceRef? {
        guard latitude.isFinite, longitude.isFinite else {
            return nil
        }
        var best: (Place, Double)?
        for p in gazetteer.candidates(name) {
            let d = Geo.distanceKm(lat1: latitude, lon1: longitude, lat2: p.latitude, lon2: p.longitude)
            if d <= radiusKm && (best == nil || d < best!.1) { best = (p, d) }
        }
        if best == nil {
            let a = Int((latitude * 10).rounded(.down)), b = Int((longitude * 10).rounded(.down))
            for da in -1...1 { for db in -1...1 {
                for p in cells[GazetteerLinker.cell(a + da, b + db)] ?? [] {
                    let d = Geo.distanceKm(lat1: latitude, lon1: longitude, lat2: p.latitude, lon2: p.longitude)
                    if d <= coordinateKm && (best == nil || d < best!.1) { best = (p, d) }
                }
            } }
        }
        return best.map { EventStore.PlaceRef($0.0, countryName: countryNames[$0.0.countryCode]) }
    }
}

/// The same rule over a plain list of places (tests, or places outside the gazetteer): same folded name (`NameFolding`, the place's name,
/// GeoNames name or any alias) within `radiusKm` (10 km) of the file's coordinates; the nearest wins.
/// Works over `Gazetteer.places` once the gazetteer is merged, or over any list in tests.
public struct NameAndDistanceLinker: PlaceLinker {
    public let radiusKm: Double
    private var byName: [String: [Place]] = [:]
    private let countryNames: [String: String]

    /// `countryNames` maps ISO codes to the names put in `PlaceRef.country` (`SY` -> `Syria`).
    public init(places: [Place], radiusKm: Double = 10, countryNames: [String: String] = [:]) {
        self.radiusKm = radiusKm
        self.countryNames = countryNames
        for p in places {
            var names = Set([p.name, p.geonamesName] + p.aliases).map(NameFolding.fold)
            names = Array(Set(names))
            for n in names { byName[n, default: []].append(p) }
        }
    }

    public func link(name: String, latitude: Double, longitude: Double, admin1: String?, country: String?) -> EventStore.PlaceRef? {
        guard let candidates = byName[NameFolding.fold(name)] else { return nil }
        var best: (Place, Double)?
        for p in candidates {
            let d = Geo.distanceKm(lat1: latitude, lon1: longitude, lat2: p.latitude, lon2: p.longitude)
            if d <= radiusKm && (best == nil || d < best!.1) { best = (p, d) }
        }
        return best.map { EventStore.PlaceRef($0.0, countryName: countryNames[$0.0.countryCode]) }
    }
}
