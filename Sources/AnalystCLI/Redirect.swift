import AnalystCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `.once FILE` and `.output FILE`: while one input is evaluated, file descriptor 1 points at the
/// file, so everything it prints (results, print, io.write) lands there, as in sqlite3's shell.
/// Prompts and messages between inputs always go to the screen.
public final class Redirect {
    /// Where `.once`/`.output` may write (--sandbox: only under --output-dir).
    let policy: OutputPolicy
    private var onceFd: Int32 = -1
    private var alwaysFd: Int32 = -1
    private var savedFd: Int32 = -1

    init(policy: OutputPolicy) { self.policy = policy }

    deinit { reset(); closeOnce() }

    private func open(_ path: String) throws -> Int32 {
        // --sandbox: only under --output-dir (OutputPolicy); never a path with a NUL byte.
        do { try policy.check(path) } catch { throw DotCommands.Failure("\(error)") }
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw DotCommands.Failure("cannot write \(path): \(String(cString: strerror(errno)))") }
        return fd
    }

    func once(_ path: String) throws {
        closeOnce()
        onceFd = try open(path)
    }

    func always(_ path: String) throws {
        let fd = try open(path)
        reset()
        alwaysFd = fd
    }

    /// Back to the screen (`.output` alone).
    func reset() {
        if alwaysFd >= 0 { close(alwaysFd); alwaysFd = -1 }
    }

    private func closeOnce() {
        if onceFd >= 0 { close(onceFd); onceFd = -1 }
    }

    /// Runs `body` with standard output sent where the user asked. A `.once` file is used up
    /// unless `consumed` says the body produced nothing (an unfinished statement).
    func around<T>(_ body: () -> T, consumed: (T) -> Bool = { _ in true }) -> T {
        let target = onceFd >= 0 ? onceFd : alwaysFd
        guard target >= 0 else { return body() }
        fflush(nil)
        savedFd = dup(1)
        dup2(target, 1)
        let result = body()
        fflush(nil)
        dup2(savedFd, 1)
        close(savedFd)
        savedFd = -1
        if consumed(result) { closeOnce() }
        return result
    }

    /// Whether results currently go to the screen (for colour and box drawing).
    var toScreen: Bool { onceFd < 0 && alwaysFd < 0 }
}
