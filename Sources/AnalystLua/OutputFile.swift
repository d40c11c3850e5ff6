import Foundation

/// Atomic file output: write a temporary file beside the target, flush it to disk, rename it over
/// the target. Readers see the old file or the new one, never half of one.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw OutputError("no such directory \(dir)")
        }
        // Renaming over a device, a FIFO or a socket would replace it (as root, /dev/null or
        // /dev/full become plain files): refuse what is not a regular file (through symlinks).
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            throw OutputError((st.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "not a regular file")
        }
        let temp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(String(cString: strerror(errno))) }
        var ok = false
        defer { if !ok { unlink(temp) } }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = String(cString: strerror(errno)); close(fd); throw OutputError(e)
            }
            offset += n
        }
        guard fsync(fd) == 0, close(fd) == 0 else { throw OutputError(String(cString: strerror(errno))) }
        guard rename(temp, path) == 0 else { throw OutputError(String(cString: strerror(errno))) }
        ok = true
    }
}

struct OutputError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
