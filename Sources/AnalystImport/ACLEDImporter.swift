import AnalystCore
/// ACLED CSV rows -> columns. Columns are found by header NAME, so both layouts work: the current
/// one (31 columns from event_id_cnty to timestamp, with disorder_type and civilian_targeting) and
/// the pre-2023 one (data_id, iso, event_id_cnty, event_id_no_cnty, ..., timestamp, iso3).
struct ACLEDParser: RecordParser {
    let separator: UInt8 = 44
    let quoting = true
    let fieldCount: Int
    /// `current` or `pre-2023`.
    let layout: String
    private let options: ImportOptions

    // Column positions (-1 when the file lacks the column).
    private let iID, iDate, iTimePrecision, iEventType, iSubEventType, iActor1, iActor2, iCountry, iAdmin1,
                iLocation, iLatitude, iLongitude, iGeoPrecision, iSource, iNotes, iFatalities, iTags: Int
    /// Extra columns kept as they are (inter codes normalised to text).
    private let extraNames: [String]
    private let extraIndex: [Int]
    private let extraIsInter: [Bool]

    // Per-thread caches.
    private var typeOf: [Int8] = []                // by originalType id: EventType code, -1 unmapped, -2 not yet
    private var placeOf = RowTable<PlaceKey>()
    private var lastPlace: (key: PlaceKey, row: Int32)?
    private var typeListed: [Bool] = []           // by originalType id: already in the batch's originalTypeValues
    /// Per column, a 128-slot direct-mapped cache of recent values (by length and three bytes):
    /// most ACLED columns hold a handful of values (inter codes, disorder types, admin names), and
    /// checking one candidate's bytes is cheaper than hashing the field and probing the pool.
    private var recent: RecentValues?             // made per thread, like typeText
    private var interText: [Int32] = []           // pool ids of "State forces" ... for codes 1-8
    private var typeText: ScratchBuffer?          // made per thread (parsers are copied per thread)
    private var pairs: [(et: Int32, st: Int32, ot: Int32)] = []   // ~25 in ACLED

    struct PlaceKey: Equatable, FastHashable {
        var name, admin1, country: Int32; var lat, lon: UInt64
        var fastHash: UInt64 {
            FastHash.mix(FastHash.mix(FastHash.mix(UInt64(UInt32(bitPattern: name)) | UInt64(UInt32(bitPattern: admin1)) << 32,
                                                   UInt64(UInt32(bitPattern: country))), lat), lon)
        }
    }

    static let interLabels = ImportCodes.interLabels
    static let extraCandidates = ["disorder_type", "assoc_actor_1", "inter1", "assoc_actor_2", "inter2", "interaction",
                                  "civilian_targeting", "iso", "region", "admin2", "admin3", "source_scale", "tags",
                                  "iso3"]
    // Not kept: timestamp, data_id, event_id_no_cnty (unique per row: interning them would cost
    // a table entry each, for values nobody filters on).

    init(header: [String], options: ImportOptions, path: String) throws {
        let names = header.map { $0.lowercased() }
        func col(_ n: String) -> Int { names.firstIndex(of: n) ?? -1 }
        for required in ["event_id_cnty", "event_date", "event_type", "sub_event_type"] where col(required) < 0 {
            throw ImportError(path: path, line: 1, message: "not an ACLED header: no \(required) column")
        }
        fieldCount = header.count
        layout = col("data_id") >= 0 || col("disorder_type") < 0 ? "pre-2023" : "current"
        self.options = options
        iID = col("event_id_cnty"); iDate = col("event_date"); iTimePrecision = col("time_precision")
        iEventType = col("event_type"); iSubEventType = col("sub_event_type")
        iActor1 = col("actor1"); iActor2 = col("actor2"); iCountry = col("country"); iAdmin1 = col("admin1")
        iLocation = col("location"); iLatitude = col("latitude"); iLongitude = col("longitude")
        iGeoPrecision = col("geo_precision"); iSource = col("source"); iNotes = col("notes"); iFatalities = col("fatalities")
        iTags = col("tags")
        let extras = options.extraColumns ? ACLEDParser.extraCandidates.filter { col($0) >= 0 } : []
        extraNames = extras
        extraIndex = extras.map(col)
        extraIsInter = extras.map { $0 == "inter1" || $0 == "inter2" }
    }

