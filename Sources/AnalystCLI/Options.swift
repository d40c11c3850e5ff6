/// The command line, parsed the way the `lua` interpreter parses its own:
/// `analyst [options] [script [args]]`; the first non-option ends the options.
public struct Options: Equatable {
    public enum Chunk: Equatable { case code(String), file(String), stdin }

    /// `-e` code, in order, then the script.
    public var expressions: [String] = []
    public var script: Chunk?
    public var scriptArguments: [String] = []
    /// Everything before the script (for arg's negative indices).
    public var interpreterArguments: [String] = []
    public var interactive = false
    public var showVersion = false
    public var showHelp = false
    public var quiet = false
    public var batch = false
    public var timeout: Double?
    public var maxMemoryMB: Double?
    public var corpusDirectory: String?
    public var check = false
    public var evalGold: String?
    public var lockFile: String?
    public var lockWait: Double?
    public var sandbox = false
    public var outputDirectory: String?
    public var eventFiles: [String] = []
    public var strict = false
    /// `.bail on` from the start: piped shell input stops at the first error (sqlite3's -bail).
    public var bail = false
    /// lua.c's `-l mod` / `-l g=mod`, `-E`, `-W` (see Options+Lua.swift).
    public var libraries: [Library] = []
    public var ignoreEnvironment = false
    public var warnings = false
    /// `--no-cache`: import `--events` files without the snapshot cache (docs/import.md).
    public var noCache = false

    public init() {}

    public struct UsageError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `arguments` (without the program name).
    public static func parse(_ arguments: [String]) throws -> Options {
        var o = Options()
        var i = 0
        func value(_ name: String) throws -> String {
            i += 1
            guard i < arguments.count else { throw UsageError(description: "'\(name)' needs an argument") }
            return arguments[i]
        }
        // Bounded, so that converting to bytes or nanoseconds later can never trap.
        func number(_ name: String, max: Double = 1e9) throws -> Double {
            let v = try value(name)
            guard let d = Double(v), d.isFinite, d > 0 else {
                throw UsageError(description: "'\(name)' needs a positive number, got '\(v)'")
            }
            guard d <= max else {
                throw UsageError(description: "'\(name)' is at most \(Int(max)), got '\(v)'")
            }
            return d
        }
        while i < arguments.count {
            let a = arguments[i]
            // --name=value is accepted for long options
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "="), a.count > 2 {
                let name = String(a[..<eq]), rest = String(a[a.index(after: eq)...])
                var expanded = Array(arguments[..<i])
                expanded += [name, rest]
                expanded += arguments[(i + 1)...]
                return try parse(expanded)
            }
            if let attached = try o.attachedLuaOption(a) {   // -eCODE, -lmod, as lua.c
                if !attached { o.libraries.append(try Library(try value(a), after: o.expressions.count)) }
                i += 1
                continue
            }
            switch a {
            case "-e": o.expressions.append(try value(a))
            case "-i": o.interactive = true
            case "-v", "--version": o.showVersion = true
            case "-h", "--help": o.showHelp = true
            case "-q", "--quiet": o.quiet = true
            case "--batch": o.batch = true
            case "--timeout": o.timeout = try number(a)
            case "--max-memory": o.maxMemoryMB = try number(a)
            case "--corpus": o.corpusDirectory = try value(a)
            case "--check": o.check = true
            case "--eval": o.evalGold = try value(a)
            case "--lock": o.lockFile = try value(a)
            case "--lock-wait": o.lockWait = try number(a)
            case "--sandbox": o.sandbox = true
            case "--output-dir": o.outputDirectory = try value(a)
            case "--events": o.eventFiles.append(try value(a))
            case "--strict": o.strict = true
            case "--bail": o.bail = true
            case "-E": o.ignoreEnvironment = true
            case "-W": o.warnings = true
            case "--no-cache": o.noCache = true
            case "--":
                i += 1
                if i < arguments.count { return o.settingScript(.file(arguments[i]), arguments, at: i) }
                return o
            case "-":
                return o.settingScript(.stdin, arguments, at: i)
            default:
                if a.hasPrefix("-") && a.count > 1 { throw UsageError(description: "unrecognized option '\(a)'") }
                return o.settingScript(.file(a), arguments, at: i)
            }
            i += 1
        }
        return o
    }

    private func settingScript(_ chunk: Chunk, _ arguments: [String], at i: Int) -> Options {
        var o = self
        o.script = chunk
        o.interpreterArguments = Array(arguments[..<i])
        o.scriptArguments = Array(arguments[(i + 1)...])
        return o
    }

    public static let usage = """
    usage: analyst [options] [script [args]]
    Runs Lua 5.4 scripts over a corpus of news articles and the conflict events found in them.

    Lua options (as the lua interpreter):
      -e CODE            run CODE (repeatable, in order, before the script; -eCODE too)
      -l MOD, -l G=MOD   require MOD into global MOD (or G) before the script
      -E                 ignore LUA_INIT, LUA_PATH and LUA_CPATH
      -W                 turn Lua warnings on
      -i                 enter the interactive shell after running the script
      -                  read the script from standard input
      --                 stop handling options
      -v, --version      print the version
      -h, --help         print this help
    Corpus:
      --corpus DIR       load articles (and gazetteer, actors, lexicons) from DIR
      --check            validate the corpus, list every problem as file:line, exit 65 on errors
      --eval GOLD.tsv    score the extractor against gold annotations
      --events FILE      import ACLED or GDELT events (repeatable)
      --strict           a bad article or imported row stops the run before the script (exit 65)
      --no-cache         import --events files again, without the snapshot cache
    Limits and batch mode:
      --timeout SECONDS  stop the script after this much wall-clock time (exit 75)
      --max-memory MB    refuse memory past this size, Lua's and the host's for the script (exit 71)
      --batch            never prompt or colour; diagnostics with timestamps on stderr
      --bail             piped shell input stops at the first error (.bail on)
      --lock FILE        hold an exclusive lock while running; exit 75 if another run holds it
      --lock-wait SECS   wait up to SECS for the lock instead
      --sandbox          no processes, native code or bytecode; writes only under --output-dir
      --output-dir DIR   where sandboxed scripts may write (default: a fresh folder)
      -q, --quiet        no banner in the shell

    With no script: the interactive shell when standard input is a terminal, otherwise standard
    input runs as a script. Exit codes: see docs/cli.md.
    """
}
