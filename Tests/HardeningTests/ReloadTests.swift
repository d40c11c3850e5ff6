import AnalystLua
import Foundation
import LuaKit
import XCTest

/// Using events after corpus.reload(), including a reload from inside a callback while the host
/// iterates a list whose rows index the old stores (bug found by this suite, fixed in API+EventList).
final class ReloadTests: XCTestCase {
    /// Each callback method, with a callback that shrinks the corpus and reloads on its first call,
    /// then touches the event it gets next: a clear Lua error, never an index out of range.
    func testReloadInsideCallbacksIsAnErrorNotATrap() throws {
        let methods = [
            "filter(function(e) return step(e) end)",
            "map(function(e) return step(e) end)",
            "each(function(e) step(e) end)",
            "group(function(e) return tostring(step(e)) end)",
            "sort(function(a, b) step(a) step(b) return a.id < b.id end)",
        ]
        for m in methods {
            let dir = try H.corpusCopy()
            let session = Session(corpusDirectory: dir.path)
            let lua = try H.lua(session: session)
            let code = """
            local dir = ...
            local n = 0
            function step(e)
              n = n + 1
              if n == 1 then
                for _, f in ipairs{"001-en.md", "002-en-from-fr.md", "003-en-from-es.md", "004-en.md"} do
                  assert(os.remove(dir .. "/articles/" .. f))
                end
                corpus.reload()
                return true
              end
              return e.type
            end
            local l = events{consolidated = false}
            assert(#l > 10)
            l:\(m)
            """
            XCTAssertThrowsError(try lua.run(code, chunkName: "@reload.lua", args: [.str(dir.path)]), m) { e in
                XCTAssertTrue("\(e)".contains("before corpus.reload()"), "\(m): \(e)")
            }
        }
    }

    func testHandlesKeptAcrossReloadRaise() throws {
        let dir = try H.corpusCopy()
        let lua = try H.lua(session: Session(corpusDirectory: dir.path))
        let exprs = ["e.type", "tostring(e)", "pairs(e)", "l[1]", "#l", "l:filter{}", "l:head(1)", "a.text", "p.name", "ac.name",
                     "it()", "l:to_csv(os.tmpname())", "csv.write(os.tmpname(), l)", "geojson.write(os.tmpname(), l)",
                     "e.place:distance('Hama')", "geo.distance(p, 'Hama')", "events{place = p}"]
        let code = """
        local l = events{} local e = l[1] local a = corpus.articles[1] local p = place("Aleppo") local ac = actor("HTS")
        local it = l:iter()
        corpus.reload()
        local out = {}
        for _, expr in ipairs{...} do
          local ok, err = pcall(load("return " .. expr, "=expr", "t", setmetatable({l = l, e = e, a = a, p = p, ac = ac, it = it}, {__index = _G})))
          out[#out + 1] = expr .. " => " .. tostring(ok) .. " " .. tostring(err)
        end
        return table.concat(out, "\\n")
        """
        let r = try lua.run(code, chunkName: "@reload.lua", args: exprs.map { .str($0) })
        let lines = (r.first?.stringValue ?? "").split(separator: "\n")
        XCTAssertEqual(lines.count, exprs.count)
        for l in lines { XCTAssertTrue(l.contains("=> false") && l.contains("before corpus.reload()"), String(l)) }
    }
}

/// A chunk that returns what Swift cannot convert (a module table of functions) ran fine: it must
/// not end with exit 70 "internal error" (bug found by the fuzzer; fixed in LuaState.run).
final class ChunkResultTests: XCTestCase {
    func testChunkReturningFunctionsIsNotAnInternalError() throws {
        let r = try Bin.run(["-e", "local M = {} function M.f() end return M, print, io.stdout, coroutine.create(print)"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lua = try H.lua()
        XCTAssertEqual(try lua.run("return 1, print").first, .integer(1))
    }
}
