import AnalystCore
/// GDELT 2.0 event records (`*.export.CSV`: tab-separated, 61 columns, no header) -> columns.
/// Only CAMEO roots 18 (assault), 19 (fight) and 20 (mass violence) are conflict events; other
/// rows are skipped and counted (or imported as `ImportOptions.unmappedAs`).
///   id: GLOBALEVENTID; date: SQLDATE (day precision); type: `TypeMapping.cameoType(EventCode)`;
///   originalType: `CAMEO <root> / <code>` (so the filter `CAMEO 19` takes every fight);
///   actors: Actor1Name, Actor2Name; place: ActionGeo (FullName "City, Province, Country",
///   Lat, Long; Type 3/4 city -> geo precision 1, 2/5 province and 1 country -> 3);
///   sources: SOURCEURL; corroboration: NumArticles. EventCode, NumMentions, GoldsteinScale and
///   others are kept as extra columns.
struct GDELTParser: RecordParser {
    let separator: UInt8 = 9
    let quoting = false
    let fieldCount = 61
    private let options: ImportOptions
    private let extra: [(name: String, index: Int)]
    private var typeOf: [Int32: Int8] = [:]
    private var placeOf = RowTable<PlaceKey>()
    struct PlaceKey: Equatable, FastHashable {
        var name: Int32; var lat, lon: UInt64
        var fastHash: UInt64 { FastHash.mix(FastHash.mix(UInt64(UInt32(bitPattern: name)), lat), lon) }
    }

    static let extraColumns: [(String, Int)] = [
        ("event_code", 26), ("event_base_code", 27), ("event_root_code", 28), ("quad_class", 29),
        ("goldstein", 30), ("num_mentions", 31), ("num_sources", 32), ("num_articles", 33), ("avg_tone", 34),
        ("actor1_code", 5), ("actor2_code", 15), ("actor1_country", 7), ("actor2_country", 17),
        ("action_geo_type", 51), ("action_geo_country", 53), ("action_geo_adm1", 54), ("action_geo_feature", 58),
        ("date_added", 59),
    ]

    init(options: ImportOptions) {
        self.options = options
        extra = options.extraColumns ? GDELTParser.extraColumns.map { (name: $0.0, index: $0.1) } : []
    }

    private func ref(_ b: UnsafeBufferPointer<UInt8>, _ pool: inout StringPool) -> Int32 {
        ByteFields.isBlank(b) ? EventStore.none : pool.intern(bytes: ByteFields.trimmed(b))
    }

    mutating func parse(_ sc: borrowing ByteCSVScanner, line: Int32, into b: inout ColumnBatch) -> RowOutcome {
        let idF = ByteFields.trimmed(sc.field(0))
        let dateF = ByteFields.trimmed(sc.field(1))
        var day: Day? = nil
        if dateF.count == 8, let v = ByteFields.int(dateF) { day = Day(year: v / 10000, month: v / 100 % 100, day: v % 100) }
        guard let day else { return .skipped(reason: "bad date", detail: "bad SQLDATE '\(ByteFields.string(dateF))'", malformed: true) }
        var lat = Double.nan, lon = Double.nan
        let latF = sc.field(56), lonF = sc.field(57)
        if !ByteFields.isBlank(latF) || !ByteFields.isBlank(lonF) {
            guard let a = ByteFields.double(latF), let o = ByteFields.double(lonF) else {
                return .skipped(reason: "bad coordinates", detail: "bad ActionGeo_Lat/Long '\(ByteFields.string(latF))', '\(ByteFields.string(lonF))'", malformed: true)
            }
            guard abs(a) <= 90 else { return .skipped(reason: "latitude out of range", detail: "latitude \(ByteFields.string(latF)) out of range", malformed: true) }
            guard abs(o) <= 180 else { return .skipped(reason: "longitude out of range", detail: "longitude \(ByteFields.string(lonF)) out of range", malformed: true) }
            lat = a; lon = o
        }
        let codeF = ByteFields.trimmed(sc.field(26))
        let code = ByteFields.string(codeF)
        guard codeF.count >= 2, codeF.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return .skipped(reason: "bad event code", detail: "bad EventCode '\(code)'", malformed: true)
        }
        let ot = b.pool.intern("CAMEO \(code.prefix(2)) / \(code)")
        var tc: Int8
        if let c = typeOf[ot] { tc = c } else {
            tc = TypeMapping.cameoType(code).map { Int8(EventStore.typeCode($0)) } ?? -1
            typeOf[ot] = tc
        }
        if tc < 0 {
            guard let u = options.unmappedAs else {
                return .skipped(reason: "not a conflict event", detail: "CAMEO \(code) is outside roots 18-20", malformed: false)
            }
            tc = Int8(EventStore.typeCode(u))
        }
        var gp = 1
        switch ByteFields.int(sc.field(51)) {
        case 1, 2, 5: gp = 3
        default: gp = 1
        }

        let generatedID = idF.count == 0
        b.ids.append(generatedID ? GeneratedID.store(prefix: "GDELT", sc, &b.pool) : b.pool.store(bytes: idF))
        b.types.append(UInt8(tc))
        b.dateMin.append(day.number); b.dateMax.append(day.number); b.dateBest.append(day.number)
        b.timePrecision.append(1)
        b.geoPrecision.append(Int8(gp))
        b.originalType.append(ot)
        b.originalTypeValues.insert(ot)
        b.actor1.append(ref(sc.field(6), &b.pool))
        b.actor2.append(ref(sc.field(16), &b.pool))
        b.fatalities.append(EventStore.none)
        b.counts.append(EventStore.none)
        b.notes.append(EventStore.none)
        b.lines.append(line)
        b.sourceStart.append(Int32(b.sourceList.count))
        let url = sc.field(60)
        if !ByteFields.isBlank(url) { b.sourceList.append(b.pool.intern(bytes: ByteFields.trimmed(url))) }
        b.corroboration.append(Int32(clamping: ByteFields.int(sc.field(33)) ?? 0))
        var placeRow = EventStore.none
        let nameF = sc.field(52)
        if !lat.isNaN {
            let key = PlaceKey(name: ref(nameF, &b.pool), lat: lat.bitPattern, lon: lon.bitPattern)
            if let r = placeOf.find(key) { placeRow = r } else {
                placeRow = Int32(b.places.count)
                // "Aleppo, Halab, Syria" -> name Aleppo, admin1 Halab, country Syria.
                let parts = key.name < 0 ? [] : b.pool[key.name].split(separator: ",").map { $0.trimmingCharacters(in: " ") }
                let name = parts.first.map(String.init) ?? ""
                let admin1: String? = parts.count >= 3 ? String(parts[1]) : parts.count == 2 ? String(parts[0]) : nil
                let country: String? = parts.count >= 2 ? String(parts.last!) : parts.first.map(String.init)
                b.places.append(EventStore.PlaceRef(id: 0, name: name, admin1: admin1, country: country,
                                                    latitude: lat, longitude: lon, inGazetteer: false))
                placeOf.insert(key, placeRow)
            }
        }
        b.placeRow.append(placeRow)
        if b.extraNames.isEmpty && !extra.isEmpty {
            b.extraNames = extra.map(\.name)
        }
        for k in 0..<extra.count { b.extraFlat.append(ref(sc.field(extra[k].index), &b.pool)) }
        if generatedID {
            return .importedWithWarning(reason: "missing event id", detail: "empty GLOBALEVENTID: id \(b.pool[b.ids[b.ids.count - 1]]) generated from the row's text")
        }
        return .imported
    }
}
