import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A snapshot file could not be used: foreign, from another format version, truncated, altered
/// or inconsistent. A snapshot is untrusted input: every count and offset is checked before use.
public struct SnapshotError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, _ message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): not a usable snapshot: \(message)" }
}

/// Binary snapshots of a store whose rows all came from imported files: its columns and its string
/// pool written as they are in memory, so reopening is a few large reads, a checksum and a
/// bounds check of every value that indexes something.
///
/// Layout (little-endian): a 64-byte header (magic `ANALYSNP`, format version, section count, file
/// length, checksum of the section table, checksum of the header), a table of 32-byte entries (tag,
/// element size, offset, byte length, checksum of the bytes), then the sections, each 8-aligned.
extension EventStore {
    public static let snapshotFormatVersion: UInt32 = 1
    static let snapshotMagic = Array("ANALYSNP".utf8)

    /// Section tags. Columns keep their in-memory element type; extra columns are 1000 + k.
    enum Section: UInt32 {
        case meta = 1, poolBytes, poolLocation, poolLengths, poolInterned, poolHashes, poolTable
        case ids = 20, types, dateMin, dateMax, dateBest, timePrecision, placeRow, geoPrecision, actor1, actor2
        case fatalities, counts, modality, confidence, corroboration, conflict, language, originalType, notes
        case sourceStart, sourceList, originFile, originLine, placeAdmin1, placeCountry, placeName
    }

    /// Whether every row came from an imported file (only such stores can be snapshotted).
    public var isAllImported: Bool {
        origins.allSatisfy { if case .imported = $0 { return true } else { return false } }
    }

    /// Writes the store to `path` (replaced atomically: a temporary file renamed). `extra` is the
    /// caller's bytes, returned as they are by `readSnapshot` (the cache keeps its key and report there).
    public func writeSnapshot(to path: String, extra: [UInt8] = []) throws {
        guard isAllImported else { throw SnapshotError(path: path, "only a store of imported rows can be snapshotted") }
        let pool = strings.snapshotParts()
        var meta = SnapshotWriter()
        meta.u64(UInt64(count)); meta.u64(UInt64(pool.interned))
        meta.u64(UInt64(places.count))
        for p in places {
            meta.i64(Int64(p.id)); meta.str(p.name); meta.optStr(p.admin1); meta.optStr(p.country)
            meta.f64(p.latitude); meta.f64(p.longitude); meta.u8(p.inGazetteer ? 1 : 0)
        }
        meta.u64(UInt64(importedFiles.count)); for f in importedFiles { meta.str(f) }
        meta.u64(UInt64(importedRanges.count))
        for r in importedRanges { meta.u64(UInt64(r.lowerBound)); meta.u64(UInt64(r.upperBound)) }
        meta.u64(UInt64(importedPlaceNames.count))
        for (k, ids) in importedPlaceNames.sorted(by: { $0.key < $1.key }) {
            meta.str(k); meta.u64(UInt64(ids.count)); for i in ids.sorted() { meta.i64(Int64(i)) }
        }
        meta.u64(UInt64(actorLinks.count))
        for (k, v) in actorLinks.sorted(by: { $0.key < $1.key }) { meta.i32(k); meta.str(v) }
        meta.u64(UInt64(actorsTried.count)); for v in actorsTried.sorted() { meta.i32(v) }
        meta.u64(UInt64(originalTypeValues.count)); for v in originalTypeValues.sorted() { meta.i32(v) }
        meta.u64(UInt64(attributions.count))
        for (r, a) in attributions.sorted(by: { $0.key < $1.key }) { meta.i32(r); meta.i32(a.claimedBy); meta.i32(a.deniedBy) }
        let extraNames = extraColumns.keys.sorted()
        meta.u64(UInt64(extraNames.count)); for n in extraNames { meta.str(n) }
        meta.u64(UInt64(extra.count)); meta.bytes(extra)

        var fileIDs = [Int32](), lines = [Int32]()
        fileIDs.reserveCapacity(count); lines.reserveCapacity(count)
        for o in origins { if case .imported(let f, let l) = o { fileIDs.append(f); lines.append(l) } }

        var out = SnapshotFileWriter()
        out.add(.meta, 1, meta.data)
        out.add(.poolBytes, 1, pool.segments)
        out.add(.poolLocation, pool.location); out.add(.poolLengths, pool.lengths); out.add(.poolInterned, pool.isInterned)
        out.add(.poolHashes, pool.hashOf); out.add(.poolTable, pool.table)
        out.add(.ids, ids); out.add(.types, types); out.add(.dateMin, dateMin); out.add(.dateMax, dateMax)
        out.add(.dateBest, dateBest); out.add(.timePrecision, timePrecision); out.add(.placeRow, placeRow)
        out.add(.geoPrecision, geoPrecision); out.add(.actor1, actor1); out.add(.actor2, actor2)
        out.add(.fatalities, fatalities); out.add(.counts, counts); out.add(.modality, modality)
        out.add(.confidence, confidence); out.add(.corroboration, corroboration); out.add(.conflict, conflict)
        out.add(.language, language); out.add(.originalType, originalType); out.add(.notes, notes)
        out.add(.sourceStart, sourceStart); out.add(.sourceList, sourceList)
        out.add(.originFile, fileIDs); out.add(.originLine, lines)
        out.add(.placeAdmin1, placeAdmin1ID); out.add(.placeCountry, placeCountryID); out.add(.placeName, placeNameID)
        for (k, n) in extraNames.enumerated() { out.add(tag: 1000 + UInt32(k), extraColumns[n]!) }
        try out.write(to: path)
        withExtendedLifetime(strings) {}
    }

