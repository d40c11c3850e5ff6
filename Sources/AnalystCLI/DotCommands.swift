import Foundation
import LuaKit

/// A shell command starting with a dot (`.mode csv`), as in sqlite3's shell.
public struct DotCommand: Sendable {
    public var name: String
    /// Shown in .help after the name, e.g. "box|table|csv|json|markdown".
    public var arguments: String
    public var help: String
    public var run: @Sendable (Shell, [String]) throws -> Void

    public init(_ name: String, _ arguments: String = "", help: String, run: @escaping @Sendable (Shell, [String]) throws -> Void) {
        self.name = name
        self.arguments = arguments
        self.help = help
        self.run = run
    }
}

/// The dot-commands: the shell's own and `.schema`/`.fields` (SchemaCommands), a constant table.
public enum DotCommands {
    private static let commands: [String: DotCommand] = builtins().merging(SchemaCommands.commands) { _, schema in schema }

    public static func command(named name: String) -> DotCommand? { commands[name] }
    public static var all: [DotCommand] { commands.values.sorted { $0.name < $1.name } }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Splits `.once "my file.csv"` into ["once", "my file.csv"] (quotes group, no escapes).
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in line.dropFirst() {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    private static func onOff(_ args: [String], usage: String) throws -> Bool {
        switch args.first {
        case "on": return true
        case "off": return false
        default: throw Failure("usage: " + usage)
        }
    }

    private static func builtins() -> [String: DotCommand] {
        let list: [DotCommand] = [
            DotCommand("help", "[COMMAND]", help: "list the dot-commands, or show one") { shell, args in
                let shown = args.first.flatMap { name in DotCommands.command(named: name.hasPrefix(".") ? String(name.dropFirst()) : name) }
                    .map { [$0] } ?? DotCommands.all
                let width = shown.map { $0.name.count + $0.arguments.count + 2 }.max() ?? 0
                for c in shown {
                    let usage = "." + c.name + (c.arguments.isEmpty ? "" : " " + c.arguments)
                    shell.write(usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + c.help + "\n")
                }
            },
            DotCommand("mode", "box|table|csv|json|markdown", help: "how results are shown") { shell, args in
                guard let name = args.first else { shell.write("current mode: \(shell.mode.rawValue)\n"); return }
                guard let mode = OutputMode(rawValue: name) else {
                    throw Failure("unknown mode '\(name)'; use one of: " + OutputMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                shell.mode = mode
            },
            DotCommand("once", "FILE", help: "send the next result to FILE") { shell, args in
                guard let path = args.first else { throw Failure("usage: .once FILE") }
                try shell.redirect.once(path)
            },
            DotCommand("output", "[FILE]", help: "send all results to FILE; alone: back to the screen") { shell, args in
                if let path = args.first { try shell.redirect.always(path) } else { shell.redirect.reset() }
            },
            DotCommand("read", "FILE.lua", help: "run a Lua file in this session") { shell, args in
                guard let path = args.first else { throw Failure("usage: .read FILE.lua") }
                shell.runFile(path)
            },
            DotCommand("timer", "on|off", help: "show how long each input took") { shell, args in
                switch args.first {
                case "on": shell.timer = true
                case "off": shell.timer = false
                default: throw Failure("usage: .timer on|off")
                }
            },
            DotCommand("maxrows", "N", help: "rows shown before '... N more rows' (box and table modes)") { shell, args in
                guard let n = args.first.flatMap({ Int($0) }), n > 0 else { throw Failure("usage: .maxrows N") }
                shell.rowLimit = n
            },
            DotCommand("headers", "on|off", help: "show the header row of tables") { shell, args in
                shell.headers = try onOff(args, usage: ".headers on|off")
            },
            DotCommand("width", "[COLUMN] N", help: "widest a column may be (default 40); with COLUMN, that column only") { shell, args in
                switch args.count {
                case 1:
                    guard let n = Int(args[0]), n >= 4 else { throw Failure("usage: .width [COLUMN] N (N >= 4)") }
                    shell.maxColumnWidth = n
                case 2:
                    guard let n = Int(args[1]), n >= 4 else { throw Failure("usage: .width [COLUMN] N (N >= 4)") }
                    shell.columnWidths[args[0]] = n
                default: throw Failure("usage: .width [COLUMN] N (N >= 4)")
                }
            },
            DotCommand("wrap", "on|off", help: "wrap long cells onto more lines instead of cutting them") { shell, args in
                shell.wrap = try onOff(args, usage: ".wrap on|off")
            },
            DotCommand("pager", "on|off|COMMAND", help: "long results through a pager (default: $PAGER, else less -FRSX)") { shell, args in
                guard let first = args.first else { shell.write("pager: \(shell.pager.description)\n"); return }
                switch first {
                case "on", "auto": shell.pager.setting = .auto
                case "off": shell.pager.setting = .off
                default: shell.pager.setting = .command(args.joined(separator: " "))
                }
            },
            DotCommand("bail", "on|off", help: "without a terminal, stop at the first error (--bail)") { shell, args in
                shell.bail = try onOff(args, usage: ".bail on|off")
            },
            DotCommand("traceback", "on|off", help: "show the stack traceback of errors (always for .read)") { shell, args in
                shell.traceback = try onOff(args, usage: ".traceback on|off")
            },
            DotCommand("show", help: "the current settings") { shell, _ in
                let widths = shell.columnWidths.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                let lines: [(String, String)] = [
                    ("mode", shell.mode.rawValue),
                    ("headers", shell.headers ? "on" : "off"),
                    ("width", "\(shell.maxColumnWidth)" + (widths.isEmpty ? "" : " (" + widths.joined(separator: ", ") + ")")),
                    ("wrap", shell.wrap ? "on" : "off"),
                    ("maxrows", "\(shell.rowLimit)"),
                    ("timer", shell.timer ? "on" : "off"),
                    ("bail", shell.bail ? "on" : "off"),
                    ("traceback", shell.traceback ? "on" : "off"),
                    ("pager", shell.pager.description),
                    ("output", shell.redirect.toScreen ? "stdout" : "file"),
                ]
                for (k, v) in lines { shell.write(k.padding(toLength: max(9, k.count + 1), withPad: " ", startingAt: 0) + v + "\n") }
            },
            DotCommand("corpus", help: "summary of the loaded corpus") { shell, _ in
                shell.write((shell.runner.host.summary() ?? "no corpus loaded") + "\n")
            },
            DotCommand("reload", help: "load the corpus again from disk") { shell, _ in
                shell.write(try shell.runner.host.reload() + "\n")
            },
            DotCommand("quit", help: "leave the shell (also Ctrl-D)") { shell, _ in shell.quit = true },
            DotCommand("exit", help: "leave the shell") { shell, _ in shell.quit = true },
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }
}
