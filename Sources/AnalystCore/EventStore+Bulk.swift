import Foundation

/// Bulk appends: importers build a `ColumnBatch` per thread (own string pool, own places, plain
/// arrays, no locks) and the store absorbs whole batches: the pool's bytes are adopted without
/// copying, and each column is appended in one pass with its ids remapped.
public struct ColumnBatch: Sendable {
    public var pool = StringPool()
    public var places: [EventStore.PlaceRef] = []
    public var ids: [Int32] = []
    public var types: Column<UInt8> = []
    public var dateMin: Column<Int32> = []
    public var dateMax: Column<Int32> = []
    public var dateBest: Column<Int32> = []
    public var timePrecision: Column<Int8> = []
    public var placeRow: [Int32] = []
    public var geoPrecision: Column<Int8> = []
    public var actor1: [Int32] = []
    public var actor2: [Int32] = []
    public var fatalities: Column<Int32> = []
    public var counts: Column<Int32> = []
    public var originalType: [Int32] = []
    public var notes: [Int32] = []
    public var sourceStart: [Int32] = []
    public var sourceList: [Int32] = []
    /// Line in the file where each row starts (relative to `lineOffset` when merged).
    public var lines: [Int32] = []
    /// Extra string columns, parallel to the rows (every one as long as `ids`).
    public var extraNames: [String] = []
    /// Their latest values row by row (row-major, `extraNames.count` per row): one append per value
    /// instead of a nested array access; moved to `extraColumns` a block at a time.
    public var extraFlat: [Int32] = []
    /// The extra columns: `extraFlat`'s values moved there by blocks (`flushExtras`, on the
    /// parsing thread), parallel to `extraNames`.
    public var extraColumns: [[Int32]] = []
    /// `origins` made ahead by `finish` when the file id and line offset were known then.
    public var origins: [EventStore.Origin] = []
    /// Per-row corroboration when the format has one (GDELT NumArticles); empty: number of sources
    /// (filled in by `finish`).
    public var corroboration: Column<Int32> = []
    /// Per-row modality when a row says it is not asserted (analyst's own ACLED export: tags);
    /// shorter than `count` means `asserted` for the rest, empty for all.
    public var modality: Column<UInt8> = []
    /// Who claims or denies a row (sparse; batch row, interned claimer, interned denier or none).
    public var attributions: [(row: Int32, claimedBy: Int32, deniedBy: Int32)] = []
    /// Distinct originalType ids in this batch (local ids).
    public var originalTypeValues: Set<Int32> = []

    public init() {}
    public var count: Int { ids.count }

    /// Values in `extraFlat` before they are moved to `extraColumns` (1 MiB): the row-major block
    /// stays in cache and its memory is reused, instead of a flat array of every row's values.
    public static let extraBlock = 1 << 18

    /// Moves the values in `extraFlat` to the ends of `extraColumns` (made with room for
    /// `capacity` rows on the first call) and empties it, keeping its memory. Importers call it
    /// whenever `extraFlat` holds `extraBlock` values, and `finish` for the rest.
    public mutating func flushExtras(capacity: Int) {
        let stride = extraNames.count
        guard stride > 0 else { return }
        if extraColumns.isEmpty {
            let cap = Swift.max(capacity, count)
            extraColumns = (0..<stride).map { _ in var a = [Int32](); a.reserveCapacity(cap); return a }
        }
        let rows = extraFlat.count / stride
        guard rows > 0 else { return }
        extraFlat.withUnsafeBufferPointer { f in
            for k in 0..<stride {
                let start = extraColumns[k].count
                extraColumns[k].append(contentsOf: repeatElement(EventStore.none, count: rows))
                extraColumns[k].withUnsafeMutableBufferPointer { col in
                    var i = k
                    for r in start..<(start + rows) { col[r] = f[i]; i += stride }
                }
            }
        }
        extraFlat.removeAll(keepingCapacity: true)
    }

    /// What can be done with a batch before it is merged, on the thread that parsed it, so the
    /// merge (one thread) has less to do: the extra values split into columns, corroboration from
    /// the sources, and (when `origin` is given: the batch's file id and line offset) the origins.
    /// `capacity`: room to leave in the new columns (the first batch becomes the store's columns
    /// and takes the next batches without moving).
    public mutating func finish(capacity: Int, origin: (fileID: Int32, lineOffset: Int32)? = nil) {
        let n = count
        let cap = Swift.max(n, capacity)
        flushExtras(capacity: cap)
        if corroboration.count != n {
            let total = Int32(sourceList.count)
            corroboration = sourceStart.withUnsafeBufferPointer { st in
                Column(unsafeUninitializedCapacity: cap) { buf, c in
                    for i in 0..<n { buf[i] = (i + 1 < n ? st[i + 1] : total) - st[i] }
                    c = n
                }
            }
        }
        if let origin, origins.isEmpty {
            origins = lines.withUnsafeBufferPointer { ls in
                Array(unsafeUninitializedCapacity: cap) { buf, c in
                    for i in 0..<n { (buf.baseAddress! + i).initialize(to: .imported(fileID: origin.fileID, line: ls[i] + origin.lineOffset)) }
                    c = n
                }
            }
        }
    }

