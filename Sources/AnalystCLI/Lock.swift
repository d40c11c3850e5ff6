import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `--lock FILE`: an exclusive flock held for the whole run (released by the kernel when analyst
/// exits, however it exits). The holder writes its pid into the file so the loser can name it.
struct RunLock {
    let fd: Int32

    enum Failure: Error, CustomStringConvertible {
        case busy(path: String, holder: String?, waited: Double?)
        case cannotOpen(path: String, reason: String)

        var description: String {
            switch self {
            case .busy(let path, let holder, let waited):
                let who = holder.map { " (pid \($0))" } ?? ""
                let how = waited.map { "after waiting \(Runner.formatMB($0)) s" } ?? "--lock-wait not given"
                return "lock \(path) is held by another run\(who); giving up (\(how)); try again later"
            case .cannotOpen(let path, let reason):
                return "cannot open lock file \(path): \(reason)"
            }
        }
    }

    /// Takes the lock at once, or polls for up to `wait` seconds.
    static func acquire(_ path: String, wait: Double?) throws -> RunLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        let deadline = Date().addingTimeInterval(wait ?? 0)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw Failure.cannotOpen(path: path, reason: reason)
            }
            if Date() >= deadline {
                let holder = holderPid(fd)
                close(fd)
                throw Failure.busy(path: path, holder: holder, waited: wait)
            }
            usleep(50_000)
        }
        // Ours now: record who holds it.
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { Glibc.pwrite(fd, $0, strlen($0), 0) }
        return RunLock(fd: fd)
    }

    private static func holderPid(_ fd: Int32) -> String? {
        var buf = [CChar](repeating: 0, count: 32)
        let n = pread(fd, &buf, 31, 0)
        guard n > 0 else { return nil }
        let s = String(cString: buf).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty || Int(s) == nil ? nil : s
    }
}
