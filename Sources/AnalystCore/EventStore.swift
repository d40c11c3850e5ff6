import Foundation

/// Events held column by column (struct of arrays): a million events cost a few dozen bytes each,
/// and queries scan plain arrays of integers. Rows come from the extractor (consolidated events or
/// single mentions) and from importers (ACLED, GDELT). Lua objects are made from rows only when a
/// script asks for one.
public final class EventStore: @unchecked Sendable {
    public static let none: Int32 = -1

    /// Where a row came from, for its evidence: the extractor's events or mentions, or an imported file.
    public enum Origin: Sendable {
        case extracted(eventIndex: Int)
        case mention(mentionIndex: Int)
        case imported(fileID: Int32, line: Int32)
    }

    /// One row, as appended. Strings are interned on the way in.
    public struct Row: Sendable {
        public var id: String
        public var type: EventType
        public var dates: DayRange?
        public var date: Day?
        public var timePrecision: Int?
        public var place: PlaceRef?
        public var geoPrecision: Int
        public var actor: String?
        public var actor2: String?
        public var fatalities: Int?
        public var count: Int?
        public var modality: Modality
        public var confidence: Double
        public var corroboration: Int
        public var conflict: Bool
        /// Article ids (text events) or the file's source names (imports).
        public var sources: [String]
        public var language: String?
        public var origin: Origin
        /// Original classification for imported rows (`Battles / Armed clash`), nil for text events.
        public var originalType: String?
        public var notes: String?

        public init(id: String, type: EventType, dates: DayRange?, date: Day?, timePrecision: Int?,
                    place: PlaceRef?, geoPrecision: Int, actor: String?, actor2: String?, fatalities: Int?,
                    count: Int?, modality: Modality, confidence: Double, corroboration: Int, conflict: Bool,
                    sources: [String], language: String?, origin: Origin, originalType: String? = nil,
                    notes: String? = nil) {
            self.id = id; self.type = type; self.dates = dates; self.date = date; self.timePrecision = timePrecision
            self.place = place; self.geoPrecision = geoPrecision; self.actor = actor; self.actor2 = actor2
            self.fatalities = fatalities; self.count = count; self.modality = modality; self.confidence = confidence
            self.corroboration = corroboration; self.conflict = conflict; self.sources = sources
            self.language = language; self.origin = origin; self.originalType = originalType; self.notes = notes
        }
    }

    /// The row of an event or a mention: the shared fields (`EventFields`) plus what differs,
    /// given once here: how many sources corroborate it, whether their dates conflict, the sources
    /// themselves, the language and where the row came from.
    public static func row(_ e: some EventFields, place: PlaceRef?, corroboration: Int, conflict: Bool,
                           sources: [String], language: String?, origin: Origin) -> Row {
        Row(id: e.id, type: e.type, dates: e.dates, date: e.date, timePrecision: e.timePrecision, place: place,
            geoPrecision: e.geoPrecision, actor: e.actorID, actor2: e.actor2ID, fatalities: e.fatalities, count: e.count,
            modality: e.modality, confidence: e.confidence, corroboration: corroboration, conflict: conflict,
            sources: sources, language: language, origin: origin)
    }

    /// A place as events refer to it: a gazetteer place (its GeoNames id) or an ad-hoc one from a file.
    public struct PlaceRef: Sendable, Hashable {
        public var id: Int
        public var name: String
        public var admin1: String?
        public var country: String?
        public var latitude: Double
        public var longitude: Double
        public var inGazetteer: Bool
        public init(id: Int, name: String, admin1: String?, country: String?, latitude: Double, longitude: Double,
                    inGazetteer: Bool) {
            self.id = id; self.name = name; self.admin1 = admin1; self.country = country
            self.latitude = latitude; self.longitude = longitude; self.inGazetteer = inGazetteer
        }
        public init(_ p: Place, countryName: String?) {
            self.init(id: p.id, name: p.name, admin1: p.admin1, country: countryName ?? p.countryCode,
                      latitude: p.latitude, longitude: p.longitude, inGazetteer: true)
        }
    }

