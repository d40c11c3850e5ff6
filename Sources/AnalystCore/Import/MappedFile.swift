#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file. Parsers release the pages behind them
/// (`MADV_DONTNEED`): the kernel's page cache keeps the file, but our resident set does not grow
/// with it, so a 360 MB file does not add 360 MB to peak RSS.
final class MappedFile: @unchecked Sendable {
    let path: String
    let count: Int
    let base: UnsafePointer<UInt8>
    private let mapping: UnsafeMutableRawPointer?
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ImportError(path: path, line: 0, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ImportError(path: path, line: 0, message: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw ImportError(path: path, line: 0, message: "is a directory") }
        count = Int(st.st_size)
        if count == 0 {
            mapping = nil
            base = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
            return
        }
        guard let m = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), m != MAP_FAILED else {
            throw ImportError(path: path, line: 0, message: "cannot map file: \(String(cString: strerror(errno)))")
        }
        mapping = m
        _ = madvise(m, count, MADV_SEQUENTIAL)
        base = UnsafePointer(m.assumingMemoryBound(to: UInt8.self))
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
        if let mapping { munmap(mapping, count) } else { UnsafeMutablePointer(mutating: base).deallocate() }
    }
}
