import AnalystCore
import Foundation
import LuaKit

/// `--sandbox`: what a script from elsewhere (cron, a colleague) may not do. The promise (see
/// docs/reliability.md, "Threat model"): no writes outside the output folder, no processes, no
/// native code, no bytecode. Reading files is not restricted, and Lua source read from anywhere
/// still runs inside the sandbox.
/// - no processes or native code: os.execute, io.popen, package.loadlib, C searchers are gone;
/// - code only from the script's folder and Scripts/ (the code roots): require, dofile, loadfile,
///   the shell's `.read` check real paths (symlinks and `..` resolved);
/// - text chunks only: the main script, standard input, `-e`, `.read`, shell input, load, loadfile;
/// - every path is a string without NUL bytes; writes (io.open in a write mode, io.output,
///   os.remove, os.rename, AtomicFile via OutputPolicy, `.output`/`.once`) only under the output
///   folder, which may neither be, contain nor lie inside a code root (else a sandboxed run could
///   rewrite code that a later run executes); os.tmpname is disabled;
/// - the debug library is reduced to debug.traceback (it could reach the wrapped originals).
/// A refusal raises an error that names the rule and is blamed on the script's line.
public struct SandboxPolicy {
    /// Real path of the only folder writes may go to.
    public let outputRoot: String
    /// Real paths of the folders code may be loaded from.
    public let codeRoots: [String]
    /// No --output-dir was given: a fresh folder was made for this run.
    public let freshOutput: Bool

    /// A sandbox that cannot be set up as asked; `exitCode` is what the command line exits with.
    public struct Refused: Error, CustomStringConvertible {
        public var description: String
        public var exitCode: ExitCode
    }

    /// The policy for `options` (the script's folder, the current folder's Scripts/, --output-dir).
    public static func make(_ options: Options) throws -> SandboxPolicy {
        let cwd = FileManager.default.currentDirectoryPath
        var codeRoots: [String] = []
        if case .file(let scriptPath) = options.script {
            let folder = URL(fileURLWithPath: scriptPath, relativeTo: URL(fileURLWithPath: cwd + "/")).deletingLastPathComponent().path
            if let real = OutputPolicy.realPath(folder) { codeRoots.append(real) }
        } else if let real = OutputPolicy.realPath(cwd) {
            codeRoots.append(real)   // -e and standard input: require looks in ./ as lua does
        }
        if let scripts = OutputPolicy.realPath(cwd + "/Scripts"), !codeRoots.contains(scripts) { codeRoots.append(scripts) }

        var outRoot: String
        var fresh = false
        if let dir = options.outputDirectory {
            guard let real = OutputPolicy.realPath(dir) else {
                throw Refused(description: "--output-dir \(dir): no such folder", exitCode: .cannotCreate)
            }
            guard isDirectory(real) else {
                throw Refused(description: "--output-dir \(dir): not a folder", exitCode: .cannotCreate)
            }
            outRoot = real
        } else {
            // The first temporary folder that does not lie inside a code folder (run from /tmp,
            // /tmp itself is one: `-e` code may `require` from the current folder).
            let env = ProcessInfo.processInfo.environment
            let bases = [env["TMPDIR"], "/tmp", env["XDG_RUNTIME_DIR"], "/var/tmp", env["HOME"].map { $0 + "/.cache" }]
                .compactMap { $0.flatMap { $0.isEmpty ? nil : $0 } }
            let base = bases.first { b in
                guard let real = OutputPolicy.realPath(b), isDirectory(real) else { return false }
                return !codeRoots.contains { OutputPolicy.contains($0, real) }
            } ?? bases.first ?? "/tmp"
            var template = Array((base + "/analyst-output-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw Refused(description: "--sandbox: cannot make an output folder in \(base): \(String(cString: strerror(errno)))",
                              exitCode: .cannotCreate)
            }
            outRoot = OutputPolicy.realPath(String(cString: made)) ?? String(cString: made)
            fresh = true
        }
        for root in codeRoots where OutputPolicy.contains(root, outRoot) || OutputPolicy.contains(outRoot, root) {
            let relation = outRoot == root ? "is" : (OutputPolicy.contains(root, outRoot) ? "lies inside" : "contains")
            throw Refused(description: "--output-dir \(outRoot) \(relation) \(root), a folder sandboxed code is loaded from: "
                + "a sandboxed script could rewrite code that a later run executes; choose an output folder outside it",
                          exitCode: .usage)
        }
        return SandboxPolicy(outputRoot: outRoot, codeRoots: codeRoots, freshOutput: fresh)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// nil if code at `path` may be loaded, else why not.
    public func refusalToLoad(_ path: String, kind: String = "loading") -> String? {
        if path.utf8.contains(0) { return "sandbox: path \(String(reflecting: path)) contains a NUL byte; refused" }
        let resolved = OutputPolicy.resolve(path)
        if codeRoots.contains(where: { OutputPolicy.contains($0, resolved) }) { return nil }
        return "sandbox: \(kind) \(resolved) is outside the script's folder and Scripts/ (\(codeRoots.joined(separator: " and ")))"
    }
}

enum Sandbox {
    static func install(in lua: LuaState, policy: SandboxPolicy) throws {
        let output = OutputPolicy(allowedRoot: policy.outputRoot)
        lua.chunkMode = "t"   // main script, stdin, -e, .read and shell input: text only
        let check: HostFunction = { call in
            let kind = try call.string(1)
            guard let bytes = call.stack.bytes(at: 2) else { throw call.typeError(2, "string") }
            let path = String(decoding: bytes, as: UTF8.self)
            // The check works on the same bytes the C library will see: refuse what does not round-trip.
            guard Array(path.utf8) == bytes else {
                return call.returning(.nil, .str("sandbox: path \(String(reflecting: path)) is not valid UTF-8; refused"))
            }
            if path.utf8.contains(0) {
                return call.returning(.nil, .str("sandbox: path \(String(reflecting: path)) contains a NUL byte; refused"))
            }
            switch kind {
            case "read":
                return call.returning(true)
            case "write":
                do { try output.check(path) } catch { return call.returning(.nil, .str("\(error)")) }
                return call.returning(true)
            default:
                if let refusal = policy.refusalToLoad(path, kind: kind) { return call.returning(.nil, .str(refusal)) }
                return call.returning(true)
            }
        }
        let pathList = policy.codeRoots.flatMap { ["\($0)/?.lua", "\($0)/?/init.lua"] }.joined(separator: ";")
        let base = lua.stack.top
        defer { lua.stack.top = base }
        try lua.load(Array(luaSide.utf8), chunkName: "=sandbox")
        lua.stack.push(function: check)
        lua.stack.push(pathList)
        try lua.call(nargs: 2, nresults: 0)
    }