    public internal(set) var strings = StringPool()
    public internal(set) var places: [PlaceRef] = []
    var placeIndex: [PlaceRef: Int32] = [:]
    /// Ids of ad-hoc places by their fields (id 0 in the key); see `adHocPlace`.
    var adHocIDs: [PlaceRef: Int] = [:]
    /// Interned admin1 / country / name of each place (`none` when absent), for grouping by place
    /// fields with integer keys.
    public internal(set) var placeAdmin1ID: [Int32] = []
    public internal(set) var placeCountryID: [Int32] = []
    public internal(set) var placeNameID: [Int32] = []
    /// Files imported into the store; `Origin.imported(fileID:)` indexes this.
    public internal(set) var importedFiles: [String] = []
    /// The rows that came from imported files, as ranges in store order. An imported row is both
    /// an event and its own single mention: the mentions view (`events{consolidated = false}`)
    /// shows these rows next to the text's mentions.
    public internal(set) var importedRanges: [Range<Int>] = []
    public var importedRows: [Int32] { importedRanges.flatMap { $0.map { Int32($0) } } }
    /// The names imported files gave to places linked to the gazetteer (folded name -> place ids):
    /// `events{place = "Saraqab"}` finds the rows linked to Saraqib.
    public internal(set) var importedPlaceNames: [String: Set<Int>] = [:]
    public func addImportedPlaceName(_ name: String, placeID: Int) {
        let f = NameFolding.fold(name)
        if !f.isEmpty { importedPlaceNames[f, default: []].insert(placeID) }
    }

    /// Who claims or denies an imported row, when its file says (analyst's ACLED export, `tags`).
    public internal(set) var attributions: [Int32: (claimedBy: Int32, deniedBy: Int32)] = [:]
    public func claimedBy(_ row: Int) -> String? { attributions[Int32(row)].flatMap { string($0.claimedBy) } }
    public func deniedBy(_ row: Int) -> String? { attributions[Int32(row)].flatMap { string($0.deniedBy) } }

    /// Imported actor names linked to the actor dictionary: interned name -> actor id
    /// (`Hayat Tahrir al-Sham` -> `hts`). The rows keep the name as the file has it.
    public internal(set) var actorLinks: [Int32: String] = [:]
    /// Interned names already tried and not linked.
    var actorsTried: Set<Int32> = []

    /// Links the actor names of `rows` not seen before with `link` (name -> actor id or nil);
    /// returns how many distinct new names were linked and how many were not.
    @discardableResult
    public func linkActors(rows: Range<Int>, _ link: (String) -> String?) -> (linked: Int, unlinked: Int) {
        var linked = 0, unlinked = 0
        // Each distinct value once: a bitmap over string ids before the dictionaries (a million rows
        // name a few dozen actors).
        var seen = [Bool](repeating: false, count: strings.count)
        for column in [actor1, actor2] {
            var values: [Int32] = []
            column.withUnsafeBufferPointer { c in
                seen.withUnsafeMutableBufferPointer { seen in
                    for r in rows {
                        let v = c[r]
                        guard v >= 0, Int(v) < seen.count, !seen[Int(v)] else { continue }
                        seen[Int(v)] = true
                        values.append(v)
                    }
                }
            }
            for v in values {
                guard actorLinks[v] == nil, !actorsTried.contains(v) else { continue }
                actorsTried.insert(v)
                if let id = link(strings[v]) { actorLinks[v] = id; linked += 1 } else { unlinked += 1 }
            }
        }
        return (linked, unlinked)
    }
    /// The dictionary actor id of the actor in column value `v` (a text event's id, or a linked name).
    public func actorID(_ v: Int32, isDictionaryID: (String) -> Bool) -> String? {
        guard v >= 0 else { return nil }
        if let id = actorLinks[v] { return id }
        let s = strings[v]
        return isDictionaryID(s) ? s : nil
    }
    /// The distinct values of `originalType` (interned ids), so a filter on ACLED's event_type
    /// resolves to a handful of integers before it scans the rows.
    public internal(set) var originalTypeValues: Set<Int32> = []
    /// Extra per-row string columns from imports (ACLED admin2, assoc_actor_1, inter1, ...), by name.
    /// A column shorter than `count` has no value for the rows past its end.
    public internal(set) var extraColumns: [String: [Int32]] = [:]

