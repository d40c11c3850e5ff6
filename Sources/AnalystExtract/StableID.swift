/// FNV-1a 64: the same input gives the same id on every run and machine (Swift's Hasher is seeded).
enum StableID {
    static func hash(_ parts: [String]) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for (i, p) in parts.enumerated() {
            if i > 0 { h ^= 0x1F; h = h &* 0x100000001b3 }
            for b in p.utf8 { h ^= UInt64(b); h = h &* 0x100000001b3 }
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
