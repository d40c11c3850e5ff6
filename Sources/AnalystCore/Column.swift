/// A column of plain values (integers, floats, flags) in memory it owns: one allocation whose
/// address does not move until the column is changed. The event store keeps its columns in these
/// so that C code (the Lua fast path, Sources/CEventIndex) can read them through a base address it
/// holds between calls: `pinned()` hands out the address together with the storage that keeps it
/// alive. An `Array`'s address is only valid inside `withUnsafeBufferPointer`, so it cannot be used
/// that way.
///
/// Value semantics like `Array` (copy on write): a changed copy gets its own storage, and the
/// storage a pin holds is never written again.
public struct Column<Element: BitwiseCopyable>: RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
    ExpressibleByArrayLiteral, @unchecked Sendable {
    // @unchecked Sendable: like Array, a Column is a value; its storage is shared only read-only
    // (a write to a shared storage copies first).

    /// The owned memory. A class so that copies share it until one of them writes.
    @usableFromInline
    final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        // Unchecked: a class's `var` is otherwise checked for exclusive access at run time on
        // every read, which made row loops 15% slower than over an Array. Writes happen only
        // through a uniquely referenced storage (copy on write), as with Array's own header.
        @exclusivity(unchecked) @usableFromInline var count: Int
        @usableFromInline let capacity: Int

        @usableFromInline
        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 1)
            base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
            count = 0
        }

        deinit { base.deallocate() }   // BitwiseCopyable: nothing to deinitialize
    }

    @usableFromInline var storage: Storage

    @inlinable public init() { storage = Storage(capacity: 0) }

    @inlinable public init(arrayLiteral elements: Element...) {
        self.init()
        append(contentsOf: elements)
    }

    @inlinable public init<S: Sequence>(_ elements: S) where S.Element == Element {
        self.init()
        append(contentsOf: elements)
    }

    /// `count` copies of `value`.
    @inlinable public init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base.initialize(repeating: value, count: count)
        storage.count = count
    }

    /// Like Array's: `body` initializes up to `capacity` elements and sets how many it did.
    @inlinable public init(unsafeUninitializedCapacity capacity: Int,
                           initializingWith body: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void) rethrows {
        storage = Storage(capacity: capacity)
        var buf = UnsafeMutableBufferPointer(start: storage.base, count: capacity)
        var done = 0
        try body(&buf, &done)
        precondition(done >= 0 && done <= capacity, "Column: initialized count out of range")
        storage.count = done
    }

    public typealias Index = Int
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }
    @inlinable public var count: Int { storage.count }
    @inlinable public var capacity: Int { storage.capacity }

    @inlinable public subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < storage.count, "Column index out of range")
            return storage.base[i]
        }
        set {
            precondition(i >= 0 && i < storage.count, "Column index out of range")
            makeUnique(capacity: storage.capacity)
            storage.base[i] = newValue
        }
    }

    /// Gives this column storage of its own with room for `capacity` elements (copying the
    /// elements) when the storage is shared or too small. Grows geometrically.
    @inlinable mutating func makeUnique(capacity needed: Int) {
        if isKnownUniquelyReferenced(&storage) && needed <= storage.capacity { return }
        let room = needed <= storage.capacity ? storage.capacity : Swift.max(needed, storage.capacity * 2)
        let fresh = Storage(capacity: room)
        fresh.base.initialize(from: storage.base, count: storage.count)
        fresh.count = storage.count
        storage = fresh
    }

    @inlinable public mutating func reserveCapacity(_ n: Int) {
        if n > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            let fresh = Storage(capacity: Swift.max(n, storage.count))
            fresh.base.initialize(from: storage.base, count: storage.count)
            fresh.count = storage.count
            storage = fresh
        }
    }

    @inlinable public mutating func append(_ x: Element) {
        makeUnique(capacity: storage.count + 1)
        (storage.base + storage.count).initialize(to: x)
        storage.count += 1
    }

    @inlinable public mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
        let done = elements.withContiguousStorageIfAvailable { buf -> Bool in
            makeUnique(capacity: storage.count + buf.count)
            if let src = buf.baseAddress { (storage.base + storage.count).initialize(from: src, count: buf.count) }
            storage.count += buf.count
            return true
        }
        if done != nil { return }
        makeUnique(capacity: storage.count + elements.underestimatedCount)
        for x in elements { append(x) }
    }

    @inlinable public mutating func removeAll(keepingCapacity keep: Bool = false) {
        if keep && isKnownUniquelyReferenced(&storage) { storage.count = 0 } else { storage = Storage(capacity: keep ? storage.capacity : 0) }
    }

    @inlinable public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with new: C) where C.Element == Element {
        precondition(range.lowerBound >= 0 && range.upperBound <= storage.count, "Column range out of bounds")
        let incoming = Array(new)
        let newCount = storage.count - range.count + incoming.count
        let fresh = Storage(capacity: Swift.max(newCount, storage.capacity))
        fresh.base.initialize(from: storage.base, count: range.lowerBound)
        incoming.withUnsafeBufferPointer { if let b = $0.baseAddress { (fresh.base + range.lowerBound).initialize(from: b, count: $0.count) } }
        (fresh.base + range.lowerBound + incoming.count).initialize(from: storage.base + range.upperBound,
                                                                     count: storage.count - range.upperBound)
        fresh.count = newCount
        storage = fresh
    }

    @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    @inlinable public mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        makeUnique(capacity: storage.capacity)
        var buf = UnsafeMutableBufferPointer(start: storage.base, count: storage.count)
        return try body(&buf)
    }

    @inlinable public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The base address and the storage that keeps it valid: hold `owner` for as long as the
    /// address is used. The column may change meanwhile; the pinned memory never does.
    public func pinned() -> (owner: AnyObject, base: UnsafePointer<Element>, count: Int) {
        (storage, UnsafePointer(storage.base), storage.count)
    }
}

extension Column: Equatable where Element: Equatable {
    public static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
}

/// What a block of plain values can be read into in one pass (a snapshot's sections, a batch's
/// computed columns): an Array or a Column.
public protocol UninitializedFillable<Element> {
    associatedtype Element
    init(unsafeUninitializedCapacity: Int, initializingWith: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void) rethrows
}
extension Array: UninitializedFillable {}
extension Column: UninitializedFillable {}
