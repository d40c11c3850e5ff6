/// Interns strings: each distinct string is stored once and named by a small integer, so columns of
/// names (actors, admin1, sources) cost 4 bytes a row and compare as integers.
///
/// The bytes live in append-only arenas (no `String` object per entry) and the index is an
/// open-addressing table keyed by a hash of the UTF-8 bytes, so importers can intern byte slices of
/// a file without making a `String` first. Long unique texts (notes, event ids) can be *stored*
/// without interning (`store(bytes:)`): they get an id but are not deduplicated nor found by
/// `lookup`, which saves the hashing and the table entry for a million unique notes.
public struct StringPool: @unchecked Sendable {
    /// Append-only byte storage. Shared between copies of a pool; a copy that finds its last
    /// segment shared starts a new one, so bytes another copy refers to are never overwritten.
    final class Segment {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        init(capacity: Int) {
            self.capacity = max(capacity, 1)
            base = .allocate(capacity: self.capacity)
        }
        deinit { base.deallocate() }
    }

    private var segments: [Segment] = []
    /// The segments' base addresses, read without retaining the segment objects.
    private var bases: [UnsafeMutablePointer<UInt8>] = []
    /// Bytes used and capacity of each segment, kept here (not read through the segment objects,
    /// which would retain and release one per stored string).
    private var segmentUsed: [Int] = []
    private var segmentCapacity: [Int] = []
    /// Per string: segment index in the top 16 bits, byte offset in the low 48.
    private var location: [UInt64] = []
    private var lengths: [UInt32] = []
    /// Whether each string is in the table (interned) and its hash, for merging pools.
    private var isInterned: [Bool] = []
    private var hashOf: [UInt32] = []
    /// Open-addressing table, one word per slot: hash << 32 | (string id + 1); 0 = empty.
    private var table: [UInt64] = []
    private var interned = 0

    public init() {}

    public var count: Int { lengths.count }

    /// Every string, in id order (materialised: O(n), for tests and small pools).
    public var strings: [String] { (0..<count).map { self[Int32($0)] } }

    // MARK: interning

    public mutating func intern(_ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { intern(bytes: $0) }
    }

    /// Interns a UTF-8 byte slice (need not be valid UTF-8; it is decoded leniently when read).
    public mutating func intern(bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = StringPool.hash(bytes)
        if let id = find(bytes, hash: h) { return id }
        let id = store(bytes: bytes)
        isInterned[Int(id)] = true
        hashOf[Int(id)] = h
        insert(id: id, hash: h)
        return id
    }

    /// Stores bytes under a new id without deduplication; `lookup` will not find them.
    public mutating func store(bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let n = bytes.count
        let seg = writableSegment(for: n)
        let used = segmentUsed[seg]
        if n > 0 { (bases[seg] + used).update(from: bytes.baseAddress!, count: n) }
        location.append(UInt64(seg) << 48 | UInt64(used))
        lengths.append(UInt32(n))
        isInterned.append(false)
        hashOf.append(0)
        segmentUsed[seg] = used + n
        return Int32(lengths.count - 1)
    }

    /// Moves every string of `other` into this pool without copying bytes (its segments are
    /// adopted) and returns the new id of each of its ids. Interned strings stay deduplicated.
    public mutating func absorb(_ other: StringPool) -> [Int32] {
        let segBase = UInt64(segments.count)
        precondition(segments.count + other.segments.count < 1 << 16, "too many string segments")
        segments.append(contentsOf: other.segments)
        bases.append(contentsOf: other.bases)
        segmentUsed.append(contentsOf: other.segmentUsed)
        segmentCapacity.append(contentsOf: other.segmentCapacity)
        var map = [Int32](repeating: 0, count: other.count)
        location.reserveCapacity(location.count + other.count)
        lengths.reserveCapacity(lengths.count + other.count)
        for i in 0..<other.count {
            let loc = other.location[i]
            let moved = (segBase + (loc >> 48)) << 48 | (loc & 0xFFFF_FFFF_FFFF)
            if other.isInterned[i] {
                let h = other.hashOf[i]
                let found = other.withUTF8(Int32(i)) { find($0, hash: h) }
                if let found { map[i] = found; continue }
                location.append(moved); lengths.append(other.lengths[i]); isInterned.append(true); hashOf.append(h)
                let id = Int32(lengths.count - 1)
                insert(id: id, hash: h)
                map[i] = id
            } else {
                location.append(moved); lengths.append(other.lengths[i]); isInterned.append(false); hashOf.append(0)
                map[i] = Int32(lengths.count - 1)
            }
        }
        return map
    }

    public mutating func reserveCapacity(_ n: Int) {
        location.reserveCapacity(n); lengths.reserveCapacity(n); isInterned.reserveCapacity(n); hashOf.reserveCapacity(n)
    }

    /// The id of `s` if it was interned.
    public func lookup(_ s: String) -> Int32? {
        var s = s
        return s.withUTF8 { lookup(bytes: $0) }
    }

    public func lookup(bytes: UnsafeBufferPointer<UInt8>) -> Int32? { find(bytes, hash: StringPool.hash(bytes)) }

    // MARK: reading

    public subscript(id: Int32) -> String { withUTF8(id) { String(decoding: $0, as: UTF8.self) } }

