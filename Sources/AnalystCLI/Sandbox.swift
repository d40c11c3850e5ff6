import AnalystCore
import Foundation
import LuaKit

/// `--sandbox`: what a script from elsewhere (cron, a colleague) may not do.
/// - no processes or native code: os.execute, io.popen, package.loadlib, C searchers are gone;
/// - code only from the script's folder and Scripts/: require, dofile, loadfile check real paths
///   (symlinks and `..` resolved), and only text chunks load (no bytecode);
/// - writes only under --output-dir: io.open in a write mode, io.output, os.remove, os.rename
///   (and AtomicFile, via OutputPolicy); os.tmpname is disabled;
/// - the debug library is reduced to debug.traceback (it could reach the wrapped originals).
/// A refusal raises an error that names the rule and is blamed on the script's line.
enum Sandbox {
    static func install(in lua: LuaState, scriptPath: String?, outputDirectory: String?) throws {
        let cwd = FileManager.default.currentDirectoryPath
        let outDir = outputDirectory ?? cwd
        guard let outRoot = OutputPolicy.realPath(outDir) else {
            throw LuaRaise("--output-dir \(outDir): no such folder")
        }
        OutputPolicy.allowedRoot = outRoot
        var codeRoots: [String] = []
        if let scriptPath, let real = OutputPolicy.realPath(scriptPath) {
            codeRoots.append(URL(fileURLWithPath: real).deletingLastPathComponent().path)
        } else if let real = OutputPolicy.realPath(cwd) {
            codeRoots.append(real)
        }
        if let scripts = OutputPolicy.realPath(cwd + "/Scripts") { codeRoots.append(scripts) }

        let check: HostFunction = { call in
            let kind = try call.string(1)
            let path = try call.string(2)
            if kind == "write" {
                do { try OutputPolicy.check(path) } catch { return call.returning(.nil, .str("\(error)")) }
                return call.returning(true)
            }
            let resolved = OutputPolicy.resolve(path)
            if codeRoots.contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) { return call.returning(true) }
            let allowed = codeRoots.joined(separator: " and ")
            return call.returning(.nil, .str("sandbox: \(kind) \(resolved) is outside the script's folder and Scripts/ (\(allowed))"))
        }
        let pathList = codeRoots.flatMap { ["\($0)/?.lua", "\($0)/?/init.lua"] }.joined(separator: ";")
        let base = lua.stack.top
        defer { lua.stack.top = base }
        try lua.load(Array(luaSide.utf8), chunkName: "=sandbox")
        lua.stack.push(function: check)
        lua.stack.push(pathList)
        try lua.call(nargs: 2, nresults: 0)
    }

    private static let luaSide = #"""
    local check, codepath = ...
    local error, type, select = error, type, select

    local function disabled(name)
      return function() error("sandbox: " .. name .. " is disabled (--sandbox)", 2) end
    end
    -- level 3: blame the script's line (1 = guard, 2 = the wrapper, 3 = its caller)
    local function guard(kind, path)
      if type(path) ~= "string" then return end   -- the original reports the bad argument
      local ok, msg = check(kind, path)
      if not ok then error(msg, 3) end
    end

    os.execute = disabled("os.execute")
    io.popen = disabled("io.popen")
    package.loadlib = disabled("package.loadlib")
    os.tmpname = disabled("os.tmpname")

    local open, output, remove, rename = io.open, io.output, os.remove, os.rename
    io.open = function(path, mode, ...)
      if type(mode) == "string" and mode:find("[wa+]") then guard("write", path) end
      return open(path, mode, ...)
    end
    io.output = function(file, ...)
      if type(file) == "string" then guard("write", file) end
      return output(file, ...)
    end
    os.remove = function(path, ...) guard("write", path); return remove(path, ...) end
    os.rename = function(from, to, ...)
      guard("write", from); guard("write", to)
      return rename(from, to, ...)
    end

    -- code: text chunks only, files only from the allowed folders
    local load, loadfile = load, loadfile
    _G.load = function(chunk, name, mode, env) return load(chunk, name, "t", env) end
    _G.loadfile = function(path, mode, env)
      if path == nil then error("sandbox: loadfile needs a file path (--sandbox)", 2) end
      guard("loading", path)
      return loadfile(path, "t", env)
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