    // The columns. `none` (-1) marks a missing value in integer columns.
    public internal(set) var ids: [Int32] = []
    public internal(set) var types: Column<UInt8> = []
    public internal(set) var dateMin: Column<Int32> = []
    public internal(set) var dateMax: Column<Int32> = []
    public internal(set) var dateBest: Column<Int32> = []
    public internal(set) var timePrecision: Column<Int8> = []
    public internal(set) var placeRow: [Int32] = []
    public internal(set) var geoPrecision: Column<Int8> = []
    public internal(set) var actor1: [Int32] = []
    public internal(set) var actor2: [Int32] = []
    public internal(set) var fatalities: Column<Int32> = []
    public internal(set) var counts: Column<Int32> = []
    public internal(set) var modality: Column<UInt8> = []
    public internal(set) var confidence: Column<Float> = []
    public internal(set) var corroboration: Column<Int32> = []
    public internal(set) var conflict: [Bool] = []
    public internal(set) var language: [Int32] = []
    public internal(set) var originalType: [Int32] = []
    public internal(set) var notes: [Int32] = []
    /// Sources per row: a range into `sourceList` (interned strings).
    public internal(set) var sourceStart: [Int32] = []
    public internal(set) var sourceList: [Int32] = []
    public internal(set) var origins: [Origin] = []
    /// Row of each id, for lookups by id: built lazily on the first lookup (a bulk import of a
    /// million rows does not pay for it), extended as rows are added.
    var idIndex = RowIDIndex()
    private let idIndexLock = NSLock()

    public init() {}

    public var count: Int { types.count }

    public func reserveCapacity(_ n: Int) {
        for_each_column_reserve(n)
    }

    private func for_each_column_reserve(_ n: Int) {
        ids.reserveCapacity(n); types.reserveCapacity(n); dateMin.reserveCapacity(n); dateMax.reserveCapacity(n)
        dateBest.reserveCapacity(n); timePrecision.reserveCapacity(n); placeRow.reserveCapacity(n)
        geoPrecision.reserveCapacity(n); actor1.reserveCapacity(n); actor2.reserveCapacity(n)
        fatalities.reserveCapacity(n); counts.reserveCapacity(n); modality.reserveCapacity(n)
        confidence.reserveCapacity(n); corroboration.reserveCapacity(n); conflict.reserveCapacity(n)
        language.reserveCapacity(n); originalType.reserveCapacity(n); notes.reserveCapacity(n)
        sourceStart.reserveCapacity(n); origins.reserveCapacity(n)
    }

    public func intern(_ s: String?) -> Int32 { s.map { strings.intern($0) } ?? EventStore.none }

    public func internPlace(_ p: PlaceRef) -> Int32 {
        if let i = placeIndex[p] { return i }
        let i = Int32(places.count)
        places.append(p)
        placeIndex[p] = i
        placeAdmin1ID.append(intern(p.admin1))
        placeCountryID.append(intern(p.country))
        placeNameID.append(strings.intern(p.name))
        return i
    }

    /// Registers an imported file and returns its id for `Origin.imported`.
    public func registerFile(_ path: String) -> Int32 {
        importedFiles.append(path)
        return Int32(importedFiles.count - 1)
    }

