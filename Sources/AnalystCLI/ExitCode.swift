/// The exit codes of `analyst`, documented in docs/cli.md. They follow BSD sysexits where one fits.
public enum ExitCode: Int32, CaseIterable {
    case success = 0
    /// The script raised an error.
    case scriptError = 1
    /// Bad command line (EX_USAGE).
    case usage = 64
    /// Bad data: the corpus or an input file is invalid (EX_DATAERR).
    case dataError = 65
    /// An input file is missing or unreadable (EX_NOINPUT).
    case noInput = 66
    /// A bug in analyst itself (EX_SOFTWARE).
    case internalError = 70
    /// Out of memory: the --max-memory cap (or the system) refused an allocation (EX_OSERR).
    case outOfMemory = 71
    /// An output file cannot be created (EX_CANTCREAT).
    case cannotCreate = 73
    /// Try again later: the lock is held by another run, or the --timeout ran out (EX_TEMPFAIL).
    case busyOrTimeout = 75
    /// Stopped by SIGHUP (the terminal or session went away), as shells report 128+1.
    case hangup = 129
    /// Interrupted by Ctrl-C (SIGINT), as shells report 128+2.
    case interrupted = 130
    /// Stopped by SIGTERM, as shells report 128+15.
    case terminated = 143
}
