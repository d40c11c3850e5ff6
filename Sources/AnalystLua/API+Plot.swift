import AnalystCore
import AnalystPlot
import CLua
import Foundation
import LuaKit

extension AnalystAPI {
    static let mapOptions = ["title", "subtitle", "png", "fit_all", "outlines"]
    static let timelineOptions = ["title", "subtitle", "png", "by", "color", "from", "to", "max_rows", "crowded"]

    func definePlot() {
        let section = "Pictures"
        registry.add(APIEntry("plot.map", section: section,
                              params: [.init("what", "EventList|table", "events (an EventList), advance legs (the list from `advance{}`), or `{events = ..., legs = ...}`"),
                                       .init("path", "string", "the SVG file to write (atomically)"),
                                       .init("opts", "table", "`title`, `subtitle`, `png` (false: no PNG even when rsvg-convert is installed), `fit_all` (true: keep far-away events in the frame instead of listing them), `outlines` (a GeoJSON file of country outlines; default: the corpus's naturalearth-levant.geojson)", optional: true)],
                              returns: "string, string?",
                              summary: "Draws an SVG map: events as symbols by type (legend), captured places labelled with their dates, advance legs as arrows labelled km and km/day, country outlines, scale bar, north arrow, sources. Also writes a PNG beside it when `rsvg-convert` is on PATH. Returns the SVG path and the PNG path (or nil).",
                              example: #"local svg = plot.map({events = events{}, legs = advance{"Idlib", "Aleppo", "Hama"}}, os.tmpname(), {title = "Advance on Hama", png = false}) print(svg)"#) { [unowned self] call in
            let path = try call.string(2)
            let opts = try self.options(call, 3, valid: AnalystAPI.mapOptions, function: "plot.map")
            var events: [PlotEvent] = []
            var legs: [PlotLeg] = []
            if let box = call.stack.object(at: 1, typeName: AnalystAPI.eventListType, as: EventListBox.self) {
                events = try self.plotEvents(box)
            } else {
                try call.checkTable(1)
                self.rawField(call, 1, "events")
                let hasEvents = !call.stack.isNoneOrNil(-1)
                if hasEvents { events = try self.plotEvents(try self.list(call, call.stack.top)) }
                call.stack.pop()
                self.rawField(call, 1, "legs")
                let hasLegs = !call.stack.isNoneOrNil(-1)
                if hasLegs { legs = try self.plotLegs(call, call.stack.top) }
                call.stack.pop()
                if !hasEvents && !hasLegs { legs = try self.plotLegs(call, 1) }
            }
            var input = MapRenderer.Input(events: events, legs: legs, title: opts["title"].stringValue ?? "Events and advance",
                                          subtitle: opts["subtitle"].stringValue, fitAll: opts["fit_all"] == .boolean(true))
            input.outlines = try self.outlines(opts["outlines"].stringValue)
            try self.writeFile(path, MapRenderer.render(input))
            return try self.pushPaths(call, path, png: opts["png"] != .boolean(false))
        })
        registry.add(APIEntry("plot.timeline", section: section,
                              params: [.init("events", "EventList", "the events to draw"),
                                       .init("path", "string", "the SVG file to write (atomically)"),
                                       .init("opts", "table", "`title`, `subtitle`, `by` (\"place\" or \"type\": one row per ...), `color` (\"side\" or \"actor\"), `from`/`to` (ISO dates; default: the first and last day of the events), `max_rows` (default 30; the rest are summed up in a note), `crowded` (events in a row above which it shows counts per day; default 40), `png` (false: no PNG)", optional: true)],
                              returns: "string, string?",
                              summary: "Draws an SVG timeline: a strip per place (or type), each event a bar over its possible dates with a tick at its best date, captures starred, coloured by side (or actor). Crowded rows show events per day. Also writes a PNG when `rsvg-convert` is on PATH. Returns the SVG path and the PNG path (or nil).",
                              example: #"local svg = plot.timeline(events{from = "2024-11-20"}, os.tmpname(), {title = "Offensive, day by day", png = false}) print(svg)"#) { [unowned self] call in
            let box = try self.list(call, 1)
            let path = try call.string(2)
            let opts = try self.options(call, 3, valid: AnalystAPI.timelineOptions, function: "plot.timeline")
            var input = TimelineRenderer.Input(events: try self.plotEvents(box), title: opts["title"].stringValue ?? "Timeline of events",
                                               subtitle: opts["subtitle"].stringValue)
            switch opts["by"].stringValue {
            case nil: break
            case let s?:
                guard let k = TimelineRenderer.RowKey(rawValue: s) else { throw LuaArgumentError(3, "by must be \"place\" or \"type\"") }
                input.by = k
            }
            switch opts["color"].stringValue {
            case nil: break
            case let s?:
                guard let k = TimelineRenderer.ColorKey(rawValue: s) else { throw LuaArgumentError(3, "color must be \"side\" or \"actor\"") }
                input.color = k
            }
            for key in ["from", "to"] {
                guard let s = opts[key].stringValue else { continue }
                guard let d = Day(iso: s) else { throw LuaArgumentError(3, "\(key) must be a date YYYY-MM-DD (got '\(s)')") }
                if key == "from" { input.from = d } else { input.to = d }
            }
            if let a = input.from, let b = input.to, b < a { throw LuaArgumentError(3, "to (\(b.iso)) is before from (\(a.iso))") }
            if let n = self.number(opts["max_rows"]) {
                guard n >= 1 else { throw LuaArgumentError(3, "max_rows must be at least 1") }
                input.maxRows = Int(min(n, 1_000_000))   // more rows than that never fit a picture
            }
            if let n = self.number(opts["crowded"]) { input.crowded = Int(max(1, min(n, 1_000_000_000))) }
            try self.writeFile(path, TimelineRenderer.render(input))
            return try self.pushPaths(call, path, png: opts["png"] != .boolean(false))
        })
    }

