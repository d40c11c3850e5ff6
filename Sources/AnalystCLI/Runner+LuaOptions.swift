import Foundation
import LuaKit

/// lua.c's environment and `-l`: `LUA_INIT_5_4` / `LUA_INIT` run before the command line's chunks,
/// `-E` ignores them and `LUA_PATH`/`LUA_CPATH`, `-l` requires a module into a global.
///
/// Under `--sandbox`, LUA_INIT is ignored (a cron environment must not inject code into a
/// sandboxed run) and `-l` goes through the sandbox's `require` (script folder and Scripts/ only).
extension Runner {
    static let luaEnvironment = ["LUA_INIT_5_4", "LUA_INIT", "LUA_PATH_5_4", "LUA_PATH", "LUA_CPATH_5_4", "LUA_CPATH"]

    static func clearLuaEnvironment() {
        for name in luaEnvironment { unsetenv(name) }
    }

    /// `LUA_INIT_5_4`, else `LUA_INIT`: `@file` runs the file, anything else runs as code
    /// (chunk `=LUA_INIT_5_4` or `=LUA_INIT`, as lua.c names it).
    func runLuaInit() -> ExitCode {
        guard !options.ignoreEnvironment, !options.sandbox else { return .success }
        let env = ProcessInfo.processInfo.environment
        let name = env["LUA_INIT_5_4"] != nil ? "LUA_INIT_5_4" : "LUA_INIT"
        guard let value = env[name], !value.isEmpty else { return .success }
        if value.hasPrefix("@") {
            let path = String(value.dropFirst())
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.error("cannot open \(path) (\(name)): \(Runner.describeMissing(path))")
                return .noInput
            }
            return execute(Array(data), chunkName: "@" + path, args: [])
        }
        return execute(Array(value.utf8), chunkName: "=" + name, args: [])
    }

    /// One `-e` chunk or one `-l` library, in command-line order.
    func run(_ step: Options.Step) -> ExitCode {
        switch step {
        case .code(let code):
            return execute(Array(code.utf8), chunkName: "=(command line)", args: [])
        case .library(let lib):
            // require() through the global, so the sandbox's require applies; _ENV[name] = ... as lua_setglobal.
            let code = "local name, mod = ...; _ENV[name] = require(mod)"
            return execute(Array(code.utf8), chunkName: "=(command line)", args: [.str(lib.global), .str(lib.module)])
        }
    }
}