    /// Reads a snapshot written by `writeSnapshot`; throws `SnapshotError` for anything else.
    public static func readSnapshot(path: String) throws -> (store: EventStore, extra: [UInt8]) {
        var f = try SnapshotFileReader(path: path)
        defer { f.close() }
        func fail(_ m: String) -> SnapshotError { SnapshotError(path: path, m) }
        var meta = SnapshotReader(try f.array(.meta, as: UInt8.self), path: path)
        let n = try meta.count(limit: Int(Int32.max))
        let interned = try meta.count(limit: Int(Int32.max))
        let s = EventStore()
        let placeCount = try meta.count(limit: 1 << 24)
        for _ in 0..<placeCount {
            let id = Int(try meta.i64())
            let name = try meta.str(), admin1 = try meta.optStr(), country = try meta.optStr()
            let lat = try meta.f64(), lon = try meta.f64(), inGaz = try meta.u8()
            s.places.append(PlaceRef(id: id, name: name, admin1: admin1, country: country, latitude: lat, longitude: lon,
                                     inGazetteer: inGaz == 1))
        }
        let fileCount = try meta.count(limit: 1 << 20)
        for _ in 0..<fileCount { s.importedFiles.append(try meta.str()) }
        let rangeCount = try meta.count(limit: 1 << 20)
        for _ in 0..<rangeCount {
            let lo = try meta.count(limit: n), hi = try meta.count(limit: n)
            guard lo <= hi else { throw fail("an imported range ends before it starts") }
            s.importedRanges.append(lo..<hi)
        }
        let nameCount = try meta.count(limit: 1 << 24)
        for _ in 0..<nameCount {
            let k = try meta.str()
            let m = try meta.count(limit: 1 << 24)
            var set = Set<Int>()
            for _ in 0..<m { set.insert(Int(try meta.i64())) }
            s.importedPlaceNames[k] = set
        }
        var stringRefs: [Int32] = []   // ids met in the meta section, checked against the pool below
        let linkCount = try meta.count(limit: 1 << 24)
        for _ in 0..<linkCount { let k = try meta.i32(); stringRefs.append(k); s.actorLinks[k] = try meta.str() }
        let triedCount = try meta.count(limit: 1 << 24)
        for _ in 0..<triedCount { let v = try meta.i32(); stringRefs.append(v); s.actorsTried.insert(v) }
        let otCount = try meta.count(limit: 1 << 24)
        for _ in 0..<otCount { let v = try meta.i32(); stringRefs.append(v); s.originalTypeValues.insert(v) }
        let attrCount = try meta.count(limit: n)
        for _ in 0..<attrCount {
            let r = try meta.i32(), c = try meta.i32(), d = try meta.i32()
            guard r >= 0 && Int(r) < n else { throw fail("an attribution names row \(r) of \(n)") }
            if c != none { stringRefs.append(c) }
            if d != none { stringRefs.append(d) }
            s.attributions[r] = (c, d)
        }
        let extraCount = try meta.count(limit: 4096)
        var extraNames: [String] = []
        for _ in 0..<extraCount { extraNames.append(try meta.str()) }
        let extraBytes = try meta.bytes(try meta.count(limit: 1 << 30))

        // The string pool: every location inside the bytes, the table a power of two with free slots.
        let byteCount = try f.length(.poolBytes)
        let location = try f.array(.poolLocation, as: UInt64.self)
        let lengths = try f.array(.poolLengths, as: UInt32.self)
        let isInterned = try f.array(.poolInterned, as: Bool.self, validBytes: 0...1)
        let hashOf = try f.array(.poolHashes, as: UInt32.self)
        let table = try f.array(.poolTable, as: UInt64.self)
        let stringCount = lengths.count
        guard location.count == stringCount, isInterned.count == stringCount, hashOf.count == stringCount,
              stringCount < Int(Int32.max) else { throw fail("the string pool's arrays differ in length") }
        let inBounds = location.withUnsafeBufferPointer { loc in lengths.withUnsafeBufferPointer { len in
            var ok = true
            for i in 0..<stringCount {
                let start = loc[i], l = UInt64(len[i])
                ok = ok && start <= UInt64(byteCount) && l <= UInt64(byteCount) - start
            }
            return ok
        } }
        guard inBounds else { throw fail("a string lies outside the pool's bytes") }
        guard table.isEmpty ? interned == 0 : (table.count & (table.count - 1)) == 0 && interned < table.count
        else { throw fail("the string table's size is inconsistent") }
        var used = 0
        for e in table where e != 0 {
            let id = Int(e & 0xFFFF_FFFF) - 1
            guard id >= 0 && id < stringCount else { throw fail("the string table names string \(id) of \(stringCount)") }
            used += 1
        }
        guard used == interned else { throw fail("the string table holds \(used) entries, not \(interned)") }
        s.strings = try StringPool(byteCount: byteCount, fill: { try f.read(.poolBytes, into: UnsafeMutableRawPointer($0)) },
                                   location: location, lengths: lengths, isInterned: isInterned, hashOf: hashOf,
                                   table: table, interned: interned)

        // Columns: all `n` long; every value that indexes something is checked.
        func column<T>(_ sec: Section, _ t: T.Type, length: Int? = n) throws -> [T] {
            try ownedColumn(sec, t, length: length)
        }
        /// The same into a Column (the columns the Lua fast path reads by address).
        func ownedColumn<T, C: UninitializedFillable<T> & Collection>(_ sec: Section, _ t: T.Type, length: Int? = n) throws -> C {
            let a: C = try f.read(tag: sec.rawValue, as: T.self)
            if let length, a.count != length { throw fail("column \(sec) has \(a.count) values for \(length) rows") }
            return a
        }
        let maxString = Int32(stringCount)
        func strings(_ a: [Int32], _ what: String, optional: Bool = true) throws -> [Int32] {
            let low: Int32 = optional ? none : 0
            let ok = a.withUnsafeBufferPointer { b in
                var ok = true
                for v in b { ok = ok && v >= low && v < maxString }
                return ok
            }
            guard ok else { throw fail("\(what) names a string outside the pool") }
            return a
        }
        s.ids = try strings(column(.ids, Int32.self), "an event id", optional: false)
        s.types = try ownedColumn(.types, UInt8.self)
        guard s.types.allSatisfy({ Int($0) < EventType.allCases.count }) else { throw fail("an event type code is out of range") }
        s.dateMin = try ownedColumn(.dateMin, Int32.self)
        s.dateMax = try ownedColumn(.dateMax, Int32.self)
        s.dateBest = try ownedColumn(.dateBest, Int32.self)
        s.timePrecision = try ownedColumn(.timePrecision, Int8.self)
        s.placeRow = try column(.placeRow, Int32.self)
        guard s.placeRow.allSatisfy({ $0 >= none && Int($0) < placeCount }) else { throw fail("a row names a place outside the table") }
        s.geoPrecision = try ownedColumn(.geoPrecision, Int8.self)
        s.actor1 = try strings(column(.actor1, Int32.self), "actor1")
        s.actor2 = try strings(column(.actor2, Int32.self), "actor2")
        s.fatalities = try ownedColumn(.fatalities, Int32.self)
        s.counts = try ownedColumn(.counts, Int32.self)
        s.modality = try ownedColumn(.modality, UInt8.self)
        guard s.modality.allSatisfy({ Int($0) < Modality.allCases.count }) else { throw fail("a modality code is out of range") }
        s.confidence = try ownedColumn(.confidence, Float.self)
        s.corroboration = try ownedColumn(.corroboration, Int32.self)
        s.conflict = try f.array(.conflict, as: Bool.self, validBytes: 0...1)
        guard s.conflict.count == n else { throw fail("column conflict has \(s.conflict.count) values for \(n) rows") }
        s.language = try strings(column(.language, Int32.self), "a language")
        s.originalType = try strings(column(.originalType, Int32.self), "an original type")
        s.notes = try strings(column(.notes, Int32.self), "a note")
        s.sourceList = try strings(column(.sourceList, Int32.self, length: nil), "a source")
        s.sourceStart = try column(.sourceStart, Int32.self)
        var prev: Int32 = 0
        for v in s.sourceStart {
            guard v >= prev && Int(v) <= s.sourceList.count else { throw fail("the sources' ranges are out of order or bounds") }
            prev = v
        }
        let fileIDs = try column(.originFile, Int32.self), lines = try column(.originLine, Int32.self)
        guard fileIDs.allSatisfy({ $0 >= 0 && Int($0) < fileCount }) else { throw fail("a row names an imported file outside the list") }
        s.origins = zip(fileIDs, lines).map { .imported(fileID: $0, line: $1) }
        s.placeAdmin1ID = try strings(column(.placeAdmin1, Int32.self, length: placeCount), "a place's admin1")
        s.placeCountryID = try strings(column(.placeCountry, Int32.self, length: placeCount), "a place's country")
        s.placeNameID = try strings(column(.placeName, Int32.self, length: placeCount), "a place's name", optional: false)
        for (k, name) in extraNames.enumerated() {
            let col = try f.array(tag: 1000 + UInt32(k), as: Int32.self)
            guard col.count <= n else { throw fail("extra column \(name) is longer than the store") }
            s.extraColumns[name] = try strings(col, "extra column \(name)")
        }
        _ = try strings(stringRefs, "the import's metadata")
        // What the store derives from the rest.
        for (i, p) in s.places.enumerated() {
            s.placeIndex[p] = Int32(i)
            if !p.inGazetteer && p.id < 0 { var key = p; key.id = 0; s.adHocIDs[key] = p.id }
        }
        return (s, extraBytes)
    }

