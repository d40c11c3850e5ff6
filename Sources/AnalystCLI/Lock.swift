import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `--lock FILE`: an exclusive flock held for the whole run (released by the kernel when analyst
/// exits, however it exits). The lock file only ever holds the lock: it is created if missing
/// (O_CREAT, mode 0600) and never truncated or written, so `--lock important.csv` cannot damage a
/// file. It is opened with O_NOFOLLOW and must be a regular file owned by the user running analyst:
/// a symlink or a file planted by someone else in a shared folder is refused (exit 73).
/// The holder's pid, for the message, comes from /proc/locks.
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
        // O_NONBLOCK: a FIFO planted under the name must not hang the open.
        let fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link (refused: locks are never followed)" : String(cString: strerror(errno))
            throw Failure.cannotOpen(path: path, reason: reason)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure.cannotOpen(path: path, reason: reason)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw Failure.cannotOpen(path: path, reason: "not a regular file")
        }
        guard st.st_uid == geteuid() else {
            close(fd)
            throw Failure.cannotOpen(path: path, reason: "owned by another user (uid \(st.st_uid)); use a folder only you can write, see docs/cron.md")
        }
        let deadline = Date().addingTimeInterval(wait ?? 0)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw Failure.cannotOpen(path: path, reason: reason)
            }
            if Date() >= deadline {
                let holder = holderPid(st)
                close(fd)
                throw Failure.busy(path: path, holder: holder, waited: wait)
            }
            usleep(50_000)
        }
        return RunLock(fd: fd)
    }

    /// The pid holding an exclusive FLOCK on the file, from /proc/locks
    /// (`1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234 0 EOF`); nil if it cannot be told.
    private static func holderPid(_ st: stat) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        let dev = UInt64(st.st_dev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        let id = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(st.st_ino))
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            // fields: "1:", FLOCK, ADVISORY, WRITE, pid, dev:ino, start, end (blocked waiters have "->")
            guard f.count >= 6, f[1] == "FLOCK", f[3] == "WRITE", f[5] == id, Int(f[4]) != nil else { continue }
            return String(f[4])
        }
        return nil
    }
}
