import AnalystPlot
import AnalystCore
import Foundation
import XCTest

/// The pictures: checked as XML, not as strings, on a handful of events and on 5,000.
final class PlotTests: XCTestCase {
    static let outlines: [Outline] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? Outline.load(path: root.appendingPathComponent("Corpus/naturalearth-levant.geojson").path)) ?? []
    }()

    static func day(_ s: String) -> Day { Day(iso: s)! }

    /// Five events at five places, one name in Arabic and one in Vietnamese, two of them captures.
    static func fiveEvents() -> [PlotEvent] {
        [
            PlotEvent(type: .offensive, placeID: 1, place: "Alpha", latitude: 35.93, longitude: 36.63,
                      dates: DayRange(day("2024-11-20"), day("2024-11-27")), date: day("2024-11-27"), actor: "Rebels", side: "opposition", sources: ["a1"]),
            PlotEvent(type: .capture, placeID: 2, place: "حلب", latitude: 36.2, longitude: 37.16,
                      dates: DayRange(day("2024-11-28"), day("2024-11-30")), date: day("2024-11-29"), actor: "Rebels", side: "opposition", sources: ["a1", "a2"]),
            PlotEvent(type: .airstrike, placeID: 3, place: "Thành phố Hama", latitude: 35.13, longitude: 36.75,
                      dates: DayRange(day("2024-12-01")), date: day("2024-12-01"), actor: "Air force", side: "government", modality: .claimed, sources: ["a3"]),
            PlotEvent(type: .capture, placeID: 4, place: "Homs & <Co>", latitude: 34.73, longitude: 36.72,
                      dates: DayRange(day("2024-12-06"), day("2024-12-07")), date: day("2024-12-07"), sources: ["a2"]),
            PlotEvent(type: .clash, placeID: 5, place: "Far away", latitude: 36.0, longitude: 38.0,
                      dates: DayRange(day("2024-12-02"), day("2024-12-04")), sources: ["a3"]),
        ]
    }

    static func legs() -> [PlotLeg] {
        [PlotLeg(from: "Alpha", to: "حلب", fromLat: 35.93, fromLon: 36.63, toLat: 36.2, toLon: 37.16, km: 56.1,
                 start: day("2024-11-27"), finish: day("2024-11-29"), days: 2, kmPerDay: 28, kmPerDayMin: 18.7, kmPerDayMax: 56.1),
         PlotLeg(from: "حلب", to: "Homs & <Co>", fromLat: 36.2, fromLon: 37.16, toLat: 34.73, toLon: 36.72, km: 170,
                 start: day("2024-11-29"), finish: day("2024-12-07"), days: 8, kmPerDay: 21.3, kmPerDayMin: 17, kmPerDayMax: nil),
         PlotLeg(from: "Alpha", to: "Homs & <Co>", fromLat: 35.93, fromLon: 36.63, toLat: 34.73, toLon: 36.72, km: 226.1, isTotal: true)]
    }

    /// 5,000 events over 60 places of a 3°×3° box and 120 days, every type, a few sides.
    static func bigStore() -> EventStore {
        // A fixed linear congruential sequence: the same store every run.
        var seed: UInt64 = 42
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        let store = EventStore()
        store.reserveCapacity(5000)
        let places = (0..<60).map { i in
            EventStore.PlaceRef(id: 1000 + i, name: "Place \(i)", admin1: nil, country: "Syria",
                                latitude: 33.5 + Double(next() % 300) / 100, longitude: 36 + Double(next() % 300) / 100, inGazetteer: true)
        }
        let start = day("2024-09-01")
        for i in 0..<5000 {
            // Busy places get most events, so some rows crowd and some stay sparse.
            let p = places[Int(next() % 100) < 70 ? Int(next() % 8) : Int(next() % 60)]
            let a = start + Int(next() % 120)
            let span = Int(next() % 6)
            let type = EventType.allCases[Int(next() % UInt64(EventType.allCases.count))]
            store.append(.init(id: "e\(i)", type: type, dates: DayRange(a, a + span), date: a + span / 2, timePrecision: 1,
                               place: p, geoPrecision: 1, actor: ["a", "b", "c", nil][Int(next() % 4)], actor2: nil,
                               fatalities: nil, count: nil, modality: next() % 5 == 0 ? .claimed : .asserted, confidence: 0.8,
                               corroboration: 1, conflict: false, sources: ["s\(i % 37)"], language: "en", origin: .imported(fileID: 0, line: Int32(i))))
        }
        return store
    }

    static func bigEvents() -> [PlotEvent] {
        let store = bigStore()
        return PlotEvent.from(store: store, rows: Array(0..<store.count)) { id in
            ["a": ("Army", "government"), "b": ("Rebels", "opposition"), "c": ("SDF", "kurdish")][id]
        }
    }

    // MARK: checks shared by every picture

    func checkValid(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> SVGInspector {
        let doc = SVGInspector(svg)
        XCTAssertNil(doc.error, "not well-formed XML: \(String(describing: doc.error))", file: file, line: line)
        XCTAssertEqual(doc.root?.name, "svg", file: file, line: line)
        XCTAssertEqual(doc.root?.attributes["xmlns"], "http://www.w3.org/2000/svg", file: file, line: line)
        XCTAssertEqual(doc.root?.attributes["version"], "1.1", file: file, line: line)
        guard let vb = doc.viewBox else { XCTFail("no viewBox", file: file, line: line); return doc }
        let pts = doc.points()
        XCTAssertGreaterThan(pts.count, 20, file: file, line: line)
        for p in pts where !(p.x >= 0 && p.x <= vb.w && p.y >= 0 && p.y <= vb.h) {
            XCTFail("\(p.what) at (\(p.x), \(p.y)) outside the view box \(vb)", file: file, line: line)
            break
        }
        XCTAssertTrue(doc.root?.attributes["font-family"]?.hasPrefix("Noto Sans, DejaVu Sans") ?? false, file: file, line: line)
        // SVG 1.1 has no data-* or aria-*: our own attributes are in a namespace of their own.
        XCTAssertEqual(doc.root?.attributes["xmlns:analyst"], SVGWriter.namespace, file: file, line: line)
        let foreign = doc.elements.flatMap { $0.attributes.keys }.filter { $0.hasPrefix("data-") || $0.hasPrefix("aria-") }
        XCTAssertEqual(foreign, [], file: file, line: line)
        return doc
    }

    func labels(_ doc: SVGInspector) -> [String] {
        // The halo copy has class "halo", so these are the visible labels only.
        doc.all("text", class: "label").map(\.text)
    }

    // MARK: map

    func testMapOfFiveEvents() throws {
        let input = MapRenderer.Input(events: Self.fiveEvents(), legs: Self.legs(), outlines: Self.outlines,
                                      title: "Test & <map>", generated: Date(timeIntervalSince1970: 1_733_000_000))
        let svg = MapRenderer.render(input)
        let doc = checkValid(svg)
        // One label per place, captured places exactly once each.
        let names = labels(doc)
        for captured in ["حلب", "Homs & <Co>"] { XCTAssertEqual(names.filter { $0 == captured }.count, 1, captured) }
        XCTAssertEqual(Set(names), ["Alpha", "حلب", "Thành phố Hama", "Homs & <Co>", "Far away", "56.1 km", "170 km"])
        let details = doc.all("text", class: "label-detail").map(\.text)
        // A leg's destination shows the leg's finish day (as the legend and the table), not the window.
        XCTAssertTrue(details.contains("taken 29 Nov 2024"), "\(details)")
        XCTAssertTrue(details.contains("18.7–56.1 km/day"), "\(details)")
        XCTAssertTrue(details.contains("≥ 17.0 km/day"), "\(details)")
        // A legend entry per type drawn, no more.
        let legend = Set(doc.all("text", class: "legend-entry").compactMap { $0.attributes["analyst:type"] })
        let drawn = Set(doc.all("path", class: "event").compactMap { $0.attributes["class"]?.split(separator: " ").last.map(String.init) })
        XCTAssertEqual(legend, drawn)
        XCTAssertEqual(legend, ["offensive", "capture", "airstrike", "clash"])
        // Furniture and credits.
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "scale-bar" }.count, 1)
        XCTAssertTrue(doc.all("text").contains { $0.text.hasSuffix(" km") && $0.ancestors.last == "scale-bar" })
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "north-arrow" }.count, 1)
        XCTAssertEqual(doc.elements.filter { ["leg", "leg undated"].contains($0.attributes["class"]) && $0.name == "g" }.count, 2, "total row not drawn")
        XCTAssertTrue(doc.all("text").contains { $0.text.contains("Sources: 3 articles (a1, a2, a3)") && $0.text.contains("2024-11-30 20:53 UTC") })
        XCTAssertTrue(doc.all("text").contains { $0.text.contains("Natural Earth") })
        XCTAssertEqual(doc.all("title").first?.text, "Test & <map>")
        // Scripts: Arabic right to left, Vietnamese tagged.
        let arabic = doc.all("text").first { $0.text == "حلب" }
        XCTAssertEqual(arabic?.attributes["direction"], "rtl")
        XCTAssertEqual(arabic?.attributes["xml:lang"], "ar")
        XCTAssertEqual(doc.all("text").first { $0.text == "Thành phố Hama" }?.attributes["xml:lang"], "vi")
        // A Latin line quoting an Arabic name stays left to right (first strong letter decides).
        XCTAssertNil(doc.all("text").first { $0.text == "1. Alpha → حلب" }?.attributes["direction"])
        XCTAssertNotNil(doc.all("text").first { $0.text == "1. Alpha → حلب" })
        // Outlines drawn, clipped to the frame.
        XCTAssertTrue(doc.all("path").contains { $0.attributes["analyst:name"] == "Syria" })
    }

    func testMapOf5000Events() throws {
        let events = Self.bigEvents()
        XCTAssertEqual(events.count, 5000)
        let t0 = Date()
        let svg = MapRenderer.render(.init(events: events, outlines: Self.outlines, title: "Many"))
        XCTAssertLessThan(Date().timeIntervalSince(t0), 10)
        let doc = checkValid(svg)
        // Crowded: one symbol per place, counts adding up to every event, legend matching what is drawn.
        let symbols = doc.all("path", class: "event")
        XCTAssertEqual(symbols.count, Set(events.compactMap(\.placeID)).count)
        XCTAssertEqual(symbols.compactMap { $0.attributes["analyst:count"].flatMap(Int.init) }.reduce(0, +), 5000)
        let drawn = Set(symbols.compactMap { $0.attributes["class"]?.split(separator: " ").last.map(String.init) })
        XCTAssertEqual(Set(doc.all("text", class: "legend-entry").compactMap { $0.attributes["analyst:type"] }), drawn)
        XCTAssertTrue(doc.all("text").contains { $0.text.hasPrefix("Crowded map: one symbol per place") })
        XCTAssertEqual(doc.elements.filter { $0.attributes["class"] == "scale-bar" }.count, 1)
        XCTAssertLessThan(svg.utf8.count, 1_500_000)
        // Places with captures are labelled at most once each.
        let names = labels(doc)
        XCTAssertEqual(names.count, Set(names).count)
    }

    func testFarAwayEventsAreNotedNotDrawn() {
        var events = Self.fiveEvents()
        events.append(PlotEvent(type: .clash, placeID: 9, place: "Kursk-like", latitude: 51.7, longitude: 36.2, date: Self.day("2024-12-01")))
        let doc = checkValid(MapRenderer.render(.init(events: events, outlines: Self.outlines, title: "t")))
        XCTAssertFalse(labels(doc).contains("Kursk-like"))
        XCTAssertTrue(doc.all("text", class: "note").contains { $0.text.contains("Kursk-like") })
        let all = checkValid(MapRenderer.render(.init(events: events, outlines: Self.outlines, title: "t", fitAll: true)))
        XCTAssertTrue(labels(all).contains("Kursk-like"))
    }

    // MARK: timeline

    func testTimelineOfFiveEvents() throws {
        let svg = TimelineRenderer.render(.init(events: Self.fiveEvents(), title: "Five", generated: Date(timeIntervalSince1970: 0)))
        let doc = checkValid(svg)
        let rows = doc.elements.filter { $0.name == "g" && ($0.attributes["class"] ?? "").hasPrefix("row") }
        XCTAssertEqual(rows.count, 5)
        XCTAssertFalse(rows.contains { $0.attributes["class"] == "row aggregated" })
        // Each event over its whole interval; the axis runs from the first to the last day.
        let bars = doc.all("rect", class: "interval")
        XCTAssertEqual(bars.count, 5)
        XCTAssertTrue(bars.contains { $0.attributes["analyst:from"] == "2024-11-20" && $0.attributes["analyst:to"] == "2024-11-27" })
        let widths = bars.compactMap { $0.attributes["width"].flatMap(Double.init) }
        XCTAssertEqual(widths.max()! / widths.min()!, 8, accuracy: 0.05, "an 8-day interval is 8 times a 1-day one")
        XCTAssertEqual(doc.all("path", class: "capture").count, 2)
        XCTAssertEqual(doc.all("path", class: "best-date").count, 3)
        XCTAssertTrue(doc.all("text").contains { $0.text == "20 Nov 2024" })
        let legend = doc.all("text", class: "legend-entry").map(\.text)
        XCTAssertEqual(legend, ["government side", "opposition side", "unattributed"])
        XCTAssertEqual(doc.all("text", class: "row-label").first { $0.text == "حلب" }?.attributes["direction"], "rtl")
    }

    func testTimelineOf5000EventsAggregatesAndCaps() throws {
        let svg = TimelineRenderer.render(.init(events: Self.bigEvents(), title: "Many", maxRows: 25))
        let doc = checkValid(svg)
        let rows = doc.elements.filter { $0.name == "g" && ($0.attributes["class"] ?? "").hasPrefix("row") }
        XCTAssertEqual(rows.count, 25)
        XCTAssertTrue(rows.contains { $0.attributes["class"] == "row aggregated" }, "busy places show daily counts")
        XCTAssertTrue(rows.contains { $0.attributes["class"] == "row" }, "quiet places keep their bars")
        let shown = rows.compactMap { $0.attributes["analyst:events"].flatMap(Int.init) }.reduce(0, +)
        let note = try XCTUnwrap(doc.all("text", class: "note").first?.text)
        XCTAssertTrue(note.hasPrefix("+35 more places (\(5000 - shown) events)"), note)
        XCTAssertLessThan(svg.utf8.count, 1_500_000)
        XCTAssertLessThan(doc.viewBox!.h, 2000)
    }

    func testTimelineByTypeAndWindow() {
        let svg = TimelineRenderer.render(.init(events: Self.fiveEvents(), title: "t", by: .type,
                                                from: Self.day("2024-11-28"), to: Self.day("2024-12-10")))
        let doc = checkValid(svg)
        let names = doc.all("text", class: "row-label").map(\.text)
        XCTAssertEqual(names, ["offensive", "capture", "clash", "airstrike"].filter { $0 != "offensive" })
        XCTAssertTrue(doc.all("text", class: "note").contains { $0.text.contains("1 event outside 28 Nov – 10 Dec 2024") })
    }

    // MARK: parts

    func testLabelsNeverOverlap() {
        var placer = LabelPlacer(bounds: .init(minX: 0, minY: 0, maxX: 400, maxY: 300))
        var placed: [LabelPlacer.Placement] = []
        var dropped = 0
        for i in 0..<200 {
            let r = LabelPlacer.Request(text: "Label \(i)", anchorX: 100 + Double(i % 20) * 10, anchorY: 100 + Double(i / 20) * 10,
                                        width: 60, height: 14, gap: 4)
            if let p = placer.place(r, index: i) { placed.append(p) } else { dropped += 1 }
        }
        XCTAssertGreaterThan(placed.count, 20)
        XCTAssertGreaterThan(dropped, 0, "a crowd that cannot fit loses labels instead of piling them up")
        for (i, a) in placed.enumerated() {
            XCTAssertTrue(a.box.minX >= 0 && a.box.maxX <= 400 && a.box.minY >= 0 && a.box.maxY <= 300)
            for b in placed[(i + 1)...] { XCTAssertFalse(a.box.intersects(b.box), "\(a.request) overlaps \(b.request)") }
        }
        XCTAssertTrue(placed.contains { $0.leader != nil }, "far placements get a leader line")
    }

    func testRateWording() {
        func leg(_ lo: Double?, _ best: Double?, _ hi: Double?) -> String {
            PlotLeg(from: "a", to: "b", fromLat: 0, fromLon: 0, toLat: 1, toLon: 1, km: 124.4, kmPerDay: best,
                    kmPerDayMin: lo, kmPerDayMax: hi).rateLabel
        }
        XCTAssertEqual(leg(22.7, 22.7, 22.7), "22.7 km/day")
        XCTAssertEqual(leg(6.5, 10, 41.5), "6.5–41.5 km/day")
        XCTAssertEqual(leg(6.5, nil, nil), "≥ 6.5 km/day")
        XCTAssertEqual(leg(nil, nil, nil), "rate unknown")
        XCTAssertEqual(PlotLeg(from: "a", to: "b", fromLat: 0, fromLon: 0, toLat: 1, toLon: 1, km: 124.4).kmLabel, "124 km")
    }

    func testProjectionKeepsKilometresSquare() {
        let p = Projection(fitting: [(34, 36), (36, 38)], frame: .init(minX: 0, minY: 0, maxX: 800, maxY: 800))
        let a = p.point(lat: 35, lon: 37), east = p.point(lat: 35, lon: 37.1), north = p.point(lat: 35.1, lon: 37)
        let kmEast = Geo.distanceKm(lat1: 35, lon1: 37, lat2: 35, lon2: 37.1), kmNorth = Geo.distanceKm(lat1: 35, lon1: 37, lat2: 35.1, lon2: 37)
        let unitsPerKmEast = (east.x - a.x) / kmEast, unitsPerKmNorth = (a.y - north.y) / kmNorth
        XCTAssertEqual(unitsPerKmEast / unitsPerKmNorth, 1, accuracy: 0.01)
        XCTAssertEqual(p.unitsPerKm, unitsPerKmNorth, accuracy: unitsPerKmNorth * 0.01)
        XCTAssertTrue([1.0, 2, 5, 10, 20, 50, 100, 200, 500].contains(p.scaleBarKm(maxUnits: 190)))
        XCTAssertLessThanOrEqual(p.scaleBarKm(maxUnits: 190) * p.unitsPerKm, 190)
    }

    func testEscapingAndNumbers() {
        XCTAssertEqual(SVGWriter.escape("a & <b> \"c\" \u{1}"), "a &amp; &lt;b&gt; &quot;c&quot; ")
        XCTAssertEqual(SVGWriter.num(-0.001), "0")
        XCTAssertEqual(SVGWriter.num(12.3456), "12.35")
        XCTAssertEqual(SVGWriter.num(40), "40")
    }

    func testPNGRendering() throws {
        guard let tool = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert", "/opt/homebrew/bin/rsvg-convert"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("rsvg-convert not installed (Debian: librsvg2-bin)")
        }
        // PLOT_TEST_OUT=dir keeps the pictures for a look.
        let keep = ProcessInfo.processInfo.environment["PLOT_TEST_OUT"]
        let dir = keep.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        let pictures = [
            ("map5", MapRenderer.render(.init(events: Self.fiveEvents(), legs: Self.legs(), outlines: Self.outlines, title: "m"))),
            ("map5000", MapRenderer.render(.init(events: Self.bigEvents(), outlines: Self.outlines, title: "m"))),
            ("tl5", TimelineRenderer.render(.init(events: Self.fiveEvents(), title: "t"))),
            ("tl5000", TimelineRenderer.render(.init(events: Self.bigEvents(), title: "t"))),
        ]
        for (name, svg) in pictures {
            let svgURL = dir.appendingPathComponent(name + ".svg"), png = dir.appendingPathComponent(name + ".png")
            try svg.write(to: svgURL, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = ["-o", png.path, svgURL.path]
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, name)
            let data = try Data(contentsOf: png)
            XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], name)
            XCTAssertGreaterThan(data.count, 5000, name)
        }
    }
}