    /// A checksum of bytes: four independent multiply-rotate lanes over 8-byte words (a few GB/s),
    /// so any change of one byte changes the result.
    public static func snapshotChecksum(_ p: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var a = seed ^ 0x243F_6A88_85A3_08D3, b = seed ^ 0x1319_8A2E_0370_7344
        var c = seed ^ 0xA409_3822_299F_31D0, d = seed ^ 0x082E_FA98_EC4E_6C89
        let n = p.count
        var i = 0
        if let base = p.baseAddress {
            while i + 32 <= n {
                a = (a ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k; a = a << 31 | a >> 33
                b = (b ^ base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* k; b = b << 31 | b >> 33
                c = (c ^ base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* k; c = c << 31 | c >> 33
                d = (d ^ base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* k; d = d << 31 | d >> 33
                i += 32
            }
        }
        var t = UInt64(n)
        while i < n { t = (t ^ UInt64(p[i])) &* 0x100_0000_01B3; i += 1 }
        var h = a ^ (b << 7 | b >> 57) ^ (c << 13 | c >> 51) ^ (d << 19 | d >> 45) ^ (t &* k)
        h = (h ^ h >> 33) &* 0xFF51_AFD7_ED55_8CCD
        return h ^ h >> 33
    }
}

// MARK: the file

private let headerSize = 64
private let entrySize = 32

/// Collects sections (pointers to memory that stays alive until `write`) and writes the file.
struct SnapshotFileWriter {
    /// Each section gives its bytes, in one or more pieces, to a body only while it runs.
    private typealias Bytes = ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    private var sections: [(tag: UInt32, elem: UInt32, bytes: Bytes)] = []

    mutating func add<T>(_ s: EventStore.Section, _ a: [T]) { add(tag: s.rawValue, a) }
    mutating func add<T>(tag: UInt32, _ a: [T]) {
        sections.append((tag, UInt32(MemoryLayout<T>.stride), { body in try a.withUnsafeBytes { try body($0) } }))
    }
    mutating func add<T>(_ s: EventStore.Section, _ c: Column<T>) {
        sections.append((s.rawValue, UInt32(MemoryLayout<T>.stride), { body in try c.withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) } }))
    }
    /// Pieces that stay valid while the caller's store is alive (the string pool's segments).
    mutating func add(_ s: EventStore.Section, _ elem: UInt32, _ parts: [UnsafeRawBufferPointer]) {
        sections.append((s.rawValue, elem, { body in for p in parts { try body(p) } }))
    }
    mutating func add(_ s: EventStore.Section, _ elem: UInt32, _ a: [UInt8]) { add(tag: s.rawValue, a) }

    func write(to path: String) throws {
        var table = SnapshotWriter()
        var offset = UInt64(headerSize + entrySize * sections.count)
        for s in sections {
            var length: UInt64 = 0
            var hasher = SectionHasher()
            try s.bytes { p in hasher.add(p); length += UInt64(p.count) }
            let h = hasher.finish()
            table.u32(s.tag); table.u32(s.elem); table.u64(offset); table.u64(length); table.u64(h)
            offset += (length + 7) & ~7
        }
        var header = SnapshotWriter()
        header.bytes(EventStore.snapshotMagic)
        header.u32(EventStore.snapshotFormatVersion); header.u32(UInt32(sections.count))
        header.u64(offset)
        header.u64(table.data.withUnsafeBytes { EventStore.snapshotChecksum($0) })
        header.bytes([UInt8](repeating: 0, count: headerSize - 8 - header.data.count))
        header.u64(header.data.withUnsafeBytes { EventStore.snapshotChecksum($0) })

        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SnapshotError(path: path, "cannot write: \(String(cString: strerror(errno)))") }
        var ok = false
        defer { close(fd); if !ok { unlink(tmp) } }
        func put(_ p: UnsafeRawBufferPointer) throws {
            var done = 0
            while done < p.count {
                let w = sysWrite(fd, p.baseAddress! + done, min(p.count - done, 1 << 30))
                if w < 0 && errno == EINTR { continue }
                guard w > 0 else { throw SnapshotError(path: path, "cannot write: \(String(cString: strerror(errno)))") }
                done += w
            }
        }
        try header.data.withUnsafeBytes(put)
        try table.data.withUnsafeBytes(put)
        let zeros = [UInt8](repeating: 0, count: 8)
        for s in sections {
            var length = 0
            try s.bytes { p in if p.count > 0 { try put(p); length += p.count } }
            if length % 8 != 0 { try zeros.withUnsafeBytes { try put(UnsafeRawBufferPointer(rebasing: $0[0..<(8 - length % 8)])) } }
        }
        guard rename(tmp, path) == 0 else { throw SnapshotError(path: path, "cannot rename: \(String(cString: strerror(errno)))") }
        ok = true
    }
}

/// Reads sections after checking the header, the table and each section's bounds and checksum.
struct SnapshotFileReader {
    let path: String
    private var fd: Int32
    private var entries: [UInt32: (elem: Int, offset: Int, length: Int, checksum: UInt64)] = [:]

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw SnapshotError(path: path, String(cString: strerror(errno))) }
        var ok = false
        defer { if !ok { sysClose(fd) } }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw SnapshotError(path: path, "not a regular file") }
        let size = Int(st.st_size)
        func fail(_ m: String) -> SnapshotError { SnapshotError(path: path, m) }
        guard size >= headerSize else { throw fail("truncated: \(size) bytes, shorter than the header") }
        var header = [UInt8](repeating: 0, count: headerSize)
        try SnapshotFileReader.pread(fd, &header, offset: 0, path: path)
        guard Array(header[0..<8]) == EventStore.snapshotMagic else { throw fail("not an analyst snapshot (no ANALYSNP header)") }
        var h = SnapshotReader(header, path: path)
        _ = try h.bytes(8)
        let version = try h.u32()
        guard version == EventStore.snapshotFormatVersion else {
            throw fail("written in snapshot format \(version); this analyst reads format \(EventStore.snapshotFormatVersion)")
        }
        let headerSum = header.withUnsafeBytes { EventStore.snapshotChecksum(UnsafeRawBufferPointer(rebasing: $0[0..<(headerSize - 8)])) }
        var tail = SnapshotReader(Array(header[(headerSize - 8)...]), path: path)
        guard try tail.u64() == headerSum else { throw fail("the header is damaged (checksum)") }
        let count = Int(try h.u32())
        let length = try h.u64()
        let tableSum = try h.u64()
        guard count <= 4096 else { throw fail("\(count) sections") }
        guard length == UInt64(size) else { throw fail("truncated or extended: \(size) bytes, the header says \(length)") }
        let tableEnd = headerSize + count * entrySize
        guard tableEnd <= size else { throw fail("truncated in the section table") }
        var table = [UInt8](repeating: 0, count: count * entrySize)
        try SnapshotFileReader.pread(fd, &table, offset: headerSize, path: path)
        guard table.withUnsafeBytes({ EventStore.snapshotChecksum($0) }) == tableSum else { throw fail("the section table is damaged (checksum)") }
        var t = SnapshotReader(table, path: path)
        for _ in 0..<count {
            let tag = try t.u32(), elem = try t.u32(), off = try t.u64(), len = try t.u64(), sum = try t.u64()
            guard elem >= 1 && elem <= 8, off >= UInt64(tableEnd), off <= UInt64(size), len <= UInt64(size) - off,
                  len % UInt64(elem) == 0, entries[tag] == nil
            else { throw fail("section \(tag) lies outside the file or is malformed") }
            entries[tag] = (Int(elem), Int(off), Int(len), sum)
        }
        ok = true
    }

    mutating func close() { if fd >= 0 { sysClose(fd); fd = -1 } }

    private func entry(_ tag: UInt32, elem: Int) throws -> (elem: Int, offset: Int, length: Int, checksum: UInt64) {
        guard let e = entries[tag] else { throw SnapshotError(path: path, "section \(tag) is missing") }
        guard e.elem == elem else { throw SnapshotError(path: path, "section \(tag) has \(e.elem)-byte values, expected \(elem)") }
        return e
    }

    func length(_ s: EventStore.Section) throws -> Int { try entry(s.rawValue, elem: 1).length }

    /// Reads a byte section straight into `dst` (at least its length) and checks its checksum.
    func read(_ s: EventStore.Section, into dst: UnsafeMutableRawPointer) throws {
        let e = try entry(s.rawValue, elem: 1)
        adviseHugePages(dst, e.length)
        try SnapshotFileReader.pread(fd, dst, count: e.length, offset: e.offset, path: path)
        guard SectionHasher.sum(UnsafeRawBufferPointer(start: dst, count: e.length)) == e.checksum else {
            throw SnapshotError(path: path, "section \(s) is damaged (checksum)")
        }
    }

    func array<T>(_ s: EventStore.Section, as t: T.Type, validBytes: ClosedRange<UInt8>? = nil) throws -> [T] {
        try read(tag: s.rawValue, as: t, validBytes: validBytes)
    }

    func array<T>(tag: UInt32, as t: T.Type, validBytes: ClosedRange<UInt8>? = nil) throws -> [T] {
        try read(tag: tag, as: t, validBytes: validBytes)
    }

    /// A section as an array of `T` (a plain value type of 1 to 8 bytes), read straight into the
    /// array and checked (checksum, and `validBytes` for types such as Bool) before it is returned.
    func read<T, C: UninitializedFillable<T>>(tag: UInt32, as: T.Type, validBytes: ClosedRange<UInt8>? = nil) throws -> C {
        let e = try entry(tag, elem: MemoryLayout<T>.stride)
        let n = e.length / e.elem
        var failure: Error?
        let a = C(unsafeUninitializedCapacity: n) { buf, done in
            done = 0
            let raw = UnsafeMutableRawBufferPointer(buf)
            do {
                adviseHugePages(raw.baseAddress, e.length)
                if e.length > 0 { try SnapshotFileReader.pread(fd, raw.baseAddress!, count: e.length, offset: e.offset, path: path) }
                let bytes = UnsafeRawBufferPointer(start: raw.baseAddress, count: e.length)
                guard SectionHasher.sum(bytes) == e.checksum else {
                    throw SnapshotError(path: path, "section \(tag) is damaged (checksum)")
                }
                if let v = validBytes, !bytes.allSatisfy({ v.contains($0) }) {
                    throw SnapshotError(path: path, "section \(tag) holds invalid values")
                }
                done = n
            } catch { failure = error }
        }
        if let failure { throw failure }
        return a
    }

    static func pread(_ fd: Int32, _ buf: inout [UInt8], offset: Int, path: String) throws {
        try buf.withUnsafeMutableBytes { try pread(fd, $0.baseAddress!, count: $0.count, offset: offset, path: path) }
    }

    static func pread(_ fd: Int32, _ dst: UnsafeMutableRawPointer, count: Int, offset: Int, path: String) throws {
        var done = 0
        while done < count {
            let r = sysPread(fd, dst + done, min(count - done, 1 << 30), off_t(offset + done))
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else { throw SnapshotError(path: path, r == 0 ? "truncated while reading" : String(cString: strerror(errno))) }
            done += r
        }
    }
}

