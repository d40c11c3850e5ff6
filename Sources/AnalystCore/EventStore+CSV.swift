import Foundation

/// Writing rows straight from the columns to CSV (RFC 4180, CRLF, quotes doubled), byte by byte:
/// no `String` per cell for interned strings. The fast path for exporting many imported events.
extension EventStore {
    public enum CSVColumn: String, Sendable, CaseIterable {
        case id, date, first, last, type, originalType = "original_type", actor, actor2, place, admin1, country
        case latitude, longitude, fatalities, sources, notes
    }

    /// Writes a header and one line per row; returns the number of rows written.
    @discardableResult
    public func writeCSV(rows: [Int32], columns: [CSVColumn], to path: String) throws -> Int {
        var out: [UInt8] = []
        out.reserveCapacity(256 * rows.count + 256)
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func text(_ b: UnsafeBufferPointer<UInt8>) {
            if b.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                // Copy the runs between quotes in bulk (a byte at a time costs ~20 ns each here).
                out.append(34)
                var start = 0
                for i in 0..<b.count where b[i] == 34 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...i]))
                    out.append(34)
                    start = i + 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
                out.append(34)
            } else {
                out.append(contentsOf: b)
            }
        }
        func str(_ id: Int32) { if id != EventStore.none { strings.withUTF8(id, text) } }
        func string(_ s: String?) { if var s { s.withUTF8(text) } }
        // Formatting a day or a coordinate costs more than the rest of a row: once per value.
        var dayText: [Int32: [UInt8]] = [:]
        func day(_ n: Int32) {
            guard n != EventStore.none else { return }
            if let t = dayText[n] { out.append(contentsOf: t); return }
            let t = Array(Day(number: n).iso.utf8)
            dayText[n] = t
            out.append(contentsOf: t)
        }
        var coordText: [Int32: ([UInt8], [UInt8])] = [:]
        func coord(_ pr: Int32, latitude: Bool) {
            guard pr >= 0 else { return }
            let t: ([UInt8], [UInt8])
            if let c = coordText[pr] { t = c } else {
                let p = places[Int(pr)]
                t = (Array("\(p.latitude)".utf8), Array("\(p.longitude)".utf8))
                coordText[pr] = t
            }
            out.append(contentsOf: latitude ? t.0 : t.1)
        }
        raw(columns.map(\.rawValue).joined(separator: ",")); out.append(13); out.append(10)
        for r32 in rows {
            let r = Int(r32)
            let pr = placeRow[r]
            for (k, c) in columns.enumerated() {
                if k > 0 { out.append(44) }
                switch c {
                case .id: str(ids[r])
                case .date: day(dateBest[r])
                case .first: day(dateMin[r])
                case .last: day(dateMax[r])
                case .type: raw(type(r).rawValue)
                case .originalType: str(originalType[r])
                case .actor: str(actor1[r])
                case .actor2: str(actor2[r])
                case .place: if pr >= 0 { str(placeNameID[Int(pr)]) }
                case .admin1: if pr >= 0 { str(placeAdmin1ID[Int(pr)]) }
                case .country: if pr >= 0 { str(placeCountryID[Int(pr)]) }
                case .latitude: coord(pr, latitude: true)
                case .longitude: coord(pr, latitude: false)
                case .fatalities: if fatalities[r] >= 0 { raw(String(fatalities[r])) }
                case .sources: string(sources(r).joined(separator: "; "))
                case .notes: str(notes[r])
                }
            }
            out.append(13); out.append(10)
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
        return rows.count
    }
}
