import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `analyst` on a pseudo-terminal, as a user at a terminal would: its own session
/// with the pty as controlling terminal (so Ctrl-C, byte 0x03, becomes SIGINT), TERM=xterm.
/// `send` types bytes; `waitFor` reads the screen output until a text appears.
final class Terminal {
    let pid: pid_t
    private let master: Int32
    private let buffer = Buffer()
    private var reaped = false

    /// What the terminal showed so far; shared with the reading thread.
    private final class Buffer: @unchecked Sendable {
        let lock = NSLock()
        var bytes: [UInt8] = []
    }

    init(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&master, &slave, &name, nil, &size) == 0 else { throw POSIXError(.EIO) }
        let slaveName = String(cString: name)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        posix_spawnattr_setflags(&attr, Int16(0x80))   // POSIX_SPAWN_SETSID: a new session...
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        // ...whose first terminal opened becomes its controlling terminal
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var env = ["TERM": "xterm", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(),
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for (k, v) in environment { env[k] = v }
        let argv = [Binary.url.path] + arguments
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var child: pid_t = 0
        // posix_spawn_file_actions_addchdir_np is not imported: change ours around the spawn
        let previous = FileManager.default.currentDirectoryPath
        if let directory { FileManager.default.changeCurrentDirectoryPath(directory.path) }
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let rc = posix_spawn(&child, Binary.url.path, &actions, &attr, cArgs, cEnv)
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attr)
        close(slave)
        guard rc == 0 else { close(master); throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        pid = child
        self.master = master
        let buffer = self.buffer
        let fd = master
        Thread {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(fd, &chunk, chunk.count)
                if n <= 0 { break }
                buffer.lock.lock()
                buffer.bytes += chunk[0..<n]
                buffer.lock.unlock()
            }
        }.start()
    }

    deinit {
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        usleep(20_000)   // let the reader see the end before the descriptor goes
        close(master)
    }

    private func bytes(from offset: Int) -> String {
        buffer.lock.lock()
        defer { buffer.lock.unlock() }
        return String(decoding: buffer.bytes[min(offset, buffer.bytes.count)...], as: UTF8.self)
    }

    var screen: String { bytes(from: 0) }

    func send(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Waits until the output after `from` contains `text` (generous timeout: machines are busy).
    @discardableResult
    func waitFor(_ text: String, after from: Int = 0, timeout: Double = 30,
                 file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if bytes(from: from).contains(text) { return true }
            usleep(10_000)
        }
        XCTFail("timed out waiting for \(text.debugDescription); screen:\n\(screen)", file: file, line: line)
        return false
    }

    /// The end of the output so far, to wait for what comes next.
    var mark: Int {
        buffer.lock.lock()
        defer { buffer.lock.unlock() }
        return buffer.bytes.count
    }

    /// The output after `mark`.
    func since(_ mark: Int) -> String { bytes(from: mark) }

    /// Waits for the process to exit; returns its exit status.
    func wait(timeout: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { reaped = true; return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            usleep(10_000)
        }
        return nil
    }
}