    public mutating func reserveCapacity(_ n: Int) {
        ids.reserveCapacity(n); types.reserveCapacity(n); dateMin.reserveCapacity(n); dateMax.reserveCapacity(n)
        dateBest.reserveCapacity(n); timePrecision.reserveCapacity(n); placeRow.reserveCapacity(n)
        geoPrecision.reserveCapacity(n); actor1.reserveCapacity(n); actor2.reserveCapacity(n)
        fatalities.reserveCapacity(n); counts.reserveCapacity(n); originalType.reserveCapacity(n)
        notes.reserveCapacity(n); sourceStart.reserveCapacity(n); sourceList.reserveCapacity(n + n / 2)
        lines.reserveCapacity(n); pool.reserveCapacity(2 * n + 1024)
        extraFlat.reserveCapacity(ColumnBatch.extraBlock + 64)
    }
}

extension EventStore {
    /// Appends every row of a batch, taking its arrays (the batch is left empty). Imported rows are
    /// `asserted`, confidence 1, corroboration = number of sources, origin `.imported(fileID,
    /// line + lineOffset)`. `placeMap` (optional) replaces each batch place (e.g. by its gazetteer match).
    public func append(batch: inout ColumnBatch, fileID: Int32, lineOffset: Int32 = 0,
                       placeMap: [PlaceRef]? = nil) {
        var b = ColumnBatch()
        swap(&b, &batch)   // sole owner of the batch's arrays: adopting them copies nothing
        let n = b.count
        guard n > 0 else { return }
        importedRanges.append(count..<(count + n))
        if count == 0 && strings.count == 0 && places.isEmpty && extraColumns.isEmpty && originalTypeValues.isEmpty {
            adoptFirst(batch: &b, fileID: fileID, lineOffset: lineOffset, placeMap: placeMap)
            return
        }
        b.finish(capacity: 0)
        let first = count
        reserveCapacity(first + n)
        let srcBase = Int32(sourceList.count)
        // The string pool is absorbed on one thread while the columns that need no remapping are
        // appended on another (they touch different properties of the store).
        let pool = b.pool
        b.pool = StringPool()
        let absorbed = SharedWithWorkers(MapBox())
        let batch = b
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                absorbed.value.map = self.strings.absorb(pool)
            } else {
                self.appendPlainColumns(batch, fileID: fileID, lineOffset: lineOffset)
            }
        }
        let smap = absorbed.value.map
        let pmap: [Int32] = (placeMap ?? b.places).map { internPlace($0) }
        // The remapped columns are independent: two threads share them.
        var jobs: [Int32Column] = [Int32Column(&ids, b.ids), Int32Column(&actor1, b.actor1), Int32Column(&actor2, b.actor2),
                                   Int32Column(&originalType, b.originalType), Int32Column(&notes, b.notes),
                                   Int32Column(&sourceList, b.sourceList)]
        for (k, name) in b.extraNames.enumerated() {
            var col = extraColumns.removeValue(forKey: name) ?? []
            if col.count < first { col.append(contentsOf: repeatElement(EventStore.none, count: first - col.count)) }
            jobs.append(Int32Column(&col, b.extraColumns[k]))   // `finish` moved every value there
        }
        b.extraColumns = []
        let placeJob = Int32Column(&placeRow, b.placeRow)
        smap.withUnsafeBufferPointer { sm in
            pmap.withUnsafeBufferPointer { pm in
                let all = jobs + [placeJob]
                let shared = SharedWithWorkers((all: all, strings: sm, places: pm))
                DispatchQueue.concurrentPerform(iterations: all.count) { i in
                    let w = shared.value
                    w.all[i].appendMapped(i == w.all.count - 1 ? w.places : w.strings)
                }
            }
        }
        ids = jobs[0].dst; actor1 = jobs[1].dst; actor2 = jobs[2].dst; originalType = jobs[3].dst; notes = jobs[4].dst
        sourceList = jobs[5].dst
        for (k, name) in b.extraNames.enumerated() { extraColumns[name] = jobs[6 + k].dst }
        placeRow = placeJob.dst
        jobs = []
        sourceStart.append(contentsOf: b.sourceStart.lazy.map { $0 + srcBase })
        smap.withUnsafeBufferPointer { sm in
            @inline(__always) func remap(_ v: Int32) -> Int32 { v < 0 ? v : sm[Int(v)] }
            for v in b.originalTypeValues { originalTypeValues.insert(remap(v)) }
            for a in b.attributions { attributions[Int32(first) + a.row] = (remap(a.claimedBy), remap(a.deniedBy)) }
        }
    }

    /// The columns of a batch that need no string or place remapping.
    private func appendPlainColumns(_ b: ColumnBatch, fileID: Int32, lineOffset: Int32) {
        let n = b.count
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
        corroboration.append(contentsOf: b.corroboration)
        origins.reserveCapacity(origins.count + n)
        for l in b.lines { origins.append(.imported(fileID: fileID, line: l + lineOffset)) }
    }
}