    @discardableResult
    public func append(_ r: Row) -> Int {
        let row = count
        let id = strings.intern(r.id)
        ids.append(id)
        types.append(EventStore.typeCode(r.type))
        dateMin.append(r.dates.map { $0.first.number } ?? EventStore.none)
        dateMax.append(r.dates.map { $0.last.number } ?? EventStore.none)
        dateBest.append(r.date.map { $0.number } ?? EventStore.none)
        timePrecision.append(Int8(r.timePrecision ?? 0))
        placeRow.append(r.place.map { internPlace($0) } ?? EventStore.none)
        geoPrecision.append(Int8(r.geoPrecision))
        actor1.append(intern(r.actor))
        actor2.append(intern(r.actor2))
        fatalities.append(r.fatalities.map { Int32(clamping: $0) } ?? EventStore.none)
        counts.append(r.count.map { Int32(clamping: $0) } ?? EventStore.none)
        modality.append(EventStore.modalityCode(r.modality))
        confidence.append(Float(r.confidence))
        corroboration.append(Int32(r.corroboration))
        conflict.append(r.conflict)
        language.append(intern(r.language))
        let ot = intern(r.originalType)
        originalType.append(ot)
        if ot != EventStore.none { originalTypeValues.insert(ot) }
        notes.append(intern(r.notes))
        sourceStart.append(Int32(sourceList.count))
        for s in r.sources { sourceList.append(strings.intern(s)) }
        origins.append(r.origin)
        return row
    }

    // MARK: reading one row

    public func id(_ row: Int) -> String { strings[ids[row]] }
    /// The last row with this id.
    public func row(withID id: String) -> Int? {
        idIndexLock.lock(); defer { idIndexLock.unlock() }
        idIndex.extend(self)
        return idIndex.find(id, in: self).map(Int.init)
    }
    public func type(_ row: Int) -> EventType { EventType.allCases[Int(types[row])] }
    public func dates(_ row: Int) -> DayRange? {
        dateMin[row] == EventStore.none ? nil : DayRange(Day(number: dateMin[row]), Day(number: dateMax[row]))
    }
    public func date(_ row: Int) -> Day? { dateBest[row] == EventStore.none ? nil : Day(number: dateBest[row]) }
    public func timePrecisionOf(_ row: Int) -> Int? { timePrecision[row] == 0 ? nil : Int(timePrecision[row]) }
    public func place(_ row: Int) -> PlaceRef? { placeRow[row] == EventStore.none ? nil : places[Int(placeRow[row])] }
    public func string(_ id: Int32) -> String? { id == EventStore.none ? nil : strings[id] }
    public func int(_ v: Int32) -> Int? { v == EventStore.none ? nil : Int(v) }
    public func modalityOf(_ row: Int) -> Modality { Modality.allCases[Int(modality[row])] }
    /// Notes of a row (ACLED's notes for imports).
    public func notesOf(_ row: Int) -> String? { string(notes[row]) }
    public func originalTypeOf(_ row: Int) -> String? { string(originalType[row]) }
    /// An extra imported column's value (`admin2`, `assoc_actor_1`, ...), nil when absent.
    public func extra(_ name: String, _ row: Int) -> String? {
        guard let col = extraColumns[name], row < col.count else { return nil }
        return string(col[row])
    }
    public func origin(_ row: Int) -> Origin { origins[row] }

    public func sources(_ row: Int) -> [String] {
        let start = Int(sourceStart[row])
        let end = row + 1 < count ? Int(sourceStart[row + 1]) : sourceList.count
        return sourceList[start..<end].map { strings[$0] }
    }
    public func sourceIDs(_ row: Int) -> ArraySlice<Int32> {
        let start = Int(sourceStart[row])
        let end = row + 1 < count ? Int(sourceStart[row + 1]) : sourceList.count
        return sourceList[start..<end]
    }

    public static func typeCode(_ t: EventType) -> UInt8 { UInt8(EventType.allCases.firstIndex(of: t)!) }
    public static func modalityCode(_ m: Modality) -> UInt8 { UInt8(Modality.allCases.firstIndex(of: m)!) }
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