    @inline(__always)
    private func f(_ sc: borrowing ByteCSVScanner, _ i: Int) -> UnsafeBufferPointer<UInt8> {
        i >= 0 ? sc.field(i) : UnsafeBufferPointer(start: nil, count: 0)
    }

    @inline(__always)
    private func ref(_ b: UnsafeBufferPointer<UInt8>, _ pool: inout StringPool) -> Int32 {
        ByteFields.isBlank(b) ? EventStore.none : pool.intern(bytes: ByteFields.trimmed(b))
    }

    /// `ref` with the recent-values cache of column slot `k`.
    @inline(__always)
    private func cached(_ k: Int, _ raw: UnsafeBufferPointer<UInt8>, _ pool: inout StringPool) -> Int32 {
        if ByteFields.isBlank(raw) { return EventStore.none }
        let b = ByteFields.trimmed(raw)
        let n = b.count
        let way = (n &* 7 &+ Int(b[0]) &* 3 &+ Int(b[n - 1]) &* 5 &+ Int(b[n >> 1])) & (RecentValues.ways - 1)
        let slot = k &* RecentValues.ways &+ way
        let r = recent.unsafelyUnwrapped   // made at the top of parse()
        let candidate = r.ids[slot]
        if candidate >= 0, r.lengths[slot] == n, memcmpEq(r.bytes[slot], b.baseAddress, n) {
            return candidate
        }
        let id = pool.intern(bytes: b)
        r.ids[slot] = id
        r.lengths[slot] = n
        // The pool's arenas never move or shrink while it lives: the pointer stays good for this parse.
        r.bytes[slot] = pool.withUTF8(id) { $0.baseAddress }
        return id
    }

