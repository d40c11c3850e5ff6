// analyst-bench: the Swift side of `make bench` (Scripts/dev/bench.sh runs it next to lua5.4,
// DuckDB and sqlite3). One run: import an ACLED file, the grouped query, a Lua closure over every
// event, and the CSV export of the matching rows. Prints each figure and a `RESULT` line.
import AnalystCore
import AnalystLua
import Foundation
import LuaKit

#if canImport(Glibc)
import Glibc
#endif

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func peakRSSMB() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_maxrss) / 1024   // KB on Linux
}
/// User + system CPU seconds of the whole process so far (all threads).
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}
func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }

var args = Array(CommandLine.arguments.dropFirst())
if args.first == "--corpus" {
    runCorpusBench(megabytes: args.count > 1 ? Int(args[1]) ?? 16 : 16)
    exit(0)
}
var outPath = "/tmp/analyst-bench-out.csv"
var reps = 20
var runLua = true
if let i = args.firstIndex(of: "--out") { outPath = args[i + 1]; args.removeSubrange(i...(i + 1)) }
if let i = args.firstIndex(of: "--reps") { reps = Int(args[i + 1]) ?? 20; args.removeSubrange(i...(i + 1)) }
if let i = args.firstIndex(of: "--no-lua") { runLua = false; args.remove(at: i) }
guard let path = args.first else {
    FileHandle.standardError.write("usage: analyst-bench ACLED.csv [--out OUT.csv] [--reps N] [--no-lua] | analyst-bench --corpus [MB]\n".data(using: .utf8)!)
    exit(64)
}

// (a) import
let session = Session(corpusDirectory: nil)
let t0 = now()
let c0 = cpuSeconds()
// Every row is imported (protests and riots as `clash`, their ACLED type kept in originalType), so
// the store holds the same 1M rows the other tools load.
var importOptions = ImportOptions()
importOptions.unmappedAs = .clash
if ProcessInfo.processInfo.environment["BENCH_NO_EXTRAS"] != nil { importOptions.extraColumns = false }
if let t = ProcessInfo.processInfo.environment["BENCH_THREADS"].flatMap(Int.init) { importOptions.threads = t }
let report = try session.importEvents(path: path, format: .acled, options: importOptions)
let importSeconds = now() - t0
let importCPU = cpuSeconds() - c0
let importRSS = peakRSSMB()
let store = session.events
print(report)
print("import: \(ms(importSeconds)) wall, \(ms(importCPU)) CPU (user+sys, all threads), peak RSS so far \(String(format: "%.0f", importRSS)) MB, \(store.count) events")

// (b) count events and sum fatalities by admin1 for event_type Battles between 2024-11-27 and 2024-12-08
var q = EventQuery()
q.originalTypes = ["Battles"]
q.from = Day(year: 2024, month: 11, day: 27)
q.to = Day(year: 2024, month: 12, day: 8)
var times: [Double] = []
var rows: [Int32] = []
var groups: [EventStore.Group] = []
for _ in 0..<reps {
    let s = now()
    rows = q.select(from: store)
    groups = store.groupCount(rows: rows, by: .admin1, sum: .fatalities)
    times.append(now() - s)
}
let queryFirst = times[0]
let queryMedian = times.sorted()[times.count / 2]
print("query: \(rows.count) rows in \(groups.count) admin1 groups; first \(ms(queryFirst)), median of \(reps) \(ms(queryMedian))")
for g in groups.prefix(5) { print("  \(g.key ?? "-")\t\(g.count)\t\(g.sum)") }
// Cross-check with the other tools, which compare event_date alone: our query keeps events whose
// date interval (time_precision 2 = +-3 days, 3 = the month) overlaps the window, so it matches more.
let sameAsOthers = rows.filter { r in
    let d = store.dateBest[Int(r)]
    return d >= q.from!.number && d <= q.to!.number
}.count
print("  (\(sameAsOthers) of them have event_date itself in the window: the other tools' count)")

// (c) a Lua closure over every event
var luaSeconds = -1.0
var luaKept = -1
if runLua {
    let lua = try LuaState()
    try AnalystAPI(session: session).install(into: lua)
    // The API loads the bundled corpus and finds its events on first use; not part of the timing.
    try session.extractEvents()
    let total = store.count
    let s = now()
    let out = try lua.run("""
        local kept = events{}:filter(function(e) return e.type == "clash" and (e.fatalities or 0) > 0 end)
        return #kept
        """)
    luaSeconds = now() - s
    if case .integer(let n) = out.first { luaKept = Int(n) } else if case .number(let d) = out.first { luaKept = Int(d) }
    print("lua closure: \(total) events in \(ms(luaSeconds)) = \(String(format: "%.2f", Double(total) / luaSeconds / 1e6)) M events/s (kept \(luaKept))")
}

// (d) the matching rows to CSV
let se = now()
try store.writeCSV(rows: rows, columns: [.id, .date, .originalType, .admin1, .place, .latitude, .longitude, .fatalities, .notes],
                   to: outPath)
let exportSeconds = now() - se
print("export: \(rows.count) rows to \(outPath) in \(ms(exportSeconds))")
let oneShot = importSeconds + queryFirst + exportSeconds
print("one-shot (import + query + export): \(ms(oneShot)); peak RSS \(String(format: "%.0f", peakRSSMB())) MB")
print(String(format: "RESULT matched_event_date=%ld", sameAsOthers))
print(String(format: "RESULT import_cpu_s=%.4f load_avg=%@", importCPU, (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: "/") ?? "?"))
print(String(format: "RESULT import_s=%.4f import_rss_mb=%.0f query_first_ms=%.2f query_median_ms=%.2f lua_s=%.4f lua_meps=%.2f export_ms=%.2f oneshot_s=%.4f rows=%ld matched=%ld peak_rss_mb=%.0f",
             importSeconds, importRSS, queryFirst * 1000, queryMedian * 1000, luaSeconds,
             luaSeconds > 0 ? Double(store.count) / luaSeconds / 1e6 : 0.0, exportSeconds * 1000, oneShot, store.count, rows.count, peakRSSMB()))
