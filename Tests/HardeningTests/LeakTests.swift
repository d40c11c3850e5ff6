import Foundation
import LuaKit
import XCTest

/// A long loop of API calls keeps memory flat: Lua's own count and the process RSS.
final class LeakTests: XCTestCase {
    static func rssMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = Double(s.split(separator: " ")[1]) ?? 0
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1048576
    }

    func testMillionAPICallsKeepMemoryFlat() throws {
        let lua = try H.lua()
        let loop = """
        local n = ...
        local l = events{}
        local e = l[1]
        for i = 1, n do
          local k = i % 8
          if k == 0 then local _ = geo.distance(e.place, {lat = 35, lon = 36})
          elseif k == 1 then local _ = place("Alep").name
          elseif k == 2 then local _ = e.type .. tostring(e.place)
          elseif k == 3 then local _ = l:head(3):count()
          elseif k == 4 then local _ = pcall(place, i % 5000 == 4 and "Nowhere" or {})
          elseif k == 5 then local _ = events{type = "capture"}
          elseif k == 6 then for x in l:head(2):iter() do local _ = x.id end
          else local _ = l:filter(function(x) return x.type == "capture" end) end
          if i % 10000 == 0 then collectgarbage() end
        end
        collectgarbage() collectgarbage()
        return collectgarbage("count")
        """
        let calls = H.full ? 1_000_000 : 100_000
        _ = try lua.run(loop, chunkName: "@leak.lua", args: [.integer(Int64(calls / 10))])   // warm up
        let rss0 = Self.rssMB(), lua0 = lua.memoryUsed
        let start = Date()
        _ = try lua.run(loop, chunkName: "@leak.lua", args: [.integer(Int64(calls))])
        let rss1 = Self.rssMB(), lua1 = lua.memoryUsed
        print(String(format: "leak check: %d API calls in %.1f s; RSS %.1f -> %.1f MB; Lua %d -> %d KB",
                     calls, Date().timeIntervalSince(start), rss0, rss1, lua0 / 1024, lua1 / 1024))
        XCTAssertLessThan(rss1 - rss0, 16, "RSS grew")
        XCTAssertLessThan(lua1 - lua0, 512 * 1024, "Lua memory grew")
    }
}
