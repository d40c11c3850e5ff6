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

    /// NUL bytes, over-long lines and invalid UTF-8, in one pass. nil when the bytes are clean text.
    static func check(_ b: [UInt8], path: String) -> Diagnostic? {
        var line = 1, lineStart = 0, i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x0A {
                line += 1; lineStart = i + 1; i += 1; continue
            }
            if i - lineStart >= maxLineBytes {
                return Diagnostic(file: path, line: line, message: "line is longer than 1 MB; not a text file for the corpus")
            }
            if c == 0 {
                return Diagnostic(file: path, line: line, message: "NUL byte: binary file, not UTF-8 text")
            }
            if c < 0x80 { i += 1; continue }
            // Multi-byte UTF-8: reject overlongs, surrogates and code points past U+10FFFF.
            var len = 0, lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return invalid(path, line)
            }
            guard i + len <= n else { return invalid(path, line) }
            if b[i + 1] < lo || b[i + 1] > hi { return invalid(path, line) }
            var k = 2
            while k < len {
                if b[i + k] < 0x80 || b[i + k] > 0xBF { return invalid(path, line) }
                k += 1
            }
            i += len
        }
        return nil
    }

    private static func invalid(_ path: String, _ line: Int) -> Diagnostic {
        Diagnostic(file: path, line: line, message: "invalid UTF-8 (the file must be UTF-8 text)")
    }
}
