import AnalystCore
import CLuaSupport
import Foundation
import LuaKit

/// SIGTERM (cron's `timeout`, systemd, `kill`): stop the run without leaving partial files.
/// The first SIGTERM sets a flag that the Lua hook turns into the error "terminated (SIGTERM)"
/// (pcall cannot swallow it); the runner then removes temporary files and exits 143. If analyst
/// does not get there within `grace` seconds (stuck outside Lua), or a second SIGTERM arrives,
/// a watchdog removes the temporary files from the signal handler and _exits 143.
enum Signals {
    static let graceSeconds: UInt32 = 2

    static func installTerminationHandler() {
        AtomicFile.prepareForSignals()
        lk_install_sigterm(terminateNow, graceSeconds)
    }

    static var terminationRequested: Bool { LuaState.terminationRequested }

    /// Runs in signal context: only async-signal-safe calls.
    private static let terminateNow: @convention(c) () -> Void = {
        AtomicFile.signalSafeCleanup()
        _exit(ExitCode.terminated.rawValue)
    }

    /// The shell's prompt: Ctrl-C clears the line instead of killing analyst.
    static func installPromptInterruptHandler() { lk_install_prompt_sigint() }
    /// True (once) if Ctrl-C was pressed at the prompt since the last call.
    static func takePromptInterrupt() -> Bool { lk_take_prompt_interrupt() != 0 }
}
