import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where analyst may write. The command line makes one per run (under `--sandbox`, `allowedRoot`
/// is the real path of `--output-dir`) and hands it to every writer (AtomicFile, the API's exports,
/// the sandboxed io/os functions, the shell's `.output`), which ask `check` first. It is a value
/// passed explicitly, so a writer cannot forget it: `AtomicFile` requires one.
public struct OutputPolicy: Sendable {
    /// Real path of the only folder writes may go to; nil = anywhere.
    public var allowedRoot: String?

    public init(allowedRoot: String? = nil) { self.allowedRoot = allowedRoot }

    /// Writes anywhere the system allows (no --sandbox; caches of our own).
    public static let unrestricted = OutputPolicy()

    public struct Refused: Error, CustomStringConvertible {
        public var description: String
    }

    /// Throws `Refused` when `path` contains a NUL byte (the C library would stop there and touch
    /// another file than the one checked), or (under --sandbox) when `path`, resolved as the kernel
    /// will resolve it (symlinks, dangling ones included, and `..`), is outside `allowedRoot`.
    /// Returns the resolved path.
    @discardableResult
    public func check(_ path: String) throws -> String {
        if path.utf8.contains(0) {
            throw Refused(description: "path \(String(reflecting: path)) contains a NUL byte; refused")
        }
        let resolved = OutputPolicy.resolve(path)
        guard let root = allowedRoot else { return resolved }
        if resolved == root || resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return resolved }
        throw Refused(description: "sandbox: writing \(resolved) is outside --output-dir \(root)")
    }

    /// Whether `inner` is `outer` or lies inside it (both real paths).
    public static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// The real path a write to `path` would touch, even if the file does not exist yet: the real
    /// path if it exists; the target of a dangling symlink (which open(O_CREAT) would create);
    /// else the resolved folder plus the name, with `.` and `..` applied to resolved folders the way
    /// the kernel applies them (a path through a missing folder fails in the kernel anyway).
    public static func resolve(_ path: String) -> String {
        resolve(path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path, links: 0)
    }

    private static func resolve(_ absolute: String, links: Int) -> String {
        if let real = realPath(absolute) { return real }
        var bytes = Array(absolute.utf8)
        while bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return absolute }
        let parent = slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
        let name = String(decoding: bytes[(slash + 1)...], as: UTF8.self)
        if name.isEmpty { return "/" }
        var st = stat()
        if lstat(absolute, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            // A dangling symlink: writing through it creates its target. Too many links: the kernel
            // refuses (ELOOP); report the link itself, which the caller's check then judges.
            guard links < 40, let target = readLink(absolute) else { return absolute }
            return resolve(target.hasPrefix("/") ? target : parent + "/" + target, links: links + 1)
        }
        let folder = resolve(parent, links: links)
        switch name {
        case ".": return folder
        case "..":
            guard let up = folder.lastIndex(of: "/"), folder != "/" else { return "/" }
            return up == folder.startIndex ? "/" : String(folder[..<up])
        default: return (folder == "/" ? "" : folder) + "/" + name
        }
    }

    static func readLink(_ path: String) -> String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buf, Int(PATH_MAX))
        guard n > 0 else { return nil }
        return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// Writes files so that readers see either the old content or the whole new content, never a
