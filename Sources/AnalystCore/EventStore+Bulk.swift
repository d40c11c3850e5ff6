/// Bulk appends: importers build a `ColumnBatch` per thread (own string pool, own places, plain
/// arrays, no locks) and the store absorbs whole batches: the pool's bytes are adopted without
/// copying, and each column is appended in one pass with its ids remapped.
public struct ColumnBatch: Sendable {
    public var pool = StringPool()
    public var places: [EventStore.PlaceRef] = []
    public var ids: [Int32] = []
    public var types: [UInt8] = []
    public var dateMin: [Int32] = []
    public var dateMax: [Int32] = []
    public var dateBest: [Int32] = []
    public var timePrecision: [Int8] = []
    public var placeRow: [Int32] = []
    public var geoPrecision: [Int8] = []
    public var actor1: [Int32] = []
    public var actor2: [Int32] = []
    public var fatalities: [Int32] = []
    public var counts: [Int32] = []
    public var originalType: [Int32] = []
    public var notes: [Int32] = []
    public var sourceStart: [Int32] = []
    public var sourceList: [Int32] = []
    /// Line in the file where each row starts (relative to `lineOffset` when merged).
    public var lines: [Int32] = []
    /// Extra string columns, parallel to the rows (every one as long as `ids`).
    public var extraNames: [String] = []
    /// Their values row by row (row-major, `extraNames.count` per row): one append per value
    /// instead of a nested array access; split into columns when the batch is merged.
    public var extraFlat: [Int32] = []
    public func extraColumn(_ k: Int) -> [Int32] {
        let stride = extraNames.count
        guard stride > 0 else { return [] }
        return extraFlat.withUnsafeBufferPointer { f in
            Array(unsafeUninitializedCapacity: count) { buf, n in
                for r in 0..<count { buf[r] = f[r * stride + k] }
                n = count
            }
        }
    }
    /// Per-row corroboration when the format has one (GDELT NumArticles); empty: number of sources.
    public var corroboration: [Int32] = []
    /// Per-row modality when a row says it is not asserted (analyst's own ACLED export: tags);
    /// shorter than `count` means `asserted` for the rest, empty for all.
    public var modality: [UInt8] = []
    /// Who claims or denies a row (sparse; batch row, interned claimer, interned denier or none).
    public var attributions: [(row: Int32, claimedBy: Int32, deniedBy: Int32)] = []
    /// Distinct originalType ids in this batch (local ids).
    public var originalTypeValues: Set<Int32> = []

    public init() {}
    public var count: Int { ids.count }

    public mutating func reserveCapacity(_ n: Int) {
        ids.reserveCapacity(n); types.reserveCapacity(n); dateMin.reserveCapacity(n); dateMax.reserveCapacity(n)
        dateBest.reserveCapacity(n); timePrecision.reserveCapacity(n); placeRow.reserveCapacity(n)
        geoPrecision.reserveCapacity(n); actor1.reserveCapacity(n); actor2.reserveCapacity(n)
        fatalities.reserveCapacity(n); counts.reserveCapacity(n); originalType.reserveCapacity(n)
        notes.reserveCapacity(n); sourceStart.reserveCapacity(n); sourceList.reserveCapacity(n + n / 2)
        lines.reserveCapacity(n); pool.reserveCapacity(2 * n + 1024)
        extraFlat.reserveCapacity(n * 16)
    }
}

