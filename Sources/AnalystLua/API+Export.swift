import AnalystCore
import AnalystImport
import CLua
import Foundation
import LuaKit

extension AnalystAPI {
    /// Default columns of an events CSV, in this order (docs/lua-api.md).
    static let eventColumns = ["id", "type", "date", "date_min", "date_max", "time_precision", "place", "place_id",
                               "admin1", "country", "latitude", "longitude", "geo_precision", "actor", "actor2",
                               "fatalities", "count", "modality", "confidence", "corroboration", "sources", "article",
                               "language", "evidence"]
    static let acledColumns = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                               "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                               "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                               "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                               "fatalities", "tags", "timestamp"]

    func defineExport() {
        let section = "Export"
        registry.add(APIEntry("csv.write", section: section,
                              params: [.init("path", "string", "file to write; written atomically (temporary file, then rename)"),
                                       .init("rows", "EventList|table", "an event list, advance legs, or any list of tables"),
                                       .init("opts", "table", "`columns` (list of names), `format = \"acled\"` (events in ACLED's 31 columns), `excel_safe` (prefix ' to text cells starting with = + - @)", optional: true)],
                              returns: "integer",
                              summary: "Writes rows as RFC 4180 CSV (UTF-8, header row, CRLF); returns the number of rows.",
                              example: #"csv.write(os.tmpname(), {{city = "Hama", km = 120.5}, {city = "Homs", km = 41}})"#) { [unowned self] call in
            let path = try call.string(1)
            let opts = try self.options(call, 3, valid: ["columns", "format", "excel_safe"], function: "csv.write")
            if let box = call.stack.object(at: 2, typeName: AnalystAPI.eventListType, as: EventListBox.self) {
                try self.checkGeneration(box.generation)
                call.push(try self.writeEventsCSV(box, path: path, opts: opts, optsArgument: 3))
                return 1
            }
            try call.checkTable(2)
            let (header, rows) = try self.tableRows(call, 2, columns: opts["columns"])
            let cells = rows.map { row in row.map { self.cell($0) } }
            try self.writeFile(path, CSV.render(header: header, rows: cells, excelSafe: opts["excel_safe"] == .boolean(true)))
            call.push(rows.count)
            return 1
        })
        registry.add(APIEntry("csv.read", section: section,
                              params: [.init("path", "string", "a CSV file with a header row")], returns: "List",
                              summary: "The rows of a CSV file as a List of tables keyed by the header (all values strings).",
                              example: #"local p = os.tmpname() csv.write(p, {{a = 1, b = "x,y"}}) print(csv.read(p)[1].b)"#) { [unowned self] call in
            let path = try call.string(1)
            // the bytes, the text and the parsed fields are held at once: charged under --max-memory
            var st = stat()
            if stat(path, &st) == 0 { try HostMemory.reserve(Int(st.st_size) * 3) }
            guard let data = FileManager.default.contents(atPath: path) else { throw LuaRaise("cannot open \(path)") }
            let bytes = [UInt8](data)
            let invalid = bytes.withUnsafeBufferPointer { b in b.baseAddress.flatMap { UTF8Check.firstInvalid($0, from: 0, to: b.count) } }
            guard invalid == nil else { throw LuaRaise("\(path): not UTF-8 text") }
            let records: [(line: Int, fields: [String])]
            do { records = try CSVRecords.parse(bytes) } catch let e as CSVRecords.Unterminated { throw LuaRaise("\(path):\(e.line): unterminated quoted field") }
            guard let header = records.first?.fields else {
                call.stack.newTable(); try self.setListMetatable(call); return 1
            }
            call.stack.newTable(array: records.count - 1)
            for (i, rec) in records.dropFirst().enumerated() {
                guard rec.fields.count == header.count else {
                    throw LuaRaise("\(path):\(rec.line): \(rec.fields.count) fields, the header has \(header.count)")
                }
                call.stack.newTable(hash: header.count)
                for (k, v) in zip(header, rec.fields) { call.push(v); call.stack.setField(k, in: -2) }
                call.stack.setIndex(i + 1, in: -2)
            }
            try self.setListMetatable(call, fields: header)
            return 1
        })
        registry.add(APIEntry("geojson.write", section: section,
                              params: [.init("path", "string", "file to write (atomically)"),
                                       .init("rows", "EventList|table", "an event list (Points) or advance legs (LineStrings)")],
                              returns: "integer", summary: "Writes GeoJSON (RFC 7946, [lon, lat]); returns the number of features.",
                              example: #"geojson.write(os.tmpname(), advance{"Aleppo", "Hama"})"#) { [unowned self] call in
            let path = try call.string(1)
            if let box = call.stack.object(at: 2, typeName: AnalystAPI.eventListType, as: EventListBox.self) {
                try self.checkGeneration(box.generation)
                call.push(try self.writeEventsGeoJSON(box, path: path))
                return 1
            }
            try call.checkTable(2)
            let (header, rows) = try self.tableRows(call, 2, columns: .nil, everyKey: true)
            var features: [GeoJSON.Feature] = []
            for row in rows {
                let rec = Dictionary(zip(header, row), uniquingKeysWith: { a, _ in a })
                func num(_ k: String) -> Double? { if case .number(let d)? = rec[k] { return d }; if case .integer(let i)? = rec[k] { return Double(i) }; return nil }
                let props: [(String, GeoJSON.Value)] = header.compactMap { k in
                    guard let v = rec[k], !k.hasSuffix("_lat"), !k.hasSuffix("_lon") else { return nil }
                    return (k, self.geoValue(v))
                }
                if let a = num("from_lat"), let b = num("from_lon"), let c = num("to_lat"), let d = num("to_lon") {
                    features.append(.init(geometry: .lineString([(a, b), (c, d)]), properties: props))
                } else if let lat = num("lat") ?? num("latitude"), let lon = num("lon") ?? num("longitude") {
                    features.append(.init(geometry: .point(latitude: lat, longitude: lon), properties: props))
                }
            }
            try self.writeFile(path, GeoJSON.render(features))
            call.push(features.count)
            return 1
        })
    }

