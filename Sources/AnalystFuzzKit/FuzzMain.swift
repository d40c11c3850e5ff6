import Foundation
import Synchronization

/// `AnalystFuzz` command line (see docs/reliability.md and Scripts/fuzz/run.sh):
///
///     AnalystFuzz run --seed S --count N [--from K] [--batch B] [--jobs J] [--inprocess]
///                     [--timeout SECS] [--max-memory MB] [--findings DIR]
///     AnalystFuzz child --seed S --from K --count N      (one batch, in-process; used by run)
///     AnalystFuzz print --seed S --index I               (the program, to reproduce a finding)
///     AnalystFuzz emit --seed S --count N --dir DIR      (programs as files, to run with analyst)
///
/// `run` starts children of itself for batches of programs, so a crash or a hang ends one batch; a
/// batch that does not end with its tally is re-run one program per child to find the culprit,
/// which is saved under --findings (default fuzz-findings/). Exit status 0 when nothing was found.
public enum FuzzMain {
    struct Args: Sendable {
        var command = "run"
        var seed: UInt64 = 1
        var count = 1000
        var from = 0
        var batch = 500
        var jobs = 2
        var inProcess = false
        var timeout = 0.25
        var maxMemoryMB = 64.0
        var findings = "fuzz-findings"
        var dir = "fuzz-programs"
        var index = 0
        var corpus: String?
    }

    static func parse(_ argv: [String]) -> Args {
        var a = Args()
        var i = 1
        if argv.count > 1, !argv[1].hasPrefix("-") { a.command = argv[1]; i = 2 }
        func next() -> String { i += 1; return i < argv.count ? argv[i] : "" }
        while i < argv.count {
            switch argv[i] {
            case "--seed": a.seed = UInt64(next()) ?? 1
            case "--count": a.count = Int(next()) ?? a.count
            case "--from": a.from = Int(next()) ?? 0
            case "--batch": a.batch = max(1, Int(next()) ?? a.batch)
            case "--jobs": a.jobs = max(1, Int(next()) ?? a.jobs)
            case "--inprocess": a.inProcess = true
            case "--timeout": a.timeout = Double(next()) ?? a.timeout
            case "--max-memory": a.maxMemoryMB = Double(next()) ?? a.maxMemoryMB
            case "--findings": a.findings = next()
            case "--dir": a.dir = next()
            case "--index": a.index = Int(next()) ?? 0
            case "--corpus": a.corpus = next()
            default: FileHandle.standardError.write(Data("unknown argument \(argv[i])\n".utf8)); exit(64)
            }
            i += 1
        }
        return a
    }

    public static func run(_ argv: [String]) -> Int32 {
        let a = parse(argv)
        do {
            switch a.command {
            case "print":
                let r = try FuzzRunner(corpus: a.corpus)
                print(r.generator.program(seed: a.seed, index: a.index), terminator: "")
                return 0
            case "emit":
                let r = try FuzzRunner(corpus: a.corpus)
                try FileManager.default.createDirectory(atPath: a.dir, withIntermediateDirectories: true)
                for i in a.from..<(a.from + a.count) {
                    try r.generator.program(seed: a.seed, index: i).write(toFile: "\(a.dir)/seed-\(a.seed)-\(i).lua", atomically: true, encoding: .utf8)
                }
                return 0
            case "child":
                let r = try runner(a)
                r.onFinding = { i, m in FileHandle.standardError.write(Data("finding: program \(i): \(m)\n".utf8)) }
                let t = r.run(seed: a.seed, from: a.from, count: a.count)
                print("tally " + t.description)
                return t.other + t.syntax > 0 ? 1 : 0
            case "run":
                return a.inProcess ? try inProcess(a) : try supervise(a)
            default:
                FileHandle.standardError.write(Data("unknown command \(a.command)\n".utf8))
                return 64
            }
        } catch {
            FileHandle.standardError.write(Data("AnalystFuzz: \(error)\n".utf8))
            return 70
        }
    }

    static func runner(_ a: Args) throws -> FuzzRunner {
        let r = try FuzzRunner(corpus: a.corpus)
        r.limits.timeout = a.timeout
        r.limits.memoryBytes = Int(a.maxMemoryMB * 1024 * 1024)
        return r
    }

    static func inProcess(_ a: Args) throws -> Int32 {
        let r = try runner(a)
        var found = 0
        r.onFinding = { i, m in found += 1; print("finding: seed \(a.seed) program \(i): \(m)") }
        let start = Date()
        var total = FuzzRunner.Tally()
        var k = a.from
        while k < a.from + a.count {
            let n = min(a.batch, a.from + a.count - k)
            total.add(r.run(seed: a.seed, from: k, count: n))
            k += n
        }
        print("seed \(a.seed) from \(a.from): \(total) seconds=\(String(format: "%.1f", Date().timeIntervalSince(start)))")
        return found == 0 ? 0 : 1
    }