/// Values handed to `DispatchQueue.concurrentPerform`'s workers when each worker touches only its
/// own part of them (the merge's jobs: distinct columns; the export's halves: distinct buffers).
public struct SharedWithWorkers<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// The string map the pool's absorb returns, filled by the worker that absorbs.
private final class MapBox { var map: [Int32] = [] }

/// One column's append for the merge: the store's array (taken out of the store) and the batch's
/// values, remapped through a table (string ids, place rows) on whichever thread runs it.
private final class Int32Column {
    var dst: [Int32]
    let src: [Int32]
    init(_ dst: inout [Int32], _ src: [Int32]) {
        self.dst = []
        swap(&self.dst, &dst)
        self.src = src
    }
    func appendMapped(_ map: UnsafeBufferPointer<Int32>) {
        let start = dst.count, n = src.count
        dst.append(contentsOf: src)
        dst.withUnsafeMutableBufferPointer { d in
            for i in start..<(start + n) where d[i] >= 0 { d[i] = map[Int(d[i])] }
        }
    }
}

extension EventStore {
    /// The first batch into an empty store: its string ids need no remapping, so its pool and
    /// columns are taken over as they are (no copy; their spare capacity takes the next batches).
    private func adoptFirst(batch b: inout ColumnBatch, fileID: Int32, lineOffset: Int32, placeMap: [PlaceRef]?) {
        let n = b.count
        let cap = b.ids.capacity
        // Origins made ahead by the importer count only if made for this file id and offset.
        var madeAhead = false
        if case .imported(let f, let l)? = b.origins.first { madeAhead = f == fileID && l == b.lines[0] + lineOffset }
        if !madeAhead { b.origins = [] }
        b.finish(capacity: cap, origin: (fileID, lineOffset))
        strings = b.pool
        b.pool = StringPool()   // the store's pool is its only owner (interning below copies nothing)
        let pmap: [Int32] = (placeMap ?? b.places).map { internPlace($0) }
        if pmap.enumerated().allSatisfy({ $0.offset == Int($0.element) }) {
            placeRow = b.placeRow
        } else {
            placeRow = b.placeRow.map { $0 < 0 ? $0 : pmap[Int($0)] }
            placeRow.reserveCapacity(cap)
        }
        ids = b.ids; types = b.types; dateMin = b.dateMin; dateMax = b.dateMax; dateBest = b.dateBest
        timePrecision = b.timePrecision; geoPrecision = b.geoPrecision; actor1 = b.actor1; actor2 = b.actor2
        fatalities = b.fatalities; counts = b.counts; originalType = b.originalType; notes = b.notes
        sourceStart = b.sourceStart; sourceList = b.sourceList
        originalTypeValues = b.originalTypeValues
        for (k, name) in b.extraNames.enumerated() { extraColumns[name] = b.extraColumns[k] }
        for a in b.attributions { attributions[a.row] = (a.claimedBy, a.deniedBy) }
        corroboration = b.corroboration
        origins = b.origins
        var mod = b.modality
        b = ColumnBatch()   // every array above now has one owner: the store
        mod.reserveCapacity(cap)
        mod.append(contentsOf: repeatElement(EventStore.modalityCode(.asserted), count: n - mod.count))
        modality = mod
        confidence = []; confidence.reserveCapacity(cap); confidence.append(contentsOf: repeatElement(1, count: n))
        conflict = []; conflict.reserveCapacity(cap); conflict.append(contentsOf: repeatElement(false, count: n))
        language = []; language.reserveCapacity(cap); language.append(contentsOf: repeatElement(EventStore.none, count: n))
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