/// A section's checksum: `snapshotChecksum` chained over 1 MiB blocks of its bytes, so a section
/// written from several pieces (the string pool's segments) sums like the one buffer it is read into.
struct SectionHasher {
    static let block = 1 << 20
    private var h: UInt64 = 0
    private var scratch: [UInt8] = []

    static func sum(_ p: UnsafeRawBufferPointer) -> UInt64 { var s = SectionHasher(); s.add(p); return s.finish() }

    mutating func add(_ p: UnsafeRawBufferPointer) {
        var i = 0
        while i < p.count {
            if scratch.isEmpty && p.count - i >= SectionHasher.block {
                h = EventStore.snapshotChecksum(UnsafeRawBufferPointer(rebasing: p[i..<(i + SectionHasher.block)]), seed: h)
                i += SectionHasher.block
            } else {
                let take = min(SectionHasher.block - scratch.count, p.count - i)
                scratch.append(contentsOf: p[i..<(i + take)])
                i += take
                if scratch.count == SectionHasher.block {
                    h = scratch.withUnsafeBytes { EventStore.snapshotChecksum($0, seed: h) }
                    scratch.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    mutating func finish() -> UInt64 {
        if !scratch.isEmpty { h = scratch.withUnsafeBytes { EventStore.snapshotChecksum($0, seed: h) } }
        return h
    }
}

// MARK: small values

/// Appends little-endian values to a byte array.
public struct SnapshotWriter {
    public private(set) var data: [UInt8] = []
    public init() {}
    public mutating func u8(_ v: UInt8) { data.append(v) }
    public mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    public mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    public mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    public mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    public mutating func f64(_ v: Double) { u64(v.bitPattern) }
    public mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
    public mutating func str(_ s: String) { let b = Array(s.utf8); u32(UInt32(b.count)); bytes(b) }
    public mutating func optStr(_ s: String?) { if let s { u8(1); str(s) } else { u8(0) } }
}

/// Reads what `SnapshotWriter` wrote; every read is bounds-checked and throws past the end.
public struct SnapshotReader {
    let data: [UInt8]
    let path: String
    var pos = 0
    public init(_ data: [UInt8], path: String) { self.data = data; self.path = path }
    public var atEnd: Bool { pos == data.count }
    public mutating func bytes(_ n: Int) throws -> [UInt8] {
        guard n >= 0 && n <= data.count - pos else { throw SnapshotError(path: path, "truncated metadata") }
        defer { pos += n }
        return Array(data[pos..<(pos + n)])
    }
    public mutating func u8() throws -> UInt8 { try bytes(1)[0] }
    public mutating func u32() throws -> UInt32 {
        let b = try bytes(4)
        return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }
    public mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }
    public mutating func u64() throws -> UInt64 { let lo = try u32(), hi = try u32(); return UInt64(hi) << 32 | UInt64(lo) }
    public mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }
    public mutating func f64() throws -> Double { Double(bitPattern: try u64()) }
    /// A count or index no larger than `limit`.
    public mutating func count(limit: Int) throws -> Int {
        let v = try u64()
        guard v <= UInt64(limit) else { throw SnapshotError(path: path, "a count of \(v) exceeds \(limit)") }
        return Int(v)
    }
    public mutating func str() throws -> String { String(decoding: try bytes(Int(try u32())), as: UTF8.self) }
    public mutating func optStr() throws -> String? {
        switch try u8() {
        case 0: return nil
        case 1: return try str()
        default: throw SnapshotError(path: path, "malformed metadata")
        }
    }
}

// The C calls, at file scope where no method of the same name hides them.
private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
private func sysClose(_ fd: Int32) { _ = close(fd) }
private func sysPread(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int, _ off: off_t) -> Int { pread(fd, p, n, off) }

/// Large fresh buffers about to be filled: 2 MiB pages where the kernel offers them (THP in
/// `madvise` mode), so filling 300 MB costs a few hundred page faults instead of 75,000.
private func adviseHugePages(_ p: UnsafeMutableRawPointer?, _ n: Int) {
    #if os(Linux)
    let huge = 2 << 20
    guard let p, n >= 2 * huge else { return }
    let start = (Int(bitPattern: p) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: p) + n) & ~(huge - 1)
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14 /* MADV_HUGEPAGE */) }
    #endif
}
