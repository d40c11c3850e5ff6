import AnalystCore
import CLuaSupport
import Foundation
import LuaKit

/// SIGTERM and SIGHUP (cron's `timeout`, systemd, `kill`, a closed terminal), SIGINT in batch runs:
/// stop the run without leaving partial files. The first signal sets a flag and installs the Lua
/// hook, which raises "terminated (SIGTERM)" / "interrupted!" (pcall cannot swallow it); the runner
/// then removes temporary files and exits 143 / 129 / 130. If analyst does not get there within
/// `grace` seconds (stuck outside Lua), or a second signal arrives, the handler says so, removes the
/// temporary files and _exits with the same code.
enum Signals {
    static let graceSeconds: UInt32 = 2

    static func installTerminationHandler() {
        lk_watchdog_may_exit(1)   // the binary: a --timeout overrun outside the hook's reach ends the run
        AtomicFile.prepareForSignals()
        lk_install_sigterm(terminateNow, graceSeconds)
        lk_set_interrupt_fallback(interruptNow)
    }

    static var terminationRequested: Bool { LuaState.terminationRequested }

    /// The exit code for the termination signal received (143 for SIGTERM, 129 for SIGHUP).
    static var terminationExitCode: ExitCode { lk_terminate_signal() == SIGHUP ? .hangup : .terminated }

    /// Runs in signal context: only async-signal-safe calls.
    private static let terminateNow: @convention(c) () -> Void = {
        AtomicFile.signalSafeCleanup()
        _exit(lk_terminate_signal() == SIGHUP ? ExitCode.hangup.rawValue : ExitCode.terminated.rawValue)
    }

    private static let interruptNow: @convention(c) () -> Void = {
        AtomicFile.signalSafeCleanup()
        _exit(ExitCode.interrupted.rawValue)
    }

    /// Batch runs: Ctrl-C stops Lua code with "interrupted!" (exit 130) and a second one ends the
    /// process from the handler; either way temporary files go.
    static func installBatchInterruptHandler() { LuaState.installInterruptHandler() }

    /// --timeout for the work done before the script (importing --events, --check, --eval).
    static func armProcessDeadline(_ seconds: Double?) {
        guard let seconds else { return }
        lk_arm_process_deadline(seconds, AtomicFile.signalSafeCleanup)
    }
    static func disarmProcessDeadline() { lk_disarm_process_deadline() }

    /// The shell's prompt: Ctrl-C clears the line instead of killing analyst.
    static func installPromptInterruptHandler() { lk_install_prompt_sigint() }
    /// True (once) if Ctrl-C was pressed at the prompt since the last call.
    static func takePromptInterrupt() -> Bool { lk_take_prompt_interrupt() != 0 }
}