    func plotEvents(_ box: EventListBox) throws -> [PlotEvent] {
        try checkGeneration(box.generation)
        let actors = try session.corpus().actors
        let describe: (String) -> (String, String?)? = { id in actors.actor(id: id).map { ($0.name, $0.side) } }
        // A mentions-view list also holds imported rows of the events store (EventListBox.locate).
        let own = box.rows.filter { $0 >= 0 }.map(Int.init)
        let imported = box.store == 1 ? box.rows.filter { $0 < 0 }.map { Int(-$0 - 1) } : []
        return PlotEvent.from(store: session.store(box.store), rows: own, actor: describe)
            + (imported.isEmpty ? [] : PlotEvent.from(store: session.events, rows: imported, actor: describe))
    }

    /// Leg records as `advance{}` returns them (total row included, flagged).
    func plotLegs(_ call: LuaCall, _ i: Int32) throws -> [PlotLeg] {
        let (header, rows) = try tableRows(call, i, columns: .nil, everyKey: true)
        return try rows.enumerated().map { n, row in
            let r = Dictionary(zip(header, row), uniquingKeysWith: { a, _ in a })
            // Numbers from scripts are range-checked here, before the renderers turn them into pixels
            // and days (a huge finite value would trap converting to Int).
            func num(_ k: String) throws -> Double? {
                guard let v = r[k], v != .nil else { return nil }
                guard let d = self.number(v) else { throw LuaArgumentError(i, "row \(n + 1): \(k) must be a finite number") }
                let limit: Double = k.hasSuffix("_lat") ? 90 : k.hasSuffix("_lon") ? 180 : k == "days" ? 1_000_000 : 100_000
                guard abs(d) <= limit else { throw LuaArgumentError(i, "row \(n + 1): \(k) = \(d) is out of range (-\(Int(limit))...\(Int(limit)))") }
                return d
            }
            func day(_ k: String) -> Day? { r[k]?.stringValue.flatMap { Day(iso: $0) } }
            guard let a = try num("from_lat"), let b = try num("from_lon"), let c = try num("to_lat"), let d = try num("to_lon") else {
                throw LuaArgumentError(i, "row \(n + 1) is not an advance leg (needs from_lat, from_lon, to_lat, to_lon)")
            }
            return PlotLeg(from: r["from"]?.stringValue ?? "?", to: r["to"]?.stringValue ?? "?", fromLat: a, fromLon: b,
                           toLat: c, toLon: d, km: try num("km") ?? Geo.distanceKm(lat1: a, lon1: b, lat2: c, lon2: d),
                           start: day("start"), finish: day("finish"), days: try num("days").map { Int($0) },
                           kmPerDay: try num("km_per_day"), kmPerDayMin: try num("km_per_day_min"), kmPerDayMax: try num("km_per_day_max"),
                           sources: (r["sources"]?.stringValue ?? "").split(separator: ";").map(String.init),
                           isTotal: r["total"] == .boolean(true))
        }
    }

    /// Country outlines: the given file, else the corpus's, else the bundled corpus's; none if absent.
    func outlines(_ path: String?) throws -> [Outline] {
        let name = "naturalearth-levant.geojson"
        if let path {
            do { return try Outline.load(path: path) } catch { throw LuaRaise("outlines: \(error)") }
        }
        let fm = FileManager.default
        for dir in [try session.corpus().directory, Corpus.bundledDirectory()].compactMap({ $0 }) {
            let p = dir + "/" + name
            if fm.fileExists(atPath: p) { return (try? Outline.load(path: p)) ?? [] }
        }
        return []
    }

    /// Pushes the SVG path and the PNG path (nil when not made); returns the result count.
    func pushPaths(_ call: LuaCall, _ svg: String, png: Bool) throws -> Int32 {
        call.push(svg)
        if png, let out = try PNGExport.convert(svg: svg) { call.push(out) } else { call.pushNil() }
        return 2
    }
}
