import Foundation
import AnalystCore

/// One event as the pictures need it: plain values, names already resolved.
public struct PlotEvent: Sendable {
    public var type: EventType
    public var placeID: Int?
    public var place: String?
    public var latitude: Double?
    public var longitude: Double?
    public var dates: DayRange?
    public var date: Day?
    public var actor: String?
    public var side: String?
    public var modality: Modality
    public var sources: [String]
    /// ACLED geo precision: 1 the town itself, 2 near it, 3 only the province or country.
    public var geoPrecision: Int

    public init(type: EventType, placeID: Int? = nil, place: String? = nil, latitude: Double? = nil,
                longitude: Double? = nil, dates: DayRange? = nil, date: Day? = nil, actor: String? = nil,
                side: String? = nil, modality: Modality = .asserted, sources: [String] = [], geoPrecision: Int = 1) {
        self.type = type; self.placeID = placeID; self.place = place; self.latitude = latitude
        self.longitude = longitude; self.dates = dates; self.date = date; self.actor = actor; self.side = side
        self.modality = modality; self.sources = sources; self.geoPrecision = geoPrecision
    }

    /// The best single day: the stated one, else the middle of the interval.
    public var bestDay: Day? { date ?? dates.map { $0.first + ($0.last - $0.first) / 2 } }

    /// Rows of a store. `actor` turns a stored actor id into a display name and side.
    public static func from(store: EventStore, rows: [Int], actor: (String) -> (name: String, side: String?)?) -> [PlotEvent] {
        var cache: [Int32: (String, String?)] = [:]
        return rows.map { r in
            let p = store.place(r)
            var name: String? = nil, side: String? = nil
            let a = store.actor1[r]
            if a != EventStore.none {
                if let c = cache[a] { (name, side) = c } else {
                    let id = store.strings[a]
                    let resolved = actor(id) ?? (id, nil)
                    cache[a] = resolved
                    (name, side) = resolved
                }
            }
            return PlotEvent(type: store.type(r), placeID: p?.id, place: p?.name, latitude: p?.latitude,
                             longitude: p?.longitude, dates: store.dates(r), date: store.date(r), actor: name,
                             side: side, modality: store.modalityOf(r), sources: store.sources(r),
                             geoPrecision: Int(store.geoPrecision[r]))
        }
    }
}

/// One leg of an advance (a row of `advance{}`), the total row flagged.
public struct PlotLeg: Sendable {
    public var from: String
    public var to: String
    public var fromLat: Double, fromLon: Double, toLat: Double, toLon: Double
    public var km: Double
    public var start: Day?
    public var finish: Day?
    public var days: Int?
    public var kmPerDay: Double?
    public var kmPerDayMin: Double?
    public var kmPerDayMax: Double?
    public var sources: [String]
    public var isTotal: Bool

    public init(from: String, to: String, fromLat: Double, fromLon: Double, toLat: Double, toLon: Double, km: Double,
                start: Day? = nil, finish: Day? = nil, days: Int? = nil, kmPerDay: Double? = nil,
                kmPerDayMin: Double? = nil, kmPerDayMax: Double? = nil, sources: [String] = [], isTotal: Bool = false) {
        self.from = from; self.to = to; self.fromLat = fromLat; self.fromLon = fromLon; self.toLat = toLat
        self.toLon = toLon; self.km = km; self.start = start; self.finish = finish; self.days = days
        self.kmPerDay = kmPerDay; self.kmPerDayMin = kmPerDayMin; self.kmPerDayMax = kmPerDayMax
        self.sources = sources; self.isTotal = isTotal
    }

    public var kmLabel: String { "\(PlotText.number(km)) km" }

    /// `7 km/day`, `6.5–22.7 km/day` when the dates allow a range, `≥ 6.5 km/day` when the leg may
    /// have been done in a day (no upper bound), `rate unknown` without dated events at both ends.
    public var rateLabel: String {
        switch (kmPerDayMin, kmPerDayMax) {
        case let (lo?, hi?):
            if PlotText.number(lo) == PlotText.number(hi) { return "\(PlotText.number(kmPerDay ?? lo)) km/day" }
            return "\(PlotText.number(lo))–\(PlotText.number(hi)) km/day"
        case let (lo?, nil): return "≥ \(PlotText.number(lo)) km/day"
        case let (nil, hi?): return "≤ \(PlotText.number(hi)) km/day"
        case (nil, nil): return kmPerDay.map { "\(PlotText.number($0)) km/day" } ?? "rate unknown"
        }
    }