extension EventStore {
    /// Appends every row of a batch. Imported rows are `asserted`, confidence 1, corroboration =
    /// number of sources, origin `.imported(fileID, line + lineOffset)`. `placeMap` (optional)
    /// replaces each batch place (e.g. by its gazetteer match).
    public func append(batch b: ColumnBatch, fileID: Int32, lineOffset: Int32 = 0,
                       placeMap: [PlaceRef]? = nil) {
        let n = b.count
        guard n > 0 else { return }
        importedRanges.append(count..<(count + n))
        if count == 0 && strings.count == 0 && places.isEmpty && extraColumns.isEmpty && originalTypeValues.isEmpty {
            adoptFirst(batch: b, fileID: fileID, lineOffset: lineOffset, placeMap: placeMap)
            return
        }
        let first = count
        let smap = strings.absorb(b.pool)
        let pmap: [Int32] = (placeMap ?? b.places).map { internPlace($0) }
        reserveCapacity(first + n)
        smap.withUnsafeBufferPointer { sm in
            @inline(__always) func remap(_ v: Int32) -> Int32 { v < 0 ? v : sm[Int(v)] }
            func appendMapped(_ dst: inout [Int32], _ src: [Int32]) {
                dst.reserveCapacity(dst.count + src.count)
                src.withUnsafeBufferPointer { s in for v in s { dst.append(remap(v)) } }
            }
            appendMapped(&ids, b.ids)
            appendMapped(&actor1, b.actor1)
            appendMapped(&actor2, b.actor2)
            appendMapped(&originalType, b.originalType)
            appendMapped(&notes, b.notes)
            let srcBase = Int32(sourceList.count)
            sourceStart.append(contentsOf: b.sourceStart.lazy.map { $0 + srcBase })
            appendMapped(&sourceList, b.sourceList)
            for v in b.originalTypeValues { originalTypeValues.insert(remap(v)) }
            for a in b.attributions { attributions[Int32(first) + a.row] = (remap(a.claimedBy), remap(a.deniedBy)) }
            for (k, name) in b.extraNames.enumerated() {
                var col = extraColumns[name] ?? []
                extraColumns[name] = nil   // keep the array uniquely referenced while appending
                if col.count < first { col.append(contentsOf: repeatElement(EventStore.none, count: first - col.count)) }
                appendMapped(&col, b.extraColumn(k))
                extraColumns[name] = col
            }
        }
        pmap.withUnsafeBufferPointer { pm in
            placeRow.reserveCapacity(placeRow.count + n)
            b.placeRow.withUnsafeBufferPointer { s in for v in s { placeRow.append(v < 0 ? v : pm[Int(v)]) } }
        }
        types.append(contentsOf: b.types)
        dateMin.append(contentsOf: b.dateMin)
        dateMax.append(contentsOf: b.dateMax)
        dateBest.append(contentsOf: b.dateBest)
        timePrecision.append(contentsOf: b.timePrecision)
        geoPrecision.append(contentsOf: b.geoPrecision)
        fatalities.append(contentsOf: b.fatalities)
        counts.append(contentsOf: b.counts)
        modality.append(contentsOf: b.modality)
        modality.append(contentsOf: repeatElement(EventStore.modalityCode(.asserted), count: n - b.modality.count))
        confidence.append(contentsOf: repeatElement(1, count: n))
        conflict.append(contentsOf: repeatElement(false, count: n))
        language.append(contentsOf: repeatElement(EventStore.none, count: n))
        corroboration.reserveCapacity(corroboration.count + n)
        if b.corroboration.count == n {
            corroboration.append(contentsOf: b.corroboration)
        } else { for i in 0..<n {
            let end = i + 1 < n ? b.sourceStart[i + 1] : Int32(b.sourceList.count)
            corroboration.append(end - b.sourceStart[i])
        } }
        origins.reserveCapacity(origins.count + n)
        for l in b.lines { origins.append(.imported(fileID: fileID, line: l + lineOffset)) }
    }
}

