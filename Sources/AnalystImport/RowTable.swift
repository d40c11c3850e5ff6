/// A key that hashes itself with a few multiplies (no `Hasher`: the importers look a key up per row).
protocol FastHashable { var fastHash: UInt64 { get } }

enum FastHash {
    @inline(__always)
    static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return x
    }
}

/// Key -> row, open addressing over a power-of-two table (a file's distinct places: a few hundred
/// to a few hundred thousand). Replaces a `Dictionary` whose hashing cost more than the rest of
/// a place lookup.
struct RowTable<Key: Equatable & FastHashable> {
    private var keys: [Key?] = []
    private var rows: [Int32] = []
    private var used = 0

    @inline(__always)
    func find(_ k: Key) -> Int32? {
        guard used > 0 else { return nil }
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k.fastHash) & mask
        while let stored = keys[i] {
            if stored == k { return rows[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Adds a key that `find` did not find.
    mutating func insert(_ k: Key, _ row: Int32) {
        if (used + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k.fastHash) & mask
        while keys[i] != nil { i = (i + 1) & mask }
        keys[i] = k
        rows[i] = row
        used += 1
    }

    private mutating func grow() {
        let old = zip(keys, rows).compactMap { k, r in k.map { ($0, r) } }
        let size = max(64, keys.count * 2)
        keys = Array(repeating: nil, count: size)
        rows = Array(repeating: -1, count: size)
        used = 0
        for (k, r) in old { insert(k, r) }
    }
}
