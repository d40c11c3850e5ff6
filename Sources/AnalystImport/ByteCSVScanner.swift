import AnalystCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits delimited text into records and fields straight from bytes (a mapped file): no `String`
/// per field. Quoted fields (RFC 4180, doubled quotes, separators and newlines inside) are
/// unescaped into a scratch buffer only when they contain a doubled quote; every other field is a
/// slice of the input. CRLF, LF and CR-only (old Excel "CSV (Macintosh)") line ends; any number of
/// fields. Tracks the physical line of each record.
struct ByteCSVScanner {
    enum Next { case record, end, unterminatedQuote(line: Int) }

    let base: UnsafePointer<UInt8>
    /// Offset one past the last byte this scanner may read.
    let limit: Int
    var pos: Int
    /// Physical line (0-based, relative to where the scanner started) of `pos`.
    var line = 0
    /// Line of the record just read (relative).
    var recordLine = 0
    let separator: UInt8
    /// GDELT is tab-separated with no quoting: a `"` there is an ordinary character.
    let quoting: Bool

    /// Fields of the current record as (start, count); start < 0 means scratch offset -(start+1).
    private(set) var fieldCount = 0
    /// Plain pointers (owned by `slots`): no copy-on-write check per field.
    private let slots = FieldSlots()
    private var starts: UnsafeMutablePointer<Int> { slots.starts }
    private var counts: UnsafeMutablePointer<Int> { slots.counts }
    /// Where the current record starts (its first byte), for generated ids and encoding checks.
    private(set) var recordStart = 0
    private let scratch = ScratchBuffer()

    init(base: UnsafePointer<UInt8>, start: Int, limit: Int, separator: UInt8, quoting: Bool) {
        self.base = base; self.pos = start; self.limit = limit; self.separator = separator; self.quoting = quoting
    }

    /// Field `i` of the current record (`i < fieldCount`).
    @inline(__always)
    func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let s = starts[i]
        if s >= 0 { return UnsafeBufferPointer(start: base + s, count: counts[i]) }
        return UnsafeBufferPointer(start: scratch.base + (-s - 1), count: counts[i])
    }

    @inline(__always)
    private mutating func addField(_ start: Int, _ count: Int) {
        if fieldCount == slots.capacity { slots.grow() }
        starts[fieldCount] = start; counts[fieldCount] = count
        fieldCount += 1
    }

    /// Reads the next record. Blank lines are skipped.
    mutating func next() -> Next {
        fieldCount = 0
        scratch.count = 0
        let sep = separator
        skipBlankLines()
        if pos >= limit { return .end }
        recordLine = line
        recordStart = pos
        while true {
            // At the start of a field.
            if quoting && pos < limit && base[pos] == 34 {
                let quoteLine = line
                var p = pos + 1
                var segStart = p
                var unescaped = -1   // scratch start when the field needed unescaping
                while true {
                    guard let q = memchr(base + p, 34, limit - p) else {
                        pos = limit
                        return .unterminatedQuote(line: quoteLine)
                    }
                    let qi = UnsafePointer<UInt8>(q.assumingMemoryBound(to: UInt8.self)) - base
                    line += countNewlines(p, qi)
                    if qi + 1 < limit && base[qi + 1] == 34 {
                        // Doubled quote: copy what we have plus one quote into scratch.
                        if unescaped < 0 { unescaped = scratch.count }
                        scratch.append(base + segStart, qi + 1 - segStart)
                        p = qi + 2
                        segStart = p
                        continue
                    }
                    // Closing quote.
                    if unescaped >= 0 {
                        scratch.append(base + segStart, qi - segStart)
                    }
                    p = qi + 1
                    // Lenient: text after the closing quote up to the separator is kept.
                    var tail = p
                    while tail < limit, base[tail] != sep, base[tail] != 10, base[tail] != 13 { tail += 1 }
                    let tailEnd = tail
                    if tailEnd > p {
                        if unescaped < 0 {
                            unescaped = scratch.count
                            scratch.append(base + pos + 1, qi - pos - 1)
                        }
                        scratch.append(base + p, tailEnd - p)
                    }
                    if unescaped >= 0 {
                        addField(-(unescaped + 1), scratch.count - unescaped)
                    } else {
                        addField(pos + 1, qi - pos - 1)
                    }
                    pos = tail
                    break
                }
            } else {
                var p = pos
                // Eight bytes at a time: a zero byte in (word ^ pattern) marks a separator, LF or CR.
                let sepMask = UInt64(sep) &* 0x0101_0101_0101_0101
                while p + 8 <= limit {
                    let w = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
                    let a = w ^ sepMask, b = w ^ 0x0A0A_0A0A_0A0A_0A0A, c = w ^ 0x0D0D_0D0D_0D0D_0D0D
                    let hit = ((a &- 0x0101_0101_0101_0101) & ~a | (b &- 0x0101_0101_0101_0101) & ~b
                               | (c &- 0x0101_0101_0101_0101) & ~c) & 0x8080_8080_8080_8080
                    if hit != 0 { p += hit.trailingZeroBitCount >> 3; break }
                    p += 8
                }
                while p < limit {
                    let c = base[p]
                    if c == sep || c == 10 || c == 13 { break }
                    p += 1
                }
                addField(pos, p - pos)
                pos = p
            }
            // After a field: separator, end of line (LF, CRLF or a lone CR) or end of input.
            if pos >= limit { return .record }
            if base[pos] == sep { pos += 1; continue }
            if base[pos] == 13 && pos + 1 < limit && base[pos + 1] == 10 { pos += 2 } else { pos += 1 }
            line += 1
            return .record
        }
    }

    /// Line ends in [from, to): LF, CRLF (counted once, at its LF) and lone CRs.
    @inline(__always)
    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var n = 0
        var p = from
        while p < to, let q = memchr(base + p, 10, to - p) {
            n += 1
            p = UnsafePointer<UInt8>(q.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        if n == 0, to > from, memchr(base + from, 13, to - from) != nil {
            // No LF at all here: lone CRs are the line ends (a CR-only file).
            for i in from..<to where base[i] == 13 && (i + 1 >= limit || base[i + 1] != 10) { n += 1 }
        }
        return n
    }
}

/// Growable byte buffer for unescaped quoted fields; fields refer to it by offset, so growing it
/// (which may move it) does not invalidate them.
final class ScratchBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 16
    var count = 0
    init() { base = .allocate(capacity: capacity) }
    deinit { base.deallocate() }
    func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard n > 0 else { return }
        if count + n > capacity {
            var c = capacity * 2
            while count + n > c { c *= 2 }
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            nb.update(from: base, count: count)
            base.deallocate()
            base = nb
            capacity = c
        }
        (base + count).update(from: p, count: n)
        count += n
    }
}

/// Field positions of the current record; doubles when a record has more fields (a header of
/// 300 columns, a hostile line of 100,000 commas), so no field is ever read past the slots.
final class FieldSlots {
    private(set) var capacity = 64
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var counts: UnsafeMutablePointer<Int>
    init() {
        starts = .allocate(capacity: capacity)
        counts = .allocate(capacity: capacity)
    }
    func grow() {
        let c = capacity * 2
        let s = UnsafeMutablePointer<Int>.allocate(capacity: c), n = UnsafeMutablePointer<Int>.allocate(capacity: c)
        s.update(from: starts, count: capacity); n.update(from: counts, count: capacity)
        starts.deallocate(); counts.deallocate()
        starts = s; counts = n; capacity = c
    }
    deinit { starts.deallocate(); counts.deallocate() }
}