    /// The bytes of a string without making a `String` (e.g. to push to Lua with lua_pushlstring).
    @inline(__always)
    public func withUTF8<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let loc = location[Int(id)]
        return try body(UnsafeBufferPointer(start: bases[Int(loc >> 48)] + Int(loc & 0xFFFF_FFFF_FFFF), count: Int(lengths[Int(id)])))
    }

    public func byteCount(_ id: Int32) -> Int { Int(lengths[Int(id)]) }

    /// Whether the string starts with the given ASCII/UTF-8 prefix.
    public func hasPrefix(_ id: Int32, _ prefix: String) -> Bool {
        var p = prefix
        return p.withUTF8 { pb in withUTF8(id) { b in b.count >= pb.count && memcmpEq(b.baseAddress, pb.baseAddress, pb.count) } }
    }

    // MARK: internals

    private mutating func writableSegment(for n: Int) -> Int {
        // No local reference to the segment before the check: it would make it look shared.
        let k = segments.count - 1
        if k >= 0, segmentCapacity[k] - segmentUsed[k] >= n, isKnownUniquelyReferenced(&segments[k]) {
            return k
        }
        segments.append(Segment(capacity: max(n, 1 << 20)))
        segmentUsed.append(0)
        segmentCapacity.append(max(n, 1 << 20, 1))
        bases.append(segments[segments.count - 1].base)
        return segments.count - 1
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32? {
        guard !table.isEmpty else { return nil }
        return table.withUnsafeBufferPointer { t in
            let mask = t.count - 1
            var i = Int(h) & mask
            while true {
                let e = t[i]
                if e == 0 { return nil }
                if UInt32(truncatingIfNeeded: e >> 32) == h {
                    let id = Int32(truncatingIfNeeded: e & 0xFFFF_FFFF) - 1
                    let loc = location[Int(id)]
                    let n = Int(lengths[Int(id)])
                    if n == bytes.count && memcmpEq(bases[Int(loc >> 48)] + Int(loc & 0xFFFF_FFFF_FFFF), bytes.baseAddress, n) {
                        return id
                    }
                }
                i = (i + 1) & mask
            }
        }
    }

    private mutating func insert(id: Int32, hash h: UInt32) {
        if (interned + 1) * 4 > table.count * 3 { grow() }
        let mask = table.count - 1
        var i = Int(h) & mask
        while table[i] != 0 { i = (i + 1) & mask }
        table[i] = UInt64(h) << 32 | UInt64(UInt32(id + 1))
        interned += 1
    }

    private mutating func grow() {
        let newSize = max(1024, table.count * 2)
        var t = [UInt64](repeating: 0, count: newSize)
        let mask = newSize - 1
        for e in table where e != 0 {
            var j = Int(UInt32(truncatingIfNeeded: e >> 32)) & mask
            while t[j] != 0 { j = (j + 1) & mask }
            t[j] = e
        }
        table = t
    }

    /// A fast 64-bit multiply-mix hash over 8-byte words, folded to 32 bits.
    @inline(__always)
    public static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let p = b.baseAddress else { return 0x9E37_79B9 }
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(b.count)
        var i = 0
        let n = b.count
        while i + 8 <= n {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// Byte equality of two buffers, eight bytes at a time (inlinable: the importers call it per field).
@inlinable @inline(__always)
public func memcmpEq(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
    if n == 0 { return true }
    guard let a, let b else { return false }
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
        i += 8
    }
    while i < n { if a[i] != b[i] { return false }; i += 1 }
    return true
}

// MARK: snapshot parts (EventStore+Snapshot.swift)

extension StringPool {
    /// The pool's arrays as they are, for writing a snapshot; `segments` is every segment's used bytes
    /// concatenated (valid while this pool is alive), and `location` rewritten to offsets into
    /// their concatenation (segment 0).
    func snapshotParts() -> (segments: [UnsafeRawBufferPointer], location: [UInt64], lengths: [UInt32], isInterned: [Bool],
                             hashOf: [UInt32], table: [UInt64], interned: Int) {
        var starts: [UInt64] = []
        var total: UInt64 = 0
        var parts: [UnsafeRawBufferPointer] = []
        for (k, s) in segments.enumerated() {
            starts.append(total)
            parts.append(UnsafeRawBufferPointer(start: s.base, count: segmentUsed[k]))
            total += UInt64(segmentUsed[k])
        }
        let loc = location.map { starts[Int($0 >> 48)] + ($0 & 0xFFFF_FFFF_FFFF) }
        return (parts, loc, lengths, isInterned, hashOf, table, interned)
    }

    /// A pool from snapshot parts already checked by the caller (every location + length inside
    /// `byteCount`, every table entry a valid id, the table a power of two with free slots).
    /// `fill` writes `byteCount` bytes into the pool's single segment.
    init(byteCount: Int, fill: (UnsafeMutablePointer<UInt8>) throws -> Void, location: [UInt64], lengths: [UInt32],
         isInterned: [Bool], hashOf: [UInt32], table: [UInt64], interned: Int) rethrows {
        let seg = Segment(capacity: byteCount)
        try fill(seg.base)
        segments = [seg]
        bases = [seg.base]
        segmentUsed = [byteCount]
        segmentCapacity = [seg.capacity]
        self.location = location
        self.lengths = lengths
        self.isInterned = isInterned
        self.hashOf = hashOf
        self.table = table
        self.interned = interned
    }
}