extension EventStore {
    /// The first batch into an empty store: its string ids need no remapping, so its pool and
    /// columns are taken over as they are (no copy; their spare capacity takes the next batches).
    private func adoptFirst(batch b: ColumnBatch, fileID: Int32, lineOffset: Int32, placeMap: [PlaceRef]?) {
        let n = b.count
        strings = b.pool
        let pmap: [Int32] = (placeMap ?? b.places).map { internPlace($0) }
        if pmap.enumerated().allSatisfy({ $0.offset == Int($0.element) }) {
            placeRow = b.placeRow
        } else {
            placeRow = b.placeRow.map { $0 < 0 ? $0 : pmap[Int($0)] }
        }
        ids = b.ids; types = b.types; dateMin = b.dateMin; dateMax = b.dateMax; dateBest = b.dateBest
        timePrecision = b.timePrecision; geoPrecision = b.geoPrecision; actor1 = b.actor1; actor2 = b.actor2
        fatalities = b.fatalities; counts = b.counts; originalType = b.originalType; notes = b.notes
        sourceStart = b.sourceStart; sourceList = b.sourceList
        originalTypeValues = b.originalTypeValues
        for (k, name) in b.extraNames.enumerated() { extraColumns[name] = b.extraColumn(k) }
        let cap = b.ids.capacity
        modality = b.modality + Array(repeating: EventStore.modalityCode(.asserted), count: n - b.modality.count)
        modality.reserveCapacity(cap)
        for a in b.attributions { attributions[a.row] = (a.claimedBy, a.deniedBy) }
        confidence = Array(repeating: 1, count: n); confidence.reserveCapacity(cap)
        conflict = Array(repeating: false, count: n); conflict.reserveCapacity(cap)
        language = Array(repeating: EventStore.none, count: n); language.reserveCapacity(cap)
        if b.corroboration.count == n {
            corroboration = b.corroboration
        } else {
            corroboration = []
            corroboration.reserveCapacity(cap)
            for i in 0..<n {
                let end = i + 1 < n ? b.sourceStart[i + 1] : Int32(b.sourceList.count)
                corroboration.append(end - b.sourceStart[i])
            }
        }
        origins = []
        origins.reserveCapacity(cap)
        for l in b.lines { origins.append(.imported(fileID: fileID, line: l + lineOffset)) }
    }
}

/// Open-addressing index from event id to row, keyed by the id's bytes; the last row wins.
struct RowIDIndex {
    private var table: [Int32] = []   // row + 1, 0 = empty
    private var hashes: [UInt32] = []
    private var used = 0
    private(set) var indexed = 0

    mutating func extend(_ store: EventStore) {
        let n = store.count
        guard indexed < n else { return }
        if (used + n - indexed) * 4 > table.count * 3 {
            var size = max(1024, table.count)
            while (used + n - indexed) * 4 > size * 3 { size *= 2 }
            rehash(size, store)
        }
        for r in indexed..<n { insert(row: r, store) }
        indexed = n
    }

    func find(_ id: String, in store: EventStore) -> Int32? {
        guard !table.isEmpty else { return nil }
        var id = id
        return id.withUTF8 { key in
            let h = StringPool.hash(key)
            let mask = table.count - 1
            var i = Int(h) & mask
            while table[i] != 0 {
                if hashes[i] == h {
                    let r = Int(table[i] - 1)
                    if store.strings.withUTF8(store.ids[r], { $0.count == key.count && memcmpEq($0.baseAddress, key.baseAddress, key.count) }) {
                        return Int32(r)
                    }
                }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    private mutating func insert(row r: Int, _ store: EventStore) {
        store.strings.withUTF8(store.ids[r]) { key in
            let h = StringPool.hash(key)
            let mask = table.count - 1
            var i = Int(h) & mask
            while table[i] != 0 {
                if hashes[i] == h {
                    let old = Int(table[i] - 1)
                    if store.strings.withUTF8(store.ids[old], { $0.count == key.count && memcmpEq($0.baseAddress, key.baseAddress, key.count) }) {
                        table[i] = Int32(r + 1)   // a later row with the same id replaces it
                        return
                    }
                }
                i = (i + 1) & mask
            }
            table[i] = Int32(r + 1)
            hashes[i] = h
            used += 1
        }
    }

    private mutating func rehash(_ size: Int, _ store: EventStore) {
        let old = table, oldH = hashes
        table = [Int32](repeating: 0, count: size)
        hashes = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        for k in 0..<old.count where old[k] != 0 {
            var i = Int(oldH[k]) & mask
            while table[i] != 0 { i = (i + 1) & mask }
            table[i] = old[k]
            hashes[i] = oldH[k]
        }
    }
}
