/// The options of lua.c that take their argument attached (`-eCODE`, `-lmod`) and `-l`'s
/// `global=module` form. Kept apart from Options.swift, which holds analyst's own options.
extension Options {
    /// `-l mod` requires `mod` and stores the result in the global `mod`; `-l g=mod` in `g`.
    /// `after`: how many `-e` chunks come before it, so that `-e` and `-l` run in the order given.
    public struct Library: Equatable {
        public var global: String
        public var module: String
        public var after: Int

        init(_ spec: String, after: Int) throws {
            guard !spec.isEmpty else { throw UsageError(description: "'-l' needs an argument") }
            if let eq = spec.firstIndex(of: "=") {
                global = String(spec[..<eq])
                module = String(spec[spec.index(after: eq)...])
            } else {
                global = spec
                module = spec
            }
            // lua.c: the global name is the module name up to the first '-' (`-l a-b` sets `a`).
            if !spec.contains("="), let dash = global.firstIndex(of: "-") { global = String(global[..<dash]) }
            self.after = after
        }
    }

    /// One step of the command line before the script, in the order given.
    public enum Step: Equatable { case code(String), library(Library) }

    public var steps: [Step] {
        var out: [Step] = []
        for (i, code) in expressions.enumerated() {
            out += libraries.filter { $0.after == i }.map(Step.library)
            out.append(.code(code))
        }
        out += libraries.filter { $0.after >= expressions.count }.map(Step.library)
        return out
    }

    /// `-eCODE` appends CODE and returns true; `-lmod` appends the library and returns true;
    /// a bare `-l` returns false (its argument is the next word); anything else nil.
    mutating func attachedLuaOption(_ a: String) throws -> Bool? {
        if a == "-l" { return false }
        guard a.count > 2, a.hasPrefix("-"), !a.hasPrefix("--") else { return nil }
        let rest = String(a.dropFirst(2))
        if a.hasPrefix("-e") { expressions.append(rest); return true }
        if a.hasPrefix("-l") { libraries.append(try Library(rest, after: expressions.count)); return true }
        return nil
    }
}