    /// Dated at both ends: drawn solid; otherwise dashed.
    public var isDated: Bool { start != nil && finish != nil }
}

/// Number and date wording shared by the pictures.
public enum PlotText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// One decimal under 100, whole numbers above: `6.5`, `22.7`, `124`.
    public static func number(_ d: Double) -> String {
        if abs(d) >= 100 { return String(Int(d.rounded())) }
        return String(format: "%.1f", d)
    }

    public static func day(_ d: Day, year: Bool = true) -> String {
        let c = d.components
        return "\(c.day) \(months[c.month - 1])" + (year ? " \(c.year)" : "")
    }

    public static func monthYear(_ d: Day) -> String { "\(months[d.month - 1]) \(d.year)" }

    /// `5 Dec 2024`, `2–8 Dec 2024`, `16 Nov – 5 Dec 2024`, `31 Dec 2015 – 5 Jan 2016`.
    public static func range(_ r: DayRange) -> String {
        if r.isSingleDay { return day(r.first) }
        let a = r.first.components, b = r.last.components
        if a.year == b.year && a.month == b.month { return "\(a.day)–\(b.day) \(months[b.month - 1]) \(b.year)" }
        if a.year == b.year { return "\(day(r.first, year: false)) – \(day(r.last))" }
        return "\(day(r.first)) – \(day(r.last))"
    }

    /// `Sources: 3 articles (a, b, c)`; long lists keep the first few.
    public static func sourcesLine(_ ids: [String], limit: Int = 6) -> String {
        guard !ids.isEmpty else { return "Sources: none" }
        let ids = ids.sorted()
        let shown = ids.prefix(limit).joined(separator: ", ")
        let more = ids.count > limit ? ", +\(ids.count - limit) more" : ""
        return "Sources: \(ids.count) \(ids.count == 1 ? "article" : "articles") (\(shown)\(more))"
    }

    public static func generated(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return "generated \(f.string(from: date)) UTC"
    }

    public static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// Country outlines from a GeoJSON FeatureCollection of Polygons / MultiPolygons ([lon, lat]).
public struct Outline: Sendable {
    public var name: String
    /// Polygons, each a list of rings (the first is the exterior), each a list of (lon, lat).
    public var polygons: [[[(lon: Double, lat: Double)]]]

    public static func load(path: String) throws -> [Outline] {
        guard let data = FileManager.default.contents(atPath: path) else { throw PlotError("cannot read \(path)") }
        return try parse(data)
    }

    public static func parse(_ data: Data) throws -> [Outline] {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else { throw PlotError("not a GeoJSON FeatureCollection") }
        func ring(_ v: Any) -> [(lon: Double, lat: Double)] {
            ((v as? [[Any]]) ?? []).compactMap { p in
                guard p.count >= 2, let lon = (p[0] as? NSNumber)?.doubleValue, let lat = (p[1] as? NSNumber)?.doubleValue else { return nil }
                return (lon, lat)
            }
        }
        return features.compactMap { f in
            guard let g = f["geometry"] as? [String: Any], let type = g["type"] as? String, let coords = g["coordinates"] as? [Any] else { return nil }
            let name = (f["properties"] as? [String: Any])?["name"] as? String ?? ""
            switch type {
            case "Polygon": return Outline(name: name, polygons: [coords.map(ring)])
            case "MultiPolygon": return Outline(name: name, polygons: coords.map { (($0 as? [Any]) ?? []).map(ring) })
            default: return nil
            }
        }
    }

    /// Even-odd ray casting over every ring.
    public func contains(lat: Double, lon: Double) -> Bool {
        for poly in polygons {
            var inside = false
            for r in poly {
                var j = r.count - 1
                for i in 0..<r.count {
                    let a = r[i], b = r[j]
                    if (a.lat > lat) != (b.lat > lat), lon < (b.lon - a.lon) * (lat - a.lat) / (b.lat - a.lat) + a.lon { inside.toggle() }
                    j = i
                }
            }
            if inside { return true }
        }
        return false
    }
}

public struct PlotError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
