// analyst-bench: the part of `make bench` that has no command line to time: corpus loading and
// extraction throughput (`--corpus MB`). The ACLED job is timed through the product itself,
// `analyst --events FILE script.lua`, by Scripts/dev/bench.sh.
import AnalystCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

let args = Array(CommandLine.arguments.dropFirst())
guard args.first == "--corpus" else {
    FileHandle.standardError.write("usage: analyst-bench --corpus [MB]\n".data(using: .utf8)!)
    exit(64)
}
runCorpusBench(megabytes: args.count > 1 ? Int(args[1]) ?? 16 : 16)
