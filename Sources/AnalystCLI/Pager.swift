import Foundation

/// Long results through a pager, as psql and DuckDB do: only on a terminal, only when the result
/// has more lines than the screen, never under `--sandbox` (no processes). The command is
/// `.pager CMD`, else `$PAGER`, else `less -FRSX` (quit at once when the text fits, keep colour,
/// chop long lines, leave the text on screen).
struct Pager {
    enum Setting: Equatable { case auto, off, command(String) }
    var setting: Setting = .auto

    var description: String {
        switch setting {
        case .auto: return "auto (" + command + ")"
        case .off: return "off"
        case .command(let c): return c
        }
    }

    var command: String {
        if case .command(let c) = setting { return c }
        if let env = ProcessInfo.processInfo.environment["PAGER"], !env.isEmpty { return env }
        return "less -FRSX"
    }

    /// Whether `text` should go through the pager rather than straight to the screen.
    func wants(_ text: String, sandboxed: Bool, toScreen: Bool) -> Bool {
        guard setting != .off, !sandboxed, toScreen, isatty(0) != 0, isatty(1) != 0,
              let height = TableFit.terminalHeight() else { return false }
        var lines = 0
        for byte in text.utf8 where byte == UInt8(ascii: "\n") {
            lines += 1
            if lines >= height - 1 { return true }
        }
        return false
    }

    /// Shows `text` through the pager and waits for it; false when it could not run (the caller
    /// then writes the text itself).
    func show(_ text: String) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let pipe = Pipe()
        p.standardInput = pipe
        // The pager may quit before reading everything (q in less): a closed pipe is not an error.
        // Ctrl-C belongs to the pager while it runs, not to the next Lua input.
        let oldPipe = signal(SIGPIPE, SIG_IGN), oldInt = signal(SIGINT, SIG_IGN)
        defer { signal(SIGPIPE, oldPipe); signal(SIGINT, oldInt) }
        do { try p.run() } catch { return false }
        let data = Data(text.utf8)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(pipe.fileHandleForWriting.fileDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        try? pipe.fileHandleForWriting.close()
        p.waitUntilExit()
        // 126/127: the shell could not run the command (no `less` on a minimal system).
        return !(p.terminationReason == .exit && (p.terminationStatus == 126 || p.terminationStatus == 127))
    }
}
