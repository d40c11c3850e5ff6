import Foundation

/// Reads a corpus file defensively: size cap checked before reading, then NUL bytes, invalid UTF-8 and
/// over-long lines reported with the line they are on. Never hands undecodable bytes onwards.
enum SafeFile {
    static let maxFileBytes = 50 * 1024 * 1024
    static let maxLineBytes = 1024 * 1024

    /// The file's bytes, or the diagnostic that says why it cannot be used.
    static func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        // Open first (non-blocking, so a FIFO or a symlink to one cannot hang us), then decide on
        // what was opened: lstat on the path would see a symlink, not what it points to.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            return .failure(Diagnostic(file: path, line: 0, message: e == ENOENT
                ? "cannot read file (missing, or a dangling symlink)" : "cannot open file: \(String(cString: strerror(e)))"))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            return .failure(Diagnostic(file: path, line: 0, message: "cannot read file"))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(Diagnostic(file: path, line: 0, message: "not a regular file"))
        }
        let size = Int(st.st_size)
        if size > maxFileBytes {
            close(fd)
            return .failure(Diagnostic(file: path, line: 0,
                message: "file is \(size) bytes, larger than the \(maxFileBytes / 1024 / 1024) MB limit; not read"))
        }
        let fh = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { try? fh.close() }
        // Read at most one byte past the cap, in case the file grew since stat.
        let data: Data
        do { data = try fh.read(upToCount: maxFileBytes + 1) ?? Data() } catch {
            return .failure(Diagnostic(file: path, line: 0, message: "cannot read file: \(error.localizedDescription)"))
        }
        if data.count > maxFileBytes {
            return .failure(Diagnostic(file: path, line: 0,
                message: "file is larger than the \(maxFileBytes / 1024 / 1024) MB limit; not read"))
        }
        let bytes = [UInt8](data)
        if let d = check(bytes, path: path) { return .failure(d) }
        return .success(bytes)
    }

    /// The first of: a NUL byte, an over-long line, invalid UTF-8 (UTF8Check). nil when the bytes
    /// are clean text.
    static func check(_ b: [UInt8], path: String) -> Diagnostic? {
        let bad = b.withUnsafeBufferPointer { p in p.baseAddress.flatMap { UTF8Check.firstInvalid($0, from: 0, to: b.count) } }
        var line = 1, lineStart = 0
        for i in 0..<(bad ?? b.count) {
            let c = b[i]
            if c == 0x0A { line += 1; lineStart = i + 1; continue }
            if i - lineStart >= maxLineBytes {
                return Diagnostic(file: path, line: line, message: "line is longer than 1 MB; not a text file for the corpus")
            }
            if c == 0 {
                return Diagnostic(file: path, line: line, message: "NUL byte: binary file, not UTF-8 text")
            }
        }
        return bad == nil ? nil : invalid(path, line)
    }

    private static func invalid(_ path: String, _ line: Int) -> Diagnostic {
        Diagnostic(file: path, line: line, message: "invalid UTF-8 (the file must be UTF-8 text)")
    }
}