    mutating func parse(_ sc: borrowing ByteCSVScanner, line: Int32, into b: inout ColumnBatch) -> RowOutcome {
        if recent == nil { recent = RecentValues(slots: 64 * RecentValues.ways) }
        // Validate everything first, so a bad row leaves no partial columns behind.
        let idField = f(sc, iID)
        let generatedID = ByteFields.isBlank(idField)
        let dateField = f(sc, iDate)
        guard let day = ACLEDDate.parse(bytes: dateField) else {
            return .skipped(reason: "bad date", detail: "bad event_date '\(ByteFields.string(dateField))'", malformed: true)
        }
        var tp: Int? = nil
        let tpField = f(sc, iTimePrecision)
        if !ByteFields.isBlank(tpField) {
            guard let v = ByteFields.int(tpField), (1...3).contains(v) else {
                return .skipped(reason: "bad time_precision", detail: "bad time_precision '\(ByteFields.string(tpField))'", malformed: true)
            }
            tp = v
        }
        var lat = Double.nan, lon = Double.nan
        let latField = f(sc, iLatitude), lonField = f(sc, iLongitude)
        if !ByteFields.isBlank(latField) || !ByteFields.isBlank(lonField) {
            guard let a = ByteFields.double(latField), let o = ByteFields.double(lonField) else {
                return .skipped(reason: "bad coordinates", detail: "bad latitude/longitude '\(ByteFields.string(latField))', '\(ByteFields.string(lonField))'", malformed: true)
            }
            guard abs(a) <= 90 else { return .skipped(reason: "latitude out of range", detail: "latitude \(ByteFields.string(latField)) out of range", malformed: true) }
            guard abs(o) <= 180 else { return .skipped(reason: "longitude out of range", detail: "longitude \(ByteFields.string(lonField)) out of range", malformed: true) }
            lat = a; lon = o
        }
        var fat = EventStore.none
        let fatField = f(sc, iFatalities)
        if !ByteFields.isBlank(fatField) {
            guard let v = ByteFields.int(fatField), v >= 0 else {
                return .skipped(reason: "bad fatalities", detail: "bad fatalities '\(ByteFields.string(fatField))'", malformed: true)
            }
            fat = Int32(clamping: v)
        }
        // Type: "event_type / sub_event_type", mapped once per distinct value.
        let et = ByteFields.trimmed(f(sc, iEventType)), st = ByteFields.trimmed(f(sc, iSubEventType))
        // The pair's ids through the column caches; the joined text is built only for a new pair.
        let etID = cached(61, et, &b.pool), stID = cached(62, st, &b.pool)
        var ot: Int32
        if let known = pairs.first(where: { $0.et == etID && $0.st == stID }) {
            ot = known.ot
        } else {
            if typeText == nil { typeText = ScratchBuffer() }
            let typeText = self.typeText!
            typeText.count = 0
            if let p = et.baseAddress { typeText.append(p, et.count) }
            if st.count > 0 {
                " / ".utf8.withContiguousStorageIfAvailable { typeText.append($0.baseAddress!, 3) }
                typeText.append(st.baseAddress!, st.count)
            }
            ot = b.pool.intern(bytes: UnsafeBufferPointer(start: typeText.base, count: typeText.count))
            pairs.insert((etID, stID, ot), at: 0)
        }
        var code: Int8 = -2
        if Int(ot) >= typeOf.count { typeOf.append(contentsOf: repeatElement(-2, count: Int(ot) + 1 - typeOf.count + 4096)) }
        code = typeOf[Int(ot)]
        if code == -2 {
            let t = TypeMapping.acledType(eventType: ByteFields.string(et), subEventType: ByteFields.string(st))
            code = t.map { Int8(EventStore.typeCode($0)) } ?? -1
            typeOf[Int(ot)] = code
        }
        // Our own ACLED export names the exact type in `tags` (ACLED has no withdrawal or
        // displacement type): honour it so an export reads back as it was.
        var claim: AnalystTags? = nil
        if iTags >= 0 {
            let tags = f(sc, iTags)
            if tags.count > 8, memmemContains(tags, "analyst_") {
                let parsed = AnalystTags(ByteFields.string(tags))
                if let t = parsed.type { code = Int8(EventStore.typeCode(t)) }
                claim = parsed
            }
        }
        if code < 0 {
            guard let u = options.unmappedAs else {
                return .skipped(reason: "unmapped type", detail: "no event type for '\(b.pool[ot])'", malformed: false)
            }
            code = Int8(EventStore.typeCode(u))
        }
        var gp = 1
        if let v = ByteFields.int(f(sc, iGeoPrecision)), (1...3).contains(v) { gp = v }

        // Append.
        if generatedID {
            b.ids.append(GeneratedID.store(prefix: "ACLED", sc, &b.pool))
        } else {
            b.ids.append(b.pool.store(bytes: ByteFields.trimmed(idField)))
        }
        b.types.append(UInt8(code))
        let range = ACLEDDate.interval(day, timePrecision: tp)
        b.dateMin.append(range.first.number)
        b.dateMax.append(range.last.number)
        b.dateBest.append(day.number)
        b.timePrecision.append(Int8(tp ?? 1))
        b.geoPrecision.append(Int8(gp))
        b.originalType.append(ot)
        if Int(ot) >= typeListed.count { typeListed.append(contentsOf: repeatElement(false, count: Int(ot) + 1 - typeListed.count + 4096)) }
        if !typeListed[Int(ot)] { typeListed[Int(ot)] = true; b.originalTypeValues.insert(ot) }
        b.actor1.append(cached(0, f(sc, iActor1), &b.pool))
        b.actor2.append(cached(1, f(sc, iActor2), &b.pool))
        b.fatalities.append(fat)
        b.counts.append(EventStore.none)
        let notes = f(sc, iNotes)
        b.notes.append(ByteFields.isBlank(notes) ? EventStore.none : b.pool.store(bytes: notes))
        b.lines.append(line)
        if let claim, claim.modality != .asserted || claim.claimedBy != nil || claim.deniedBy != nil {
            if b.modality.count < b.ids.count - 1 {
                b.modality.append(contentsOf: repeatElement(EventStore.modalityCode(.asserted), count: b.ids.count - 1 - b.modality.count))
            }
            b.modality.append(EventStore.modalityCode(claim.modality))
            b.attributions.append((Int32(b.ids.count - 1), claim.claimedBy.map { b.pool.intern($0) } ?? EventStore.none,
                                   claim.deniedBy.map { b.pool.intern($0) } ?? EventStore.none))
        }
        // Sources: "A; B;C" -> [A, B, C].
        b.sourceStart.append(Int32(b.sourceList.count))
        let src = f(sc, iSource)
        if !ByteFields.isBlank(src), let p = src.baseAddress {
            var s = 0
            for i in 0...src.count where i == src.count || p[i] == 59 {
                let part = ByteFields.trimmed(UnsafeBufferPointer(start: p + s, count: i - s))
                if part.count > 0 { b.sourceList.append(cached(60, part, &b.pool)) }
                s = i + 1
            }
        }
        // Place: the file's location, admin1, country and coordinates (linked to the gazetteer later).
        var placeRow = EventStore.none
        let locF = f(sc, iLocation), admF = f(sc, iAdmin1)
        if !lat.isNaN || !ByteFields.isBlank(locF) {
            let name = cached(2, ByteFields.isBlank(locF) ? admF : locF, &b.pool)
            let key = PlaceKey(name: name, admin1: cached(3, admF, &b.pool), country: cached(4, f(sc, iCountry), &b.pool),
                               lat: lat.bitPattern, lon: lon.bitPattern)
            if let l = lastPlace, l.key == key { placeRow = l.row }
            else if let r = placeOf.find(key) { placeRow = r; lastPlace = (key, r) } else {
                placeRow = Int32(b.places.count)
                b.places.append(EventStore.PlaceRef(id: 0, name: key.name < 0 ? "" : b.pool[key.name],
                                                    admin1: key.admin1 < 0 ? nil : b.pool[key.admin1],
                                                    country: key.country < 0 ? nil : b.pool[key.country],
                                                    latitude: lat, longitude: lon, inGazetteer: false))
                placeOf.insert(key, placeRow)
                lastPlace = (key, placeRow)
            }
        }
        b.placeRow.append(placeRow)
        // Extra columns: ACLED's own classification first (filterable: `event_type = "Protests"`).
        if b.extraNames.isEmpty {
            b.extraNames = ["event_type", "sub_event_type"] + extraNames
        }
        b.extraFlat.append(et.count == 0 ? EventStore.none : etID)
        b.extraFlat.append(st.count == 0 ? EventStore.none : stID)
        for k in 0..<extraIndex.count {
            let v = sc.field(extraIndex[k])
            var id: Int32
            if extraIsInter[k], let n = ByteFields.int(v) {
                id = (1...8).contains(n) ? interID(n, &b.pool) : EventStore.none
            } else {
                id = cached(5 + k, v, &b.pool)
            }
            b.extraFlat.append(id)
        }
        if generatedID {
            return .importedWithWarning(reason: "missing event id", detail: "empty event_id_cnty: id \(b.pool[b.ids[b.ids.count - 1]]) generated from the row's text")
        }
        return .imported
    }

