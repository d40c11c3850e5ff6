import AnalystCore
import CLua
import LuaKit

/// `atomic.open(path)`: a write-only file for scripts that must never leave a partial output
/// (cron reports): bytes go to a temporary file that `close()` renames over `path`. `abort()`,
/// an error before close, a `<close>` variable leaving by error, SIGTERM or the end of analyst
/// all leave `path` untouched and no temporary file behind. Honours --sandbox/--output-dir.
///
///     local f <close> = atomic.open("report.csv")
///     f:write("place,km\n", "Hama,", 42, "\n")
enum AtomicLua {
    static let typeName = "analyst.AtomicWriter"

    static func install(in lua: LuaState, policy: OutputPolicy) {
        func writer(_ call: LuaCall) throws -> AtomicFile.Writer {
            try call.object(1, typeName: typeName, as: AtomicFile.Writer.self)
        }
        lua.defineType(typeName, metamethods: [
            "__tostring": { call in
                let w = try writer(call)
                call.push("atomic file \(w.path) (\(w.isOpen ? "open" : "closed"))")
                return 1
            },
            "__close": { call in
                let w = try writer(call)
                if !call.isNoneOrNil(2) { w.abort(); return 0 }
                if w.isOpen { try w.commit() }
                return 0
            },
        ], methods: [
            "write": { call in
                let w = try writer(call)
                var i: Int32 = 2
                while i <= call.count {
                    // like file:write: strings and numbers only
                    if let bytes = call.stack.bytes(at: i) {
                        try w.write(bytes)
                    } else if call.stack.type(at: i) == 3 /* LUA_TNUMBER */ {
                        try w.write(try call.string(i))
                    } else {
                        throw call.typeError(i, "string")
                    }
                    i += 1
                }
                call.stack.top = 1   // return self, so `f:write(a):write(b)` chains as file:write does
                return 1
            },
            "close": { call in
                try writer(call).commit()
                call.push(true)
                return 1
            },
            "abort": { call in
                try writer(call).abort()
                return 0
            },
        ])
        lua.stack.newTable(hash: 1)
        lua.stack.push(function: { call in
            let path = try call.string(1)
            call.stack.push(object: try AtomicFile.Writer(path: path, policy: policy), typeName: typeName)
            return 1
        })
        lua.stack.setField("open", in: -2)
        clua_rawsetglobal(lua.L, "atomic")
    }
}
