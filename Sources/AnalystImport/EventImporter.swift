import AnalystCore
import Foundation

/// Imports event files (ACLED CSV, GDELT 2.0 events) into an EventStore, so every query, advance
/// rate and export works on them. See docs/import.md for the mappings and rules.
public enum EventImporter {
    /// Imports one file. Malformed rows are skipped and counted (with their lines in the report);
    /// with `strict`, the first one stops the import with an `ImportError` naming file:line and
    /// nothing is added to the store.
    @discardableResult
    public static func importFile(path: String, format: ImportFormat = .auto, into store: EventStore,
                                  linker: PlaceLinker? = nil, strict: Bool = false,
                                  options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let file = try MappedFile(path: path)
        // Header / first record, on this thread.
        var bomSkip = 0
        if file.count >= 3 && file.base[0] == 0xEF && file.base[1] == 0xBB && file.base[2] == 0xBF { bomSkip = 3 }
        let detected = format == .auto ? try detect(file, from: bomSkip) : format
        var report: ImportReport
        switch detected {
        case .acled:
            var sc = ByteCSVScanner(base: file.base, start: bomSkip, limit: file.count, separator: 44, quoting: true)
            guard case .record = sc.next() else {
                throw ImportError(path: path, line: 1, message: file.count == bomSkip ? "empty file" : "no header")
            }
            let header = (0..<sc.fieldCount).map { ByteFields.string(ByteFields.trimmed(sc.field($0))) }
            let parser = try ACLEDParser(header: header, options: options, path: path)
            report = try run(file, parser: parser, format: "acled (\(parser.layout))", dataStart: sc.pos,
                             headerLines: sc.line, store: store, linker: linker, strict: strict, options: options)
        case .gdelt, .auto:
            report = try run(file, parser: GDELTParser(options: options), format: "gdelt 2.0 events", dataStart: bomSkip,
                             headerLines: 0, store: store, linker: linker, strict: strict, options: options)
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        return report
    }

    /// ACLED when the first line names ACLED columns; GDELT when it is tab-separated with 61 fields.
    static func detect(_ file: MappedFile, from: Int) throws -> ImportFormat {
        var end = from
        while end < file.count && file.base[end] != 10 && file.base[end] != 13 && end - from < 1 << 16 { end += 1 }
        let first = String(decoding: UnsafeBufferPointer(start: file.base + from, count: end - from), as: UTF8.self).lowercased()
        if first.contains("event_id_cnty") && first.contains("event_date") { return .acled }
        let tabs = first.utf8.filter { $0 == 9 }.count
        if tabs == 60 { return .gdelt }
        if file.count == from { throw ImportError(path: file.path, line: 0, message: "empty file") }
        throw ImportError(path: file.path, line: 1, message:
            "unknown format: not an ACLED CSV (no event_id_cnty/event_date header) nor a GDELT 2.0 event file (61 tab-separated columns, found \(tabs + 1))")
    }

    /// Splits the data at record boundaries into chunks parsed in parallel, then appends them in order.
    static func run<P: RecordParser>(_ file: MappedFile, parser: P, format: String, dataStart: Int, headerLines: Int,
                                     store: EventStore, linker: PlaceLinker?, strict: Bool,
                                     options: ImportOptions) throws -> ImportReport {
        let size = file.count - dataStart
        let k = size >= options.parallelThreshold ? max(1, options.threads) : 1
        // Speculative starts: the line start after each k-th of the data. A start that falls inside
        // a quoted field is caught below (the previous chunk does not end there) and redone.
        var starts = [dataStart]
        for i in 1..<max(k, 1) {
            var s = dataStart + size * i / k
            while s < file.count && file.base[s - 1] != 10 && file.base[s - 1] != 13 { s += 1 }
            starts.append(max(s, starts.last!))
        }
        let stops = Array(starts.dropFirst()) + [file.count]
        let trace = ProcessInfo.processInfo.environment["ANALYST_IMPORT_TRACE"] != nil
        var tt = DispatchTime.now().uptimeNanoseconds
        func mark(_ what: String) {
            guard trace else { return }
            let t = DispatchTime.now().uptimeNanoseconds
            FileHandle.standardError.write("import: \(what) \(Double(t - tt) / 1e6) ms\n".data(using: .utf8)!)
            tt = t
        }
        var results = [ChunkResult?](repeating: nil, count: starts.count)
        // The file id the store will give this file (registerFile, after linking): the first chunk's
        // origins are made on its thread with it (the store checks it when it adopts the batch).
        let expectedFileID = Int32(store.importedFiles.count)
        var chunkMs = [Double](repeating: 0, count: starts.count)
        let t0 = DispatchTime.now().uptimeNanoseconds
        results.withUnsafeMutableBufferPointer { out in
            chunkMs.withUnsafeMutableBufferPointer { msp in
            // Each worker writes only its own slot of `out` and `ms`, and reads the rest.
            let shared = SharedWithWorkers((out: out, ms: msp, parser: parser, starts: starts, stops: stops))
            DispatchQueue.concurrentPerform(iterations: starts.count) { i in
                let (outp, ms, parser, starts, stops) = shared.value
                defer { ms[i] = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6 }
                var p = parser
                var r = ChunkParser.parse(file, start: starts[i], stopAt: stops[i], skipLeadingBlank: i > 0, dataStartHint: dataStart,
                                          parser: &p, strict: strict, options: options)
                // What the merge would do for this batch alone, done here in parallel.
                if r.fatal == nil {
                    r.batch.finish(capacity: i == 0 ? r.batch.ids.capacity : 0,
                                   origin: i == 0 ? (expectedFileID, Int32(1 + headerLines)) : nil)
                }
                outp[i] = r
            }
            }
        }
        mark("parse \(starts.count) chunks (each done at \(chunkMs.map { String(Int($0)) }.joined(separator: ", ")) ms)")
        // Validate the chain: chunk i is good when chunk i-1 ended exactly where it started.
        var chunks: [ChunkResult] = []
        var pos = -1
        for i in 0..<results.count {
            var r = results[i]!
            if i > 0 && r.start != pos {
                var p = parser
                r = ChunkParser.parse(file, start: pos, stopAt: max(stops[i], pos), skipLeadingBlank: true,
                                      parser: &p, strict: strict, options: options)
            }
            results[i] = nil
            chunks.append(r)
            pos = r.end
            if r.fatal != nil { break }
        }
        // Absolute lines: 1 + newlines before the chunk.
        var report = ImportReport(path: file.path, format: format)
        var lineBase = 1 + headerLines
        var offsets: [Int] = []
        for c in chunks {
            offsets.append(lineBase)
            if let f = c.fatal {
                throw ImportError(path: file.path, line: lineBase + f.line, message: f.reason)
            }
            report.rowsRead += c.rowsRead
            report.skipped += c.skipped
            for (k, v) in c.skippedByReason { report.skippedByReason[k, default: 0] += v }
            for p in c.problems where report.problems.count < options.keepProblems {
                report.problems.append(.init(line: lineBase + p.line, reason: p.reason, malformed: p.malformed))
            }
            report.warnings += c.warnings
            for (k, v) in c.warningsByReason { report.warningsByReason[k, default: 0] += v }
            for p in c.warningList where report.warningList.count < options.keepProblems {
                report.warningList.append(.init(line: lineBase + p.line, reason: p.reason, malformed: false))
            }
            lineBase += c.newlines
        }
        // Nothing is added from a file that changed under us (a SIGBUS caught, or a new size/time).
        try file.checkUnchanged()
        // Places: link each distinct one once, or make it ad hoc.
        var linked: [EventStore.PlaceRef: EventStore.PlaceRef] = [:]
        var placeMaps: [[EventStore.PlaceRef]] = []
        for c in chunks {
            placeMaps.append(c.batch.places.map { p in
                if let l = linked[p] { return l }
                var out: EventStore.PlaceRef
                if let l = linker?.link(name: p.name, latitude: p.latitude, longitude: p.longitude, admin1: p.admin1, country: p.country) {
                    out = l
                    report.placesLinked += 1
                    store.addImportedPlaceName(p.name, placeID: l.id)
                } else {
                    out = store.adHocPlace(name: p.name, admin1: p.admin1, country: p.country, latitude: p.latitude, longitude: p.longitude)
                    report.placesAdHoc += 1
                }
                linked[p] = out
                return out
            })
        }
        mark("places")
        let fileID = store.registerFile(file.path)
        for i in chunks.indices {
            report.imported += chunks[i].batch.count
            // Taken by the store (the batch is left empty): its arrays go as soon as they are merged.
            store.append(batch: &chunks[i].batch, fileID: fileID, lineOffset: Int32(offsets[i]), placeMap: placeMaps[i])
        }
        mark("merge")
        return report
    }
}
