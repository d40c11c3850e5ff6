/// GeoJSON (RFC 7946) writing: coordinates are [longitude, latitude], WGS84.
public enum GeoJSON {
    public enum Geometry: Sendable {
        case point(latitude: Double, longitude: Double)
        case lineString([(latitude: Double, longitude: Double)])
    }

    public enum Value: Sendable {
        case string(String), number(Double), integer(Int), bool(Bool), null
    }

    public struct Feature: Sendable {
        public var geometry: Geometry
        public var properties: [(String, Value)]
        public init(geometry: Geometry, properties: [(String, Value)]) {
            self.geometry = geometry
            self.properties = properties
        }
    }

    public static func render(_ features: [Feature]) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":["
        for (i, f) in features.enumerated() {
            if i > 0 { out += "," }
            out += "\n{\"type\":\"Feature\",\"geometry\":" + geometry(f.geometry) + ",\"properties\":{"
            for (j, (k, v)) in f.properties.enumerated() {
                if j > 0 { out += "," }
                out += JSON.string(k) + ":" + value(v)
            }
            out += "}}"
        }
        out += "\n]}\n"
        return out
    }

    static func geometry(_ g: Geometry) -> String {
        // JSON has no inf or nan: a feature whose coordinates are not finite keeps its properties
        // with a null geometry (valid GeoJSON) instead of writing `[inf,-nan]`.
        switch g {
        case .point(let lat, let lon) where !lat.isFinite || !lon.isFinite:
            return "null"
        case .lineString(let pts) where pts.contains(where: { !$0.latitude.isFinite || !$0.longitude.isFinite }):
            return "null"
        case .point(let lat, let lon):
            return "{\"type\":\"Point\",\"coordinates\":[\(JSON.number(lon)),\(JSON.number(lat))]}"
        case .lineString(let pts):
            let coords = pts.map { "[\(JSON.number($0.longitude)),\(JSON.number($0.latitude))]" }.joined(separator: ",")
            return "{\"type\":\"LineString\",\"coordinates\":[\(coords)]}"
        }
    }

    static func value(_ v: Value) -> String {
        switch v {
        case .string(let s): return JSON.string(s)
        case .number(let d): return d.isFinite ? JSON.number(d) : "null"
        case .integer(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

/// The few JSON encodings we need, exact and dependency-free.
public enum JSON {
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// Shortest round-tripping decimal for a finite double (`35.13`, not `35.130000000000003`).
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }   // never `inf` or `nan`: not JSON
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