    private static let luaSide = #"""
    local check, codepath = ...
    local error, type, select, iotype, find, gsub = error, type, select, io.type, string.find, string.gsub

    local function disabled(name)
      return function() error("sandbox: " .. name .. " is disabled (--sandbox)", 2) end
    end
    -- level 3: blame the script's line (1 = guard, 2 = the wrapper, 3 = its caller)
    local function guard(kind, path)
      if type(path) ~= "string" then
        error("sandbox: a file path must be a string, got " .. type(path) .. " (--sandbox)", 3)
      end
      local ok, msg = check(kind, path)
      if not ok then error(msg, 3) end
    end

    os.execute = disabled("os.execute")
    io.popen = disabled("io.popen")
    package.loadlib = disabled("package.loadlib")
    os.tmpname = disabled("os.tmpname")

    local open, output, input, lines, remove, rename = io.open, io.output, io.input, io.lines, os.remove, os.rename
    io.open = function(path, mode, ...)
      -- string functions captured: a script may replace the string metatable's __index
      if type(mode) == "string" and find(mode, "[wa+]") then guard("write", path) else guard("read", path) end
      return open(path, mode, ...)
    end
    io.output = function(...)
      local file = ...
      if select("#", ...) > 0 and file ~= nil and not iotype(file) then guard("write", file) end
      return output(...)
    end
    io.input = function(...)
      local file = ...
      if select("#", ...) > 0 and file ~= nil and not iotype(file) then guard("read", file) end
      return input(...)
    end
    io.lines = function(...)
      local path = ...
      if path ~= nil then guard("read", path) end
      return lines(...)
    end
    os.remove = function(path, ...) guard("write", path); return remove(path, ...) end
    os.rename = function(from, to, ...)
      guard("write", from); guard("write", to)
      return rename(from, to, ...)
    end

    -- code: text chunks only (a mode without 'b'), files only from the code roots; otherwise as in Lua
    local function textmode(mode)
      if mode == nil then return "t" end
      if type(mode) == "string" then return (gsub(mode, "b", "")) end
      return mode   -- the original reports the bad argument
    end
    local load, loadfile = load, loadfile
    _G.load = function(chunk, name, mode, ...) return load(chunk, name, textmode(mode), ...) end
    _G.loadfile = function(path, mode, ...)
      if path == nil then error("sandbox: loadfile needs a file path (--sandbox)", 2) end
      guard("loading", path)
      return loadfile(path, textmode(mode), ...)
    end
    _G.dofile = function(path)
      if path == nil then error("sandbox: dofile needs a file path (--sandbox)", 2) end
      guard("loading", path)
      local f, err = loadfile(path, "t")
      if not f then error(err, 2) end
      return f()
    end
    package.path = codepath
    package.cpath = ""
    local searchpath, preload = package.searchpath, package.searchers[1]
    package.searchers = {
      preload,
      function(name)
        local path, err = searchpath(name, package.path)
        if not path then return "\n\t" .. err end
        local ok, msg = check("require", path)
        if not ok then error(msg, 3) end
        local f, lerr = loadfile(path, "t")
        if not f then
          error(("error loading module '%s' from file '%s':\n\t%s"):format(name, path, lerr), 3)
        end
        return f, path
      end,
    }

    local traceback = debug.traceback
    debug = { traceback = traceback }
    package.loaded.debug = debug
    """#
}