    struct ChildResult: Sendable { var status: Int32; var signaled: Bool; var tally: FuzzRunner.Tally?; var stderr: String }

    static func child(_ a: Args, from: Int, count: Int, timeout: Double) -> ChildResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var args = ["child", "--seed", String(a.seed), "--from", String(from), "--count", String(count),
                    "--timeout", String(a.timeout), "--max-memory", String(a.maxMemoryMB)]
        if let c = a.corpus { args += ["--corpus", c] }
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        do { try p.run() } catch { return ChildResult(status: -1, signaled: false, tally: nil, stderr: "\(error)") }
        let read = Shared((out: Data(), err: Data()))
        let g = DispatchGroup()
        g.enter(); DispatchQueue.global().async { let d = out.fileHandleForReading.readDataToEndOfFile(); read.value.withLock { $0.out = d }; g.leave() }
        g.enter(); DispatchQueue.global().async { let d = err.fileHandleForReading.readDataToEndOfFile(); read.value.withLock { $0.err = d }; g.leave() }
        if g.wait(timeout: .now() + timeout) == .timedOut {
            kill(p.processIdentifier, SIGKILL)
            g.wait()
        }
        p.waitUntilExit()
        let (outData, errData) = read.value.withLock { ($0.out, $0.err) }
        let text = String(decoding: outData, as: UTF8.self)
        let tally = text.split(separator: "\n").last(where: { $0.hasPrefix("tally ") }).flatMap { FuzzRunner.Tally(line: String($0.dropFirst(6))) }
        return ChildResult(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal, tally: tally,
                           stderr: String(decoding: errData, as: UTF8.self))
    }

    static func supervise(_ a: Args) throws -> Int32 {
        let start = Date()
        var batches: [(Int, Int)] = []
        var k = a.from
        while k < a.from + a.count { let n = min(a.batch, a.from + a.count - k); batches.append((k, n)); k += n }
        // What the workers share: the next batch to run, the tally and the findings.
        let state = Shared((next: 0, total: FuzzRunner.Tally(), findings: [String]()))
        // A batch may take at most this long (each program is bounded by the timeout + the watchdog).
        let batchLimit = 60 + Double(a.batch) * (a.timeout + 1)
        @Sendable func record(_ index: Int, _ r: ChildResult) -> String {
            let dir = a.findings
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let gen = try? FuzzRunner(corpus: a.corpus)
            let code = gen?.generator.program(seed: a.seed, index: index) ?? ""
            let what = r.signaled ? "killed by signal \(r.status)" : (r.tally == nil && r.status == 0 ? "hung" : "exit \(r.status)")
            try? ("-- seed \(a.seed) program \(index): \(what)\n-- \(r.stderr.suffix(400).replacingOccurrences(of: "\n", with: "\n-- "))\n" + code)
                .write(toFile: "\(dir)/seed-\(a.seed)-\(index).lua", atomically: true, encoding: .utf8)
            return "seed \(a.seed) program \(index): \(what)"
        }
        let group = DispatchGroup()
        for _ in 0..<a.jobs {
            group.enter()
            DispatchQueue.global().async { [batches] in
                defer { group.leave() }
                while true {
                    let taken: (Int, Int)? = state.value.withLock { s in
                        guard s.next < batches.count else { return nil }
                        defer { s.next += 1 }
                        return batches[s.next]
                    }
                    guard let (from, n) = taken else { return }
                    let r = child(a, from: from, count: n, timeout: batchLimit)
                    if let t = r.tally, r.status == 0 {
                        state.value.withLock { $0.total.add(t) }
                        continue
                    }
                    // Narrow it down: each program of the batch in its own child.
                    for i in from..<(from + n) {
                        let one = child(a, from: i, count: 1, timeout: 60 + a.timeout + 5)
                        if let t = one.tally, one.status == 0 {
                            state.value.withLock { $0.total.add(t) }
                        } else {
                            let finding = record(i, one)
                            state.value.withLock { $0.total.programs += 1; $0.findings.append(finding) }
                        }
                    }
                }
            }
        }
        group.wait()
        let (total, findings) = state.value.withLock { ($0.total, $0.findings) }
        print("seed \(a.seed) programs \(a.from)..<\(a.from + a.count): \(total) findings=\(findings.count) seconds=\(String(format: "%.1f", Date().timeIntervalSince(start)))")
        for f in findings { print("finding: " + f) }
        return findings.isEmpty ? 0 : 1
    }
}

/// A value worker threads share, behind a mutex (a class, so escaping closures can hold it).
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
}
