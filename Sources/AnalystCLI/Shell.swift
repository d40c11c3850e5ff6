import Foundation
import LuaKit

/// Reads one line of input; nil at end of input.
public protocol LineReader {
    func readLine(prompt: String) -> String?
    func addHistory(_ entry: String)
}

/// The plain reader: prompts on stdout, reads stdin. (The libedit reader replaces it on a terminal.)
public struct PlainLineReader: LineReader {
    public var showPrompts: Bool
    public init(showPrompts: Bool) { self.showPrompts = showPrompts }
    public func readLine(prompt: String) -> String? {
        if showPrompts { print(prompt, terminator: ""); fflush(stdout) }
        return Swift.readLine(strippingNewline: true)
    }
    public func addHistory(_ entry: String) {}
}

/// The read-eval-print loop: `> ` prompts, `>> ` continues an unfinished statement, expressions
/// print their values, errors are reported and the loop goes on. Ctrl-D (end of input) leaves.
public final class Shell {
    let runner: Runner
    let reader: LineReader

    public init(runner: Runner, reader: LineReader) {
        self.runner = runner
        self.reader = reader
    }

    public func run() -> ExitCode {
        while let first = reader.readLine(prompt: "> ") {
            var input = first
            while true {
                let outcome = runner.lua.evaluate(input) { lua, range in
                    do { try lua.printValues(range) } catch let e as LuaError { self.runner.report(e) } catch {}
                }
                switch outcome {
                case .incomplete:
                    guard let more = reader.readLine(prompt: ">> ") else { return .success }
                    input += "\n" + more
                    continue
                case .failed(let error):
                    runner.report(error)
                    runner.lua.resetTrip()
                case .done:
                    break
                }
                break
            }
            if !input.isEmpty { reader.addHistory(input) }
        }
        return .success
    }
}