    // MARK: events to files

    func writeEventsCSV(_ box: EventListBox, path: String, opts: LuaValue, optsArgument: Int32) throws -> Int {
        let acled = opts["format"].stringValue == "acled"
        if let f = opts["format"].stringValue, f != "acled" { throw LuaArgumentError(optsArgument, "unknown format '\(f)' (valid: acled)") }
        var columns = acled ? AnalystAPI.acledColumns : AnalystAPI.eventColumns
        if case .array(let cs) = opts["columns"] {
            columns = cs.compactMap(\.stringValue)
            let valid = acled ? AnalystAPI.acledColumns : AnalystAPI.eventColumns
            for c in columns where !valid.contains(c) {
                throw LuaArgumentError(optsArgument, "unknown column '\(c)' (valid: \(valid.joined(separator: ", ")))")
            }
        }
        // Row by row into bytes (what CSV.render writes, without a String of the whole file); a
        // long list in two halves on two threads (the cells only read the stores), joined in order.
        let excelSafe = opts["excel_safe"] == .boolean(true)
        var header = CSV.Writer(excelSafe: excelSafe)
        header.line(columns.map { CSV.Cell($0) }, header: true)
        let rows = box.rows
        // Actor names come from the corpus: loaded here, once, not by two threads at a time.
        let namesActors = columns.contains { $0 == "actor" || $0 == "actor1" || $0 == "actor2" }
        if namesActors && !rows.isEmpty { _ = try? session.corpus() }
        let parts = rows.count >= 4096 && (session.isLoaded || !namesActors) ? 2 : 1
        var outs = [[UInt8]](repeating: [], count: parts)
        outs.withUnsafeMutableBufferPointer { o in
            // Each half writes only its own slot of `outs` and reads the stores.
            let columns = columns
            let shared = SharedWithWorkers((api: self, box: box, out: o))
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let (api, box, out) = shared.value
                var w = CSV.Writer(excelSafe: excelSafe)
                let memo = ACLEDTypeMemo()
                for e in rows[(rows.count * k / parts)..<(rows.count * (k + 1) / parts)] {
                    let (s, r, id) = api.at(box, e)
                    w.line(acled ? api.acledCells(s, r, id, columns, memo: memo) : api.eventCells(s, r, id, columns))
                }
                out[k] = w.out
            }
        }
        var bytes = header.out
        bytes.reserveCapacity(bytes.count + outs.reduce(0) { $0 + $1.count })
        for o in outs { bytes.append(contentsOf: o) }
        outs = []
        try writeFile(path, bytes: bytes)
        return rows.count
    }

    func eventRecord(_ s: EventStore, _ r: Int, _ storeID: Int32) -> [String: CSV.Cell] {
        Dictionary(uniqueKeysWithValues: zip(AnalystAPI.eventColumns, eventCells(s, r, storeID, AnalystAPI.eventColumns)))
    }

    /// The cells of one event for `columns` (names of `eventColumns`): only those are computed.
    func eventCells(_ s: EventStore, _ r: Int, _ storeID: Int32, _ columns: [String]) -> [CSV.Cell] {
        let p = s.place(r)
        var isImported = false
        if case .imported = s.origin(r) { isImported = true }
        func n(_ v: Int?) -> CSV.Cell { v.map { CSV.Cell(String($0), isNumber: true) } ?? .empty }
        func d(_ v: Double?) -> CSV.Cell { v.map { CSV.Cell(JSON.number($0), isNumber: true) } ?? .empty }
        return columns.map { c -> CSV.Cell in
            switch c {
            case "id": return CSV.Cell(s.id(r))
            case "type": return CSV.Cell(s.type(r).rawValue)
            case "date": return CSV.Cell(s.date(r)?.iso ?? "")
            case "date_min": return CSV.Cell(s.dates(r)?.first.iso ?? "")
            case "date_max": return CSV.Cell(s.dates(r)?.last.iso ?? "")
            case "time_precision": return n(s.timePrecisionOf(r))
            case "place": return CSV.Cell(p?.name ?? "")
            case "place_id": return n(p?.id)
            case "admin1": return CSV.Cell(p?.admin1 ?? "")
            case "country": return CSV.Cell(p?.country ?? "")
            case "latitude": return d(p?.latitude)
            case "longitude": return d(p?.longitude)
            case "geo_precision": return n(Int(s.geoPrecision[r]))
            case "actor": return CSV.Cell(actorName(s.string(s.actor1[r])))
            case "actor2": return CSV.Cell(actorName(s.string(s.actor2[r])))
            case "fatalities": return n(s.int(s.fatalities[r]))
            case "count": return n(s.int(s.counts[r]))
            case "modality": return CSV.Cell(s.modalityOf(r).rawValue)
            case "confidence": return d((Double(s.confidence[r]) * 1000).rounded() / 1000)
            case "corroboration": return n(Int(s.corroboration[r]))
            case "sources": return CSV.Cell(s.sources(r).joined(separator: ";"))
            case "article": return CSV.Cell(isImported ? "" : s.sources(r).first ?? "")
            case "language": return CSV.Cell(s.string(s.language[r]) ?? "")
            case "evidence": return CSV.Cell(session.extracted(store: storeID, row: r).mention?.evidence ?? "")
            default: return .empty
            }
        }
    }

    func actorName(_ id: String?) -> String {
        guard let id else { return "" }
        return (try? session.corpus().actors.actor(id: id)?.name) ?? nil ?? id
    }

    func writeEventsGeoJSON(_ box: EventListBox, path: String) throws -> Int {
        var features: [GeoJSON.Feature] = []
        for e in box.rows {
            let (s, row, id) = at(box, e)
            guard let p = s.place(row) else { continue }
            let rec = eventRecord(s, row, id)
            let props: [(String, GeoJSON.Value)] = AnalystAPI.eventColumns.compactMap { k in
                guard k != "latitude", k != "longitude", let c = rec[k], !c.text.isEmpty else { return nil }
                if c.isNumber, let i = Int(c.text) { return (k, .integer(i)) }
                if c.isNumber, let d = Double(c.text) { return (k, .number(d)) }
                return (k, .string(c.text))
            }
            features.append(.init(geometry: .point(latitude: p.latitude, longitude: p.longitude), properties: props))
        }
        try writeFile(path, GeoJSON.render(features))
        return features.count
    }

    // MARK: plain tables

    /// Header and values of a list of tables: `columns` if given, else the list's `__fields`, else the
    /// keys of all rows in sorted order.
    func tableRows(_ call: LuaCall, _ i: Int32, columns: LuaValue, everyKey: Bool = false) throws -> ([String], [[LuaValue]]) {
        let list = try call.stack.value(at: i, lenient: true)
        var records: [[LuaPair]] = []
        switch list {
        case .array(let items):
            for (n, item) in items.enumerated() {
                switch item {
                case .table(let pairs): records.append(pairs)
                case .array(let xs): records.append(xs.enumerated().map { LuaPair(.integer(Int64($0.offset + 1)), $0.element) })
                default: throw LuaArgumentError(i, "row \(n + 1) is not a table")
                }
            }
        case .table(let pairs) where pairs.isEmpty: break
        default: throw LuaArgumentError(i, "a list of tables expected")
        }
        var header: [String] = []
        if case .array(let cs) = columns {
            header = cs.compactMap(\.stringValue)
        } else if lua_getmetatable(call.L, i) != 0 {
            if clua_rawgetfield(call.L, -1, "__fields") == LUA_TTABLE, case .array(let fs) = try call.stack.value(at: -1) {
                header = fs.compactMap(\.stringValue)
            }
            call.stack.pop(2)
        }
        if header.isEmpty || everyKey {
            var keys = Set<String>()
            for r in records { for p in r { keys.insert(describeKey(p.key)) } }
            header += keys.subtracting(header).sorted()
        }
        let rows = records.map { r -> [LuaValue] in
            let d = Dictionary(r.map { (describeKey($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
            return header.map { d[$0] ?? .nil }
        }
        return (header, rows)
    }

    func cell(_ v: LuaValue) -> CSV.Cell {
        switch v {
        case .nil: return .empty
        case .boolean(let b): return CSV.Cell(b ? "true" : "false")
        case .integer(let i): return CSV.Cell(String(i), isNumber: true)
        case .number(let d): return CSV.Cell(d.isFinite ? JSON.number(d) : "", isNumber: true)
        case .string(let s): return CSV.Cell(s.description)
        case .array, .table: return CSV.Cell("")
        }
    }

    func geoValue(_ v: LuaValue) -> GeoJSON.Value {
        switch v {
        case .integer(let i): return .integer(Int(i))
        case .number(let d): return .number(d)
        case .boolean(let b): return .bool(b)
        case .string(let s): return .string(s.description)
        default: return .null
        }
    }

    /// Every file the API writes goes through here: atomic (temporary file in the same folder,
    /// then rename), so a failure or a kill leaves the previous file intact.
    func writeFile(_ path: String, _ text: String) throws {
        try writeFile(path, bytes: Array(text.utf8))
    }

    func writeFile(_ path: String, bytes: [UInt8]) throws {
        try HostMemory.reserve(bytes.count)   // the bytes copied out for writing, under --max-memory
        do {
            try AtomicFile.write(bytes, to: path, policy: session.outputPolicy)
        } catch let refused as OutputPolicy.Refused {
            throw LuaRaise(refused.description)
        } catch let failure as AtomicFile.Failure {
            throw failure   // as it is: the command line maps it to exit 73 (cannot create output)
        } catch {
            throw LuaRaise("cannot write \(path): \(error)")
        }
    }
}

extension AnalystAPI {
    /// ACLED `tags` of an exported row: the row's own tags (an imported row) plus what ACLED
    /// cannot say, so a re-import gives the same event back: our type when ACLED has none for it,
    /// and a claim or denial with who makes it (`AnalystTags`, docs/import.md).
    func acledTags(_ s: EventStore, _ r: Int, _ storeID: Int32, original: [String]?) -> String {
        let ext = session.extracted(store: storeID, row: r)
        let m = s.modalityOf(r)
        let tags = AnalystTags(type: original == nil ? s.type(r) : nil, modality: m,
                               claimedBy: m == .claimed ? (ext.mention?.claimedBy ?? s.claimedBy(r)) : nil,
                               deniedBy: m == .denied ? (ext.mention?.deniedBy ?? s.deniedBy(r)) : nil)
        let own = (s.extra("tags", r) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("analyst_") }
        return (own + tags.entries).joined(separator: "; ")
    }

    /// The cells of one event in ACLED's columns (`columns` from `acledColumns`). An imported row
    /// gives back what its file had (ACLED's classification, inter codes, admin2, ...); a row of
    /// ours is mapped (`EventType.acled`), with what ACLED cannot say in `tags`.
    func acledCells(_ s: EventStore, _ r: Int, _ storeID: Int32, _ columns: [String], memo: ACLEDTypeMemo? = nil) -> [CSV.Cell] {
        let p = s.place(r)
        let a = s.type(r).acled
        func n(_ v: Int?) -> CSV.Cell { v.map { CSV.Cell(String($0), isNumber: true) } ?? .empty }
        func text(_ name: String) -> CSV.Cell { CSV.Cell(s.extra(name, r) ?? "") }
        let original = (memo ?? ACLEDTypeMemo()).split(s, s.originalType[r])
        let date = s.date(r) ?? s.dates(r)?.first
        return columns.map { c -> CSV.Cell in
            switch c {
            case "event_id_cnty": return CSV.Cell(s.id(r))
            case "event_date": return CSV.Cell(date?.iso ?? "")
            case "year": return n(date?.year)
            case "time_precision": return n(s.timePrecisionOf(r) ?? 3)
            case "disorder_type": return CSV.Cell(s.extra("disorder_type", r) ?? a.disorder)
            case "event_type": return CSV.Cell(original?.first ?? a.eventType)
            case "sub_event_type": return CSV.Cell(original.flatMap { $0.count > 1 ? $0[1] : nil } ?? a.subEventType)
            case "actor1": return CSV.Cell(actorName(s.string(s.actor1[r])))
            case "actor2": return CSV.Cell(actorName(s.string(s.actor2[r])))
            case "region": return CSV.Cell(s.extra("region", r) ?? (p?.country == "Syria" ? "Middle East" : ""))
            case "country": return CSV.Cell(p?.country ?? "")
            case "admin1": return CSV.Cell(p?.admin1 ?? "")
            case "location": return CSV.Cell(p?.name ?? "")
            case "latitude": return p.map { CSV.Cell(AnalystAPI.fixed4($0.latitude), isNumber: true) } ?? .empty
            case "longitude": return p.map { CSV.Cell(AnalystAPI.fixed4($0.longitude), isNumber: true) } ?? .empty
            case "geo_precision": return n(Int(s.geoPrecision[r]))
            case "source": return CSV.Cell(s.sources(r).joined(separator: "; "))
            case "source_scale": return CSV.Cell(s.extra("source_scale", r) ?? "Other")
            case "notes": return CSV.Cell(session.extracted(store: storeID, row: r).mention?.evidence ?? s.string(s.notes[r]) ?? "")
            case "fatalities": return n(s.int(s.fatalities[r]) ?? 0)
            case "tags": return CSV.Cell(acledTags(s, r, storeID, original: original))
            case "timestamp": return n(date.map { Int($0.number) * 86400 })
            case "assoc_actor_1", "assoc_actor_2", "inter1", "inter2", "interaction", "civilian_targeting", "iso",
                 "admin2", "admin3": return text(c)
            default: return .empty
            }
        }
    }

    /// `%.4f` without Foundation's formatter (the export's hot path): coordinates in degrees.
    static func fixed4(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e12 else { return String(format: "%.4f", x) }
        let scaled = Int((abs(x) * 10000).rounded())
        let frac = String(scaled % 10000)
        return (x < 0 && scaled != 0 ? "-" : "") + String(scaled / 10000) + "." + String(repeating: "0", count: 4 - frac.count) + frac
    }
}

/// ACLED's `event_type / sub_event_type` of each distinct original type, split once per export
/// (a file has a few dozen of them; the export asks for every row).
final class ACLEDTypeMemo {
    private var parts: [Int32: [String]] = [:]
    func split(_ s: EventStore, _ id: Int32) -> [String]? {
        guard id >= 0 else { return nil }
        if let p = parts[id] { return p }
        let p = s.string(id)?.components(separatedBy: " / ")
        parts[id] = p
        return p
    }
}