/// partial file: the bytes go to a temporary file in the same folder, which is fsynced and then
/// renamed over the target. Temporary files in progress are registered so that SIGTERM (or any
/// exit path of analyst) removes them (see `removeTemporaryFiles` and `signalSafeCleanup`).
public enum AtomicFile {
    /// A write the system refused (exit 73 when it ends the run: the command line maps the type).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ data: Data, to path: String, policy: OutputPolicy) throws {
        try write([UInt8](data), to: path, policy: policy)
    }

    public static func write(_ bytes: [UInt8], to path: String, policy: OutputPolicy) throws {
        let w = try Writer(path: path, policy: policy)
        do {
            try w.write(bytes)
            try w.commit()
        } catch {
            w.abort()
            throw error
        }
    }

    /// A file being written: `write` any number of times, then `commit` (rename into place) or
    /// `abort`. Dropped without commit, it aborts.
    public final class Writer {
        public let path: String
        public let temporaryPath: String
        private var fd: Int32
        private var slot: Int?

        public init(path: String, policy: OutputPolicy) throws {
            _ = try policy.check(path)   // a refusal is the script's fault: exit 1, not 73
            // Renaming over a device, a FIFO or a socket would replace it (as root, /dev/null or
            // /dev/full would become plain files): refuse what is not a regular file (through symlinks).
            var existing = stat()
            if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) != S_IFREG {
                throw Failure(description: "cannot write \(path): " + ((existing.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "not a regular file"))
            }
            self.path = path
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent().path
            temporaryPath = folder + "/" + AtomicFile.temporaryName(for: url.lastPathComponent)
            slot = Registry.add(temporaryPath)
            var mode: mode_t = 0o666
            var st = stat()
            if stat(path, &st) == 0 { mode = st.st_mode & 0o7777 }   // keep the target's permissions
            fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if fd < 0 {
                let reason = String(cString: strerror(errno))
                Registry.remove(slot)
                throw Failure(description: "cannot create \(path): \(reason)")
            }
            if stat(path, &st) == 0 { fchmod(fd, mode) }   // umask must not narrow an existing file
        }

        deinit { abort() }

        public var isOpen: Bool { fd >= 0 }

        public func write(_ bytes: [UInt8]) throws {
            guard fd >= 0 else { throw Failure(description: "\(path): already closed") }
            try bytes.withUnsafeBytes { buf in
                var offset = 0
                while offset < buf.count {
                    let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        let reason = String(cString: strerror(errno))
                        throw Failure(description: "cannot write \(path): \(reason)")
                    }
                    offset += n
                }
            }
        }

        public func write(_ text: String) throws { try write(Array(text.utf8)) }

        /// fsync, close, rename over the target, fsync the folder.
        public func commit() throws {
            guard fd >= 0 else { throw Failure(description: "\(path): already closed") }
            let ok = fsync(fd) == 0 || errno == EINVAL   // EINVAL: a file system without fsync
            let closed = close(fd) == 0
            fd = -1
            guard ok, closed, rename(temporaryPath, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                Registry.remove(slot)
                slot = nil
                throw Failure(description: "cannot create \(path): \(reason)")
            }
            Registry.remove(slot)
            slot = nil
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dfd >= 0 { fsync(dfd); close(dfd) }
        }

        /// Removes the temporary file; the target is untouched.
        public func abort() {
            if fd >= 0 { close(fd); fd = -1 }
            if slot != nil {
                unlink(temporaryPath)
                Registry.remove(slot)
                slot = nil
            }
        }
    }

    /// `.NAME.tmp-PID-N`, with NAME cut (on a character boundary) so the whole stays within the
    /// 255 bytes a file name may have: a 244-byte target name must still be writable.
    static func temporaryName(for name: String) -> String {
        let suffix = ".tmp-\(getpid())-\(nextSerial())"
        let room = 255 - 1 - suffix.utf8.count
        // Whole characters while they fit: linear in the kept part, whatever the name's length.
        var base = "", bytes = 0
        for c in name {
            bytes += c.utf8.count
            if bytes > room { break }
            base.append(c)
        }
        return "." + base + suffix
    }

    /// Removes every temporary file still in progress (exit paths of analyst call this).
    public static func removeTemporaryFiles() { Registry.unlinkAll() }

    /// Allocates the registry now, so a signal handler never has to.
    public static func prepareForSignals() { _ = Registry.used; _ = Registry.paths }

    /// The same, for a signal handler: touches only preallocated memory and calls unlink.
    public static let signalSafeCleanup: @convention(c) () -> Void = { Registry.unlinkAll() }

    private static let serial = Atomic<Int>(0)
    static func nextSerial() -> Int { serial.add(1, ordering: .relaxed).newValue }

    /// Temporary paths in fixed, preallocated C memory, so a signal handler can read them without
    /// allocating or taking locks. A slot is marked used only after its path is fully written.
    enum Registry {
        static let slots = 64
        static let width = Int(PATH_MAX)
        // nonisolated(unsafe): raw C memory that a signal handler reads; writers hold `lock` and
        // publish a slot through `used` only after its path is complete.
        nonisolated(unsafe) static let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slots * width)
        nonisolated(unsafe) static let used: UnsafeMutablePointer<Int32> = {
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: slots)
            p.initialize(repeating: 0, count: slots)
            return p
        }()
        static let lock = NSLock()

        static func add(_ path: String) -> Int? {
            let bytes = Array(path.utf8CString)
            guard bytes.count <= width else { return nil }
            _ = used   // initialise before any signal may look
            lock.lock()
            defer { lock.unlock() }
            for i in 0..<slots where used[i] == 0 {
                bytes.withUnsafeBufferPointer { (paths + i * width).update(from: $0.baseAddress!, count: $0.count) }
                used[i] = 1
                return i
            }
            return nil   // more than 64 files at once: still written atomically, just not tracked
        }

        static func remove(_ slot: Int?) {
            guard let slot else { return }
            lock.lock()
            used[slot] = 0
            lock.unlock()
        }

        static func unlinkAll() {
            for i in 0..<slots where used[i] != 0 {
                unlink(paths + i * width)
                used[i] = 0
            }
        }
    }
}