    /// ACLED inter codes (1-8) as the text newer files use, so both layouts compare equal.
    private mutating func interID(_ n: Int, _ pool: inout StringPool) -> Int32 {
        if interText.isEmpty { interText = ACLEDParser.interLabels.map { pool.intern($0) } }
        return interText[n]
    }
}

/// Per column, a direct-mapped cache of recent values (128 slots: a column of a few dozen values,
/// admin3 or ACLED's interaction codes, mostly hits): the value's id in the batch's pool,
/// its length and where the pool keeps its bytes, so a hit is one length test and one memcmp
/// (no hashing, no read of the pool's arrays). One per parsing thread; the pointers are good while
/// the batch's pool lives (its arenas are append-only).
final class RecentValues {
    static let ways = 128
    let ids: UnsafeMutablePointer<Int32>
    let lengths: UnsafeMutablePointer<Int>
    let bytes: UnsafeMutablePointer<UnsafePointer<UInt8>?>
    let slots: Int
    init(slots: Int) {
        self.slots = slots
        ids = .allocate(capacity: slots); ids.initialize(repeating: -1, count: slots)
        lengths = .allocate(capacity: slots); lengths.initialize(repeating: -1, count: slots)
        bytes = .allocate(capacity: slots); bytes.initialize(repeating: nil, count: slots)
    }
    deinit { ids.deallocate(); lengths.deallocate(); bytes.deallocate() }
}
