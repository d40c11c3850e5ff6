import AnalystCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file. Parsers release the pages behind them
/// (`MADV_DONTNEED`): the kernel's page cache keeps the file, but our resident set does not grow
/// with it, so a 360 MB file does not add 360 MB to peak RSS.
///
/// A file that shrinks while it is mapped (an in-place download, a `> file` in another shell)
/// would end the process with SIGBUS on the first page past its new end. `MapGuard` catches that
/// signal for our mappings only, maps zero pages over the missing part so the parser finishes
/// harmlessly, and marks the file; `checkUnchanged()` then reports it as a clear error.
final class MappedFile: @unchecked Sendable {
    let path: String
    let count: Int
    let base: UnsafePointer<UInt8>
    private let mapping: UnsafeMutableRawPointer?
    private let slot: Int
    private let modified: (sec: Int, nsec: Int)
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    init(path: String) throws {
        self.path = path
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw ImportError(path: path, line: 0, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ImportError(path: path, line: 0, message: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw ImportError(path: path, line: 0, message: "is a directory") }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw ImportError(path: path, line: 0, message: "not a regular file (a pipe or device cannot be imported; copy it to a file first)")
        }
        count = Int(st.st_size)
        modified = MappedFile.mtime(st)
        if count == 0 {
            mapping = nil
            slot = -1
            base = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
            return
        }
        guard let m = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), m != MAP_FAILED else {
            throw ImportError(path: path, line: 0, message: "cannot map file: \(String(cString: strerror(errno)))")
        }
        mapping = m
        _ = madvise(m, count, MADV_SEQUENTIAL)
        base = UnsafePointer(m.assumingMemoryBound(to: UInt8.self))
        slot = MapGuard.register(start: Int(bitPattern: m), length: count)
    }

    private static func mtime(_ st: stat) -> (sec: Int, nsec: Int) {
        #if canImport(Glibc)
        return (Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec))
        #else
        return (Int(st.st_mtimespec.tv_sec), Int(st.st_mtimespec.tv_nsec))
        #endif
    }

    /// Throws when the file shrank while it was read (a SIGBUS was caught on its map) or when its
    /// size or modification time changed since it was opened: the rows read may be half old and
    /// half new, so none are kept.
    func checkUnchanged() throws {
        if slot >= 0 && MapGuard.faulted(slot) {
            throw ImportError(path: path, line: 0, message: "the file shrank while it was being imported (is it still being written?); nothing was imported")
        }
        var st = stat()
        if stat(path, &st) == 0 && (Int(st.st_size) != count || MappedFile.mtime(st) != modified) {
            throw ImportError(path: path, line: 0, message: "the file changed while it was being imported (is it still being written?); nothing was imported")
        }
    }

    /// Drops our mapping of the whole pages in [from, to) from the resident set (data stays readable:
    /// touching them again reads them back from the page cache).
    func release(from: Int, to: Int) {
        guard let mapping else { return }
        let ps = MappedFile.pageSize
        let a = (from + ps - 1) / ps * ps, b = min(to, count) / ps * ps
        if b > a { _ = madvise(mapping + a, b - a, MADV_DONTNEED) }
    }

    deinit {
        if let mapping {
            MapGuard.unregister(slot)
            munmap(mapping, count)
        } else { UnsafeMutablePointer(mutating: base).deallocate() }
    }
}

/// The SIGBUS handler for mapped import files. A fixed table of (start, length, faulted) in
/// memory allocated once, so the handler touches no Swift runtime state; a fault outside every
/// registered map restores the previous action and returns, so the fault happens again as before.
enum MapGuard {
    static let slots = 64
    /// [start, length, faulted] per slot; start 0 = free.
    // nonisolated(unsafe) here: the SIGBUS handler reads these without locks (it may not take
    // one); writers hold `lock`, and a slot is published by its start only once complete.
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: slots * 3)
        p.initialize(repeating: 0, count: slots * 3)
        return p
    }()
    nonisolated(unsafe) private static var previous = sigaction()
    nonisolated(unsafe) private static var installed = false
    private static let lock = MapGuardLock()

    static func register(start: Int, length: Int) -> Int {
        lock.locked {
            let t = table
            installIfNeeded()
            for i in 0..<slots where t[i * 3] == 0 {
                t[i * 3 + 1] = length; t[i * 3 + 2] = 0
                t[i * 3] = start
                return i
            }
            return -1   // more than 64 files mapped at once: unguarded, as before
        }
    }

    static func unregister(_ i: Int) {
        guard i >= 0 else { return }
        lock.locked { table[i * 3] = 0 }
    }

    static func faulted(_ i: Int) -> Bool { i >= 0 && table[i * 3 + 2] != 0 }

    private static func installIfNeeded() {
        guard !installed else { return }
        installed = true
        #if os(Linux)
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = { _, info, _ in
            let addr = Int(bitPattern: info?.pointee._sifields._sigfault.si_addr)
            MapGuard.handle(faultAddress: addr)
        }
        action.sa_flags = SA_SIGINFO | SA_NODEFER
        sigemptyset(&action.sa_mask)
        sigaction(SIGBUS, &action, &previous)
        #endif
    }

    /// Signal context: plain loads and stores, mmap and sigaction only.
    private static func handle(faultAddress addr: Int) {
        let t = table
        let ps = MappedFile.pageSize
        for i in 0..<slots {
            let start = t[i * 3], length = t[i * 3 + 1]
            guard start != 0, addr >= start, addr < start + length else { continue }
            t[i * 3 + 2] = 1
            // Zero pages from the faulting page to the end of the map: the parser reads zeros
            // (ordinary bytes to it) and stops at the map's end; the import is then refused.
            let page = addr / ps * ps
            let end = (start + length + ps - 1) / ps * ps
            _ = mmap(UnsafeMutableRawPointer(bitPattern: page), end - page, PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            return
        }
        // Not ours: put the previous action back; returning re-runs the access, which faults again.
        sigaction(SIGBUS, &previous, nil)
    }
}

/// A pthread mutex for the map table (no Foundation in this file).
final class MapGuardLock: @unchecked Sendable {
    private var m = pthread_mutex_t()
    init() { pthread_mutex_init(&m, nil) }
    deinit { pthread_mutex_destroy(&m) }
    func locked<T>(_ f: () -> T) -> T {
        pthread_mutex_lock(&m); defer { pthread_mutex_unlock(&m) }
        return f()
    }
}
