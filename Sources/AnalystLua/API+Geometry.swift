import AnalystCore
import LuaKit

extension AnalystAPI {
    func defineGeometry() {
        let section = "Geometry"
        let pointDoc = "a place name, a Place, or {lat=, lon=}"
        registry.add(APIEntry("geo.distance", section: section,
                              params: [.init("a", "string|Place|table", pointDoc), .init("b", "string|Place|table", pointDoc)],
                              returns: "number",
                              summary: "Great-circle distance in km (haversine, mean Earth radius 6371.0088 km).",
                              example: #"print(string.format("%.1f km", geo.distance("Aleppo", "Hama")))"#) { [unowned self] call in
            let a = try self.point(call, 1, function: "distance"), b = try self.point(call, 2, function: "distance")
            call.push(Geo.distanceKm(lat1: a.lat, lon1: a.lon, lat2: b.lat, lon2: b.lon))
            return 1
        })
        registry.add(APIEntry("geo.bearing", section: section,
                              params: [.init("a", "string|Place|table", pointDoc), .init("b", "string|Place|table", pointDoc)],
                              returns: "number", summary: "Initial bearing from a to b, degrees clockwise from north (0-360).",
                              example: #"print(geo.bearing("Homs", {lat = 33.51, lon = 36.29}))"#) { [unowned self] call in
            let a = try self.point(call, 1, function: "bearing"), b = try self.point(call, 2, function: "bearing")
            call.push(Geo.bearing(lat1: a.lat, lon1: a.lon, lat2: b.lat, lon2: b.lon))
            return 1
        })
    }
}
