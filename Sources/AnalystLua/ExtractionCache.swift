import AnalystCore
import Foundation

/// The mentions found in a corpus, kept on disk between runs so that the first `events{}` of a
/// session does not rebuild the extractor's lexicon and gazetteer tables (~0.2 s) when nothing
/// changed. The key covers every input: each file under the corpus folder, its lexicons folder
/// and the bundled corpus it borrows tables from (path, size, modification time in ns), and the
/// analyst executable itself (size, modification time), so a rebuilt analyst or an edited file
/// finds nothing and extracts again. A cache file that does not read back whole is ignored.
/// Consolidation (fast) runs on every load.
enum ExtractionCache {
    static let format: UInt32 = 1

    /// `$XDG_CACHE_HOME/analyst/extraction`, else `~/.cache/analyst/extraction`; nil without either.
    static func defaultDirectory() -> String? {
        let env = ProcessInfo.processInfo.environment
        // The same folder and switches as the import cache (docs/import.md).
        if let off = env["ANALYST_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
        if let d = env["ANALYST_CACHE_DIR"], !d.isEmpty { return d + "/extraction" }
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") { return x + "/analyst/extraction" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.cache/analyst/extraction" }
        return nil
    }

    static func key(for corpus: Corpus) -> String {
        var h = FNV()
        h.add("analyst-extraction-\(format)")
        let fm = FileManager.default
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") ?? CommandLine.arguments[0] {
            h.addStat(exe)
        }
        var folders = [corpus.directory, corpus.lexiconsDirectory]
        if let bundled = Corpus.bundledDirectory() { folders.append(bundled) }
        for folder in Set(folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }).sorted() {
            guard let walk = fm.enumerator(atPath: folder) else { continue }
            for case let relative as String in walk.allObjects.compactMap({ $0 as? String }).sorted() {
                h.addStat(folder + "/" + relative)
            }
        }
        return String(format: "%016llx", h.value)
    }

    static func load(_ key: String, from dir: String) -> [EventMention]? {
        guard let data = FileManager.default.contents(atPath: "\(dir)/\(key).bin") else { return nil }
        var r = Reader(bytes: [UInt8](data))
        guard r.u32() == format, let n = r.count() else { return nil }
        var out: [EventMention] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let m = r.mention() else { return nil }
            out.append(m)
        }
        return r.atEnd ? out : nil
    }

    /// Writes through AtomicFile (a temporary file renamed over the name, removed on a signal);
    /// failures are ignored: the cache only saves time.
    static func store(_ mentions: [EventMention], key: String, in dir: String) {
        var w = Writer()
        w.u32(format)
        w.int(mentions.count)
        for m in mentions { w.mention(m) }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? AtomicFile.write(w.bytes, to: "\(dir)/\(key).bin", policy: .unrestricted)   // whole or not at all, even on SIGTERM
        prune(dir, keep: 8)
    }

    /// Keeps the `keep` most recently written cache files (each corpus and build makes its own).
    static func prune(_ dir: String, keep: Int) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir).filter({ $0.hasSuffix(".bin") }), names.count > keep else { return }
        let dated = names.map { name -> (String, Date) in
            let path = "\(dir)/\(name)"
            return (path, (try? fm.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }.sorted { $0.1 > $1.1 }
        for (path, _) in dated.dropFirst(keep) { try? fm.removeItem(atPath: path) }
    }

    struct FNV {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        mutating func add(_ s: String) {
            for b in s.utf8 { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
            value = (value ^ 0xff) &* 0x100_0000_01b3
        }
        mutating func addStat(_ path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { add(path + ":missing"); return }
            guard (st.st_mode & S_IFMT) == S_IFREG else { return }
            add("\(path):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
        }
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        mutating func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { bytes += $0 } }
        mutating func double(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        mutating func str(_ s: String) { int(s.utf8.count); bytes += s.utf8 }
        mutating func opt<T>(_ v: T?, _ write: (inout Writer, T) -> Void) {
            if let v { bytes.append(1); write(&self, v) } else { bytes.append(0) }
        }
        mutating func mention(_ m: EventMention) {
            str(m.id); str(m.type.rawValue); str(m.articleID); str(m.evidence)
            int(m.evidenceRange.lowerBound); int(m.evidenceRange.upperBound)
            str(m.language); str(m.rule); double(m.confidence)
            opt(m.date) { $0.int(Int($1.number)) }
            opt(m.dates) { $0.int(Int($1.first.number)); $0.int(Int($1.last.number)) }
            opt(m.timePrecision) { $0.int($1) }
            opt(m.placeID) { $0.int($1) }
            int(m.geoPrecision)
            opt(m.actorID) { $0.str($1) }
            opt(m.actor2ID) { $0.str($1) }
            opt(m.fatalities) { $0.int($1) }
            opt(m.count) { $0.int($1) }
            str(m.modality.rawValue)
            opt(m.claimedBy) { $0.str($1) }
            opt(m.deniedBy) { $0.str($1) }
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var at = 0
        var atEnd: Bool { at == bytes.count }

        mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, at + n <= bytes.count else { return nil }
            defer { at += n }
            return bytes[at..<(at + n)]
        }
        mutating func u32() -> UInt32? {
            take(4).map { s in s.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
        }
        mutating func u64() -> UInt64? {
            take(8).map { s in s.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        }
        mutating func int() -> Int? { u64().map { Int(Int64(bitPattern: $0)) } }
        mutating func count() -> Int? { int().flatMap { (0...10_000_000).contains($0) ? $0 : nil } }
        mutating func double() -> Double? { u64().map(Double.init(bitPattern:)) }
        mutating func str() -> String? {
            guard let n = count(), let s = take(n) else { return nil }
            return String(decoding: s, as: UTF8.self)
        }
        mutating func day() -> Day? { int().map { Day(number: Int32(truncatingIfNeeded: $0)) } }
        /// .some(nil) for an absent value, nil when the bytes are bad.
        mutating func opt<T>(_ read: (inout Reader) -> T?) -> T?? {
            guard let flag = take(1)?.first else { return nil }
            if flag == 0 { return .some(nil) }
            guard flag == 1, let v = read(&self) else { return nil }
            return .some(v)
        }
        mutating func mention() -> EventMention? {
            guard let id = str(), let type = str().flatMap(EventType.init(rawValue:)), let article = str(), let evidence = str(),
                  let lo = int(), let hi = int(), lo <= hi, let language = str(), let rule = str(), let confidence = double(),
                  let date = opt({ $0.day() }),
                  let dates = opt({ r -> DayRange? in guard let a = r.day(), let b = r.day() else { return nil }; return DayRange(a, b) }),
                  let timePrecision = opt({ $0.int() }), let placeID = opt({ $0.int() }), let geoPrecision = int(),
                  let actor = opt({ $0.str() }), let actor2 = opt({ $0.str() }), let fatalities = opt({ $0.int() }),
                  let count = opt({ $0.int() }), let modality = str().flatMap(Modality.init(rawValue:)),
                  let claimedBy = opt({ $0.str() }), let deniedBy = opt({ $0.str() }) else { return nil }
            return EventMention(id: id, type: type, articleID: article, evidence: evidence, evidenceRange: lo..<hi,
                                language: language, rule: rule, confidence: confidence, date: date, dates: dates,
                                timePrecision: timePrecision, placeID: placeID, geoPrecision: geoPrecision, actorID: actor,
                                actor2ID: actor2, fatalities: fatalities, count: count, modality: modality,
                                claimedBy: claimedBy, deniedBy: deniedBy)
        }
    }
}
