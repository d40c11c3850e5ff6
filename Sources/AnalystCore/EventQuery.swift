import Foundation
/// A filter over an EventStore, evaluated in Swift over the columns (no object per event).
/// Every condition that is set must hold.
public struct EventQuery: Sendable {
    public var types: Set<EventType>?
    /// Keeps events whose date interval overlaps [from, to] (either end may be open).
    public var from: Day?
    public var to: Day?
    /// Events at one of these places (gazetteer ids)...
    public var placeIDs: Set<Int>?
    /// ...or within `radiusKm` of this point.
    public var near: (latitude: Double, longitude: Double, radiusKm: Double)?
    /// Folded admin1 / country names.
    public var admin1: String?
    public var country: String?
    /// Interned names any of which actor or actor2 must be.
    public var actors: Set<String>?
    public var article: String?
    public var language: String?
    public var modalities: Set<Modality>?
    public var minConfidence: Double?
    /// Original (imported) classifications: `Battles` matches every `Battles / ...` row, and
    /// `Battles / Armed clash` exactly that one.
    public var originalTypes: Set<String>?
    /// Imported columns (`event_type`, `sub_event_type`, `disorder_type`, `inter1`, `event_code`,
    /// ...): the row's value must be one of these, compared case-insensitively. Rows without the
    /// column (text events) do not match.
    public var extraValues: [String: Set<String>] = [:]

    public init() {}

    /// Per extra-column condition: the column and a bitset over string ids of the accepted values.
    private func extraBits(_ store: EventStore) -> [(column: [Int32], bits: [UInt64])] {
        extraValues.sorted { $0.key < $1.key }.map { name, wanted in
            let column = store.extraColumns[name] ?? []
            let folded = Set(wanted.map { $0.lowercased() })
            var bits = [UInt64](repeating: 0, count: store.strings.count / 64 + 1)
            var seen = [UInt64](repeating: 0, count: store.strings.count / 64 + 1)
            for v in column where v >= 0 && seen[Int(v) >> 6] & (1 << (UInt64(v) & 63)) == 0 {
                seen[Int(v) >> 6] |= 1 << (UInt64(v) & 63)
                if folded.contains(store.strings[v].lowercased()) { bits[Int(v) >> 6] |= 1 << (UInt64(v) & 63) }
            }
            return (column, bits)
        }
    }

    /// The rows that match, in store order.
    public func select(from store: EventStore, rows: [Int32]? = nil) -> [Int32] {
        let typeMask: UInt16? = types.map { $0.reduce(UInt16(0)) { $0 | (1 << EventStore.typeCode($1)) } }
        let modalityMask: UInt8? = modalities.map { $0.reduce(UInt8(0)) { $0 | (1 << EventStore.modalityCode($1)) } }
        let fromN = from?.number, toN = to?.number
        // Resolve names to interned ids once; a name never interned matches nothing.
        let actorIDs: Set<Int32>? = actors.map { Set($0.compactMap { store.strings.lookup($0) }) }
        let articleID: Int32?? = article.map { store.strings.lookup($0) }
        let languageID: Int32?? = language.map { store.strings.lookup($0) }
        let placeRows: [Bool]? = placeFilter(store)
        let minConf = minConfidence.map(Float.init)

        // originalType: resolve to the few matching interned ids, then a bitset over string ids
        // (one load and a bit test per row).
        let originalBits: [UInt64]? = originalTypes.map { wanted in
            var bits = [UInt64](repeating: 0, count: store.strings.count / 64 + 1)
            for id in store.originalTypeValues {
                let s = store.strings[id]
                if wanted.contains(where: { s == $0 || s.hasPrefix($0 + " / ") }) { bits[Int(id) >> 6] |= 1 << (UInt64(id) & 63) }
            }
            return bits
        }
        let extras = extraBits(store)
        let hasDates = fromN != nil || toN != nil
        let lowest = fromN ?? Int32.min, highest = toN ?? Int32.max

        var out: [Int32] = []
        let none = EventStore.none
        // Plain buffer reads in the loop: no class property access, no retain per row. The date
        // window goes first: it is the cheapest test and usually the most selective.
        store.types.withUnsafeBufferPointer { types in
        store.modality.withUnsafeBufferPointer { modality in
        store.dateMin.withUnsafeBufferPointer { dateMin in
        store.dateMax.withUnsafeBufferPointer { dateMax in
        store.placeRow.withUnsafeBufferPointer { placeRow in
        store.originalType.withUnsafeBufferPointer { originalType in
        (originalBits ?? []).withUnsafeBufferPointer { obits in
            @inline(__always) func test(_ r: Int) -> Bool {
                if hasDates {
                    let lo = dateMin[r]
                    if lo == none || dateMax[r] < lowest || lo > highest { return false }
                }
                if let m = typeMask, m & (1 << types[r]) == 0 { return false }
                if let m = modalityMask, m & (1 << modality[r]) == 0 { return false }
                if originalBits != nil {
                    let v = originalType[r]
                    if v == none || obits[Int(v) >> 6] & (1 << (UInt64(v) & 63)) == 0 { return false }
                }
                if let p = placeRows {
                    let pr = placeRow[r]
                    if pr == none || !p[Int(pr)] { return false }
                }
                if let ids = actorIDs, !ids.contains(store.actor1[r]) && !ids.contains(store.actor2[r]) { return false }
                if let a = articleID {
                    guard let a, store.sourceIDs(r).contains(a) else { return false }
                }
                if let l = languageID {
                    guard let l, store.language[r] == l else { return false }
                }
                if let c = minConf, store.confidence[r] < c { return false }
                for (column, bits) in extras {
                    guard r < column.count else { return false }
                    let v = column[r]
                    if v < 0 || bits[Int(v) >> 6] & (1 << (UInt64(v) & 63)) == 0 { return false }
                }
                return true
            }
            if let rows {
                for r in rows where test(Int(r)) { out.append(r) }
            } else {
                for r in 0..<types.count where test(r) { out.append(Int32(r)) }
            }
        }}}}}}}
        return out
    }

    /// Which place rows pass the place, distance, admin1 and country conditions (nil: no such condition).
    private func placeFilter(_ store: EventStore) -> [Bool]? {
        guard placeIDs != nil || near != nil || admin1 != nil || country != nil else { return nil }
        let admin = admin1.map { NameFolding.fold($0) }, ctry = country.map { NameFolding.fold($0) }
        return store.places.map { p in
            if let ids = placeIDs, let n = near {
                if !ids.contains(p.id) && Geo.distanceKm(lat1: n.latitude, lon1: n.longitude, lat2: p.latitude, lon2: p.longitude) > n.radiusKm { return false }
            } else if let ids = placeIDs, !ids.contains(p.id) {
                return false
            } else if let n = near,
                      Geo.distanceKm(lat1: n.latitude, lon1: n.longitude, lat2: p.latitude, lon2: p.longitude) > n.radiusKm {
                return false
            }
            if let a = admin, NameFolding.fold(p.admin1 ?? "") != a { return false }
            if let c = ctry, NameFolding.fold(p.country ?? "") != c { return false }
            return true
        }
    }
}
