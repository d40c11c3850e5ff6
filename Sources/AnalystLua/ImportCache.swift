import AnalystCore
import AnalystImport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The automatic snapshot cache of imports (docs/import.md, "The import cache"): after `--events
/// FILE` imports a file into an empty store, the store is written as a snapshot
/// (`EventStore.writeSnapshot`); the next run on the same file reopens it instead of parsing.
///
/// An entry is keyed by everything the imported rows depend on: the file (real path, size,
/// modification time, inode, a checksum of its first and last 64 KiB), the import's format and
/// options, the corpus files linking used (gazetteer, actors, aliases: name, size, time of every
/// file at the top of the corpus directory), and the program (its executable's size and time, the
/// snapshot format). Any difference is a miss. A damaged or foreign entry is a miss too: it is
/// deleted and the file imported again. Entries are safe to delete at any time.
public struct ImportCache {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$ANALYST_CACHE_DIR`, else `$XDG_CACHE_HOME/analyst`, else `~/.cache/analyst`; nil when
    /// `ANALYST_NO_CACHE` is set (to anything but empty or 0) or no directory can be named.
    public static func fromEnvironment() -> ImportCache? {
        let env = ProcessInfo.processInfo.environment
        if let off = env["ANALYST_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
        if let d = env["ANALYST_CACHE_DIR"], !d.isEmpty { return ImportCache(directory: d) }
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") { return ImportCache(directory: x + "/analyst") }
        if let h = env["HOME"], h.hasPrefix("/") { return ImportCache(directory: h + "/.cache/analyst") }
        return nil
    }

    static var trace: Bool { ProcessInfo.processInfo.environment["ANALYST_IMPORT_TRACE"] != nil }
    static func say(_ s: String) { if trace { FileHandle.standardError.write("import cache: \(s)\n".data(using: .utf8)!) } }

    /// What identifies an entry: the file name (per source path, so a new version of a file
    /// replaces the old entry) and the full key (compared exactly, so a hash collision is a miss).
    public struct Key {
        public var file: String
        public var text: String
    }

    /// The key for importing `path`, or nil when the file cannot be read (the import will say why).
    public func key(path: String, format: ImportFormat, strict: Bool, options: ImportOptions, corpusDirectory: String?) -> Key? {
        guard let real = realpath(path, nil) else { return nil }
        let source = String(cString: real)
        free(real)
        guard let fileKey = ImportCache.fileKey(source, sample: true) else { return nil }
        var text = "analyst import cache, snapshot format \(EventStore.snapshotFormatVersion)\n"
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            text += "program \(exe) \(ImportCache.fileKey(exe, sample: false) ?? "?")\n"
        } else {
            text += "program \(CommandLine.arguments.first ?? "?")\n"
        }
        text += "source \(path) -> \(source) \(fileKey)\n"
        text += "format \(format.rawValue) strict \(strict) unmapped \(options.unmappedAs?.rawValue ?? "skip") "
            + "keep \(options.keepProblems) extras \(options.extraColumns)\n"
        if let dir = corpusDirectory {
            // A corpus of articles alone borrows the bundled gazetteer and actors: both directories count.
            for d in Set([dir, Corpus.bundledDirectory() ?? dir]).sorted() {
                text += "corpus \(d)\n"
                for n in ((try? FileManager.default.contentsOfDirectory(atPath: d)) ?? []).sorted() {
                    var st = stat()
                    guard stat(d + "/" + n, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
                    text += "  \(n) \(ImportCache.fileKey(d + "/" + n, sample: false) ?? "?")\n"
                }
            }
        } else {
            text += "no corpus\n"
        }
        return Key(file: "import-\(ImportCache.hex(source))-\(ImportCache.hex(text)).snap", text: text)
    }

    /// Size, modification time, inode; with `sample`, a checksum of the first and last 64 KiB.
    static func fileKey(_ path: String, sample: Bool) -> String? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        var s = "size \(st.st_size) mtime \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) inode \(st.st_dev):\(st.st_ino)"
        if sample {
            let fd = open(path, O_RDONLY | O_NONBLOCK)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            let size = Int(st.st_size), chunk = 64 << 10
            var buf = [UInt8](repeating: 0, count: min(size, chunk))
            var sums: [UInt64] = []
            for off in Set([0, max(0, size - chunk)]).sorted() {
                let r = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(off)) }
                guard r == buf.count else { return nil }
                sums.append(buf.withUnsafeBytes { EventStore.snapshotChecksum($0) })
            }
            s += " sample " + sums.map { String($0, radix: 16) }.joined(separator: ":")
        }
        return s
    }

    static func hex(_ s: String) -> String {
        let h = Array(s.utf8).withUnsafeBytes { EventStore.snapshotChecksum($0) }
        return String(h, radix: 16)
    }

    /// The cached store and report for `key`, or nil (a miss). A damaged entry is deleted.
    public func load(_ key: Key) -> (EventStore, ImportReport)? {
        let path = directory + "/" + key.file
        guard FileManager.default.fileExists(atPath: path) else { ImportCache.say("miss (no entry \(path))"); return nil }
        do {
            let (store, extra) = try EventStore.readSnapshot(path: path)
            var r = SnapshotReader(extra, path: path)
            guard try r.str() == key.text else { ImportCache.say("miss (another key in \(path))"); return nil }
            let report = try ImportCache.readReport(&r)
            guard r.atEnd, store.count == report.imported else { throw SnapshotError(path: path, "the report does not match the rows") }
            ImportCache.say("hit \(path)")
            return (store, report)
        } catch {
            ImportCache.say("miss (\(error)); entry deleted")
            unlink(path)
            return nil
        }
    }

    /// Writes the entry (atomically) and removes older entries of the same source file. Failing
    /// to write is not an error of the import: the next run imports again.
    public func save(_ store: EventStore, report: ImportReport, key: Key) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var w = SnapshotWriter()
            w.str(key.text)
            ImportCache.writeReport(report, &w)
            try store.writeSnapshot(to: directory + "/" + key.file, extra: w.data)
            let prefix = String(key.file.prefix(while: { $0 != "-" })) + "-" + key.file.split(separator: "-")[1] + "-"
            for n in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
                if n.hasPrefix(prefix) && n != key.file && n.hasSuffix(".snap") { unlink(directory + "/" + n) }
                // A temporary file left by a process that was killed while writing (`<entry>.tmp-<pid>`).
                if let r = n.range(of: ".snap.tmp-"), let pid = Int32(n[r.upperBound...]), kill(pid, 0) != 0, errno == ESRCH {
                    unlink(directory + "/" + n)
                }
            }
            ImportCache.say("wrote \(directory)/\(key.file) in \(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6) ms")
        } catch {
            ImportCache.say("not written (\(error))")
        }
    }

    static func writeReport(_ r: ImportReport, _ w: inout SnapshotWriter) {
        w.str(r.path); w.str(r.format)
        for v in [r.rowsRead, r.imported, r.skipped, r.warnings, r.placesLinked, r.placesAdHoc, r.actorsLinked, r.actorsUnlinked] {
            w.i64(Int64(v))
        }
        for d in [r.skippedByReason, r.warningsByReason] {
            w.u64(UInt64(d.count))
            for (k, v) in d.sorted(by: { $0.key < $1.key }) { w.str(k); w.i64(Int64(v)) }
        }
        for list in [r.problems, r.warningList] {
            w.u64(UInt64(list.count))
            for p in list { w.i64(Int64(p.line)); w.str(p.reason); w.u8(p.malformed ? 1 : 0) }
        }
    }

    static func readReport(_ r: inout SnapshotReader) throws -> ImportReport {
        var rep = ImportReport(path: try r.str(), format: try r.str())
        var v: [Int] = []
        for _ in 0..<8 { v.append(Int(try r.i64())) }
        (rep.rowsRead, rep.imported, rep.skipped, rep.warnings) = (v[0], v[1], v[2], v[3])
        (rep.placesLinked, rep.placesAdHoc, rep.actorsLinked, rep.actorsUnlinked) = (v[4], v[5], v[6], v[7])
        var dicts: [[String: Int]] = []
        for _ in 0..<2 {
            var d: [String: Int] = [:]
            for _ in 0..<(try r.count(limit: 1 << 20)) { d[try r.str()] = Int(try r.i64()) }
            dicts.append(d)
        }
        rep.skippedByReason = dicts[0]; rep.warningsByReason = dicts[1]
        var lists: [[ImportReport.Problem]] = []
        for _ in 0..<2 {
            var l: [ImportReport.Problem] = []
            for _ in 0..<(try r.count(limit: 1 << 20)) {
                l.append(.init(line: Int(try r.i64()), reason: try r.str(), malformed: try r.u8() == 1))
            }
            lists.append(l)
        }
        rep.problems = lists[0]; rep.warningList = lists[1]
        rep.cached = true
        return rep
    }
}
