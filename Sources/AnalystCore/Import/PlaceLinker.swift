/// Links an imported place (name and coordinates from the file) to a gazetteer place.
/// The importer calls it once per distinct (name, admin1, country, lat, lon) of a file, not per row.
public protocol PlaceLinker {
    /// The gazetteer place this one is, or nil to keep it ad hoc.
    func link(name: String, latitude: Double, longitude: Double, admin1: String?, country: String?) -> EventStore.PlaceRef?
}

/// The standard rule over the gazetteer: a place the name may mean (`Gazetteer.candidates`, the
/// shared `NameFolding`) within `radiusKm` (10 km) of the file's coordinates; the nearest wins.
public struct GazetteerLinker: PlaceLinker {
    public let gazetteer: Gazetteer
    public let radiusKm: Double
    private let countryNames: [String: String]
    public init(gazetteer: Gazetteer, radiusKm: Double = 10, countryNames: [String: String] = [:]) {
        self.gazetteer = gazetteer; self.radiusKm = radiusKm; self.countryNames = countryNames
    }
    public func link(name: String, latitude: Double, longitude: Double, admin1: String?, country: String?) -> EventStore.PlaceRef? {
        var best: (Place, Double)?
        for p in gazetteer.candidates(name) {
            let d = Geo.distanceKm(lat1: latitude, lon1: longitude, lat2: p.latitude, lon2: p.longitude)
            if d <= radiusKm && (best == nil || d < best!.1) { best = (p, d) }
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

/// Ad-hoc places (from a file's coordinates, not in the gazetteer) get negative ids: -1, -2, ...
/// in the order the store first sees them, so they never collide with GeoNames ids (positive).
/// The same (name, admin1, country, latitude, longitude) always gets the same id in one store.
extension EventStore {
    public func adHocPlace(name: String, admin1: String?, country: String?, latitude: Double, longitude: Double) -> PlaceRef {
        let key = PlaceRef(id: 0, name: name, admin1: admin1, country: country, latitude: latitude,
                           longitude: longitude, inGazetteer: false)
        if let id = adHocIDs[key] { var p = key; p.id = id; return p }
        let id = -(adHocIDs.count + 1)
        adHocIDs[key] = id
        var p = key; p.id = id
        return p
    }
}
