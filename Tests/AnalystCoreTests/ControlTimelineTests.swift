import AnalystCore
import XCTest

/// The control timeline and the advance legs built on it, on evidence written here (invented
/// places and days, not the corpus's) and on generated evidence (property tests).
final class ControlTimelineTests: XCTestCase {
    static let d0 = Day(year: 2031, month: 3, day: 1)!
    static func day(_ n: Int) -> Day { d0 + n }
    static func w(_ a: Int, _ b: Int) -> DayRange { DayRange(day(a), day(b)) }
    static let sides = ["red": "north", "red2": "north", "blue": "south"]
    static func timeline(_ ev: [ControlEvidence], claims: Bool = false) -> ControlTimeline {
        ControlTimeline(evidence: ev, options: .init(claims: claims), sideOf: { sides[$0] })
    }
    func ev(_ kind: ControlEvidence.Kind, _ window: DayRange, place: Int = 1, _ modality: Modality = .asserted,
            actor: String? = nil, actor2: String? = nil, source: String, text: String? = nil, imported: Bool = false) -> ControlEvidence {
        ControlEvidence(kind: kind, placeID: place, window: window, modality: modality, actor: actor, actor2: actor2,
                        confidence: 0.8, eventID: "\(kind.rawValue)-\(source)-\(window)", sources: [source], imported: imported,
                        reprintKey: text.map(ControlEvidence.fold))
    }

    func testAWithdrawalDatesACapture() {
        // Undated mentions: taken between day 5 and day 8. The holder's withdrawal on day 5 dates it.
        let before = Self.timeline([ev(.capture, Self.w(5, 8), actor: "red", source: "a1")])
        XCTAssertEqual(before.changes(at: 1).map(\.interval), [Self.w(5, 8)])
        let after = Self.timeline([ev(.capture, Self.w(5, 8), actor: "red", source: "a1"),
                                   ev(.withdrawal, DayRange(Self.day(5)), actor: "blue", source: "a2")])
        let c = after.changes(at: 1)
        XCTAssertEqual(c.count, 1)
        XCTAssertEqual(c[0].best, Self.day(5))
        XCTAssertEqual(c[0].interval, Self.w(5, 6), "the taker may come in the day after the holder leaves")
        XCTAssertEqual(c[0].toSide, "north")
        XCTAssertEqual(c[0].fromSide, "south")
        XCTAssertEqual(c[0].sources, 2)
    }

    func testAnImportedPreciseRowCorrectsATextWindow() {
        // A text mention says taken in a week; a dataset row codes the day (time precision 1).
        let text = ev(.capture, Self.w(10, 16), actor: "red", source: "article-1")
        XCTAssertEqual(Self.timeline([text]).changes(at: 1)[0].best, Self.day(13))
        let row = ev(.capture, DayRange(Self.day(11)), actor: "red", source: "Monitor A", imported: true)
        let c = Self.timeline([text, row]).changes(at: 1)[0]
        XCTAssertEqual(c.interval, DayRange(Self.day(11)))
        XCTAssertEqual(c.best, Self.day(11))
        XCTAssertEqual(c.conflicts, 0)
        // A row that contradicts the text is flagged, and the more precise row wins.
        let late = ev(.capture, DayRange(Self.day(20)), actor: "red", source: "Monitor B", imported: true)
        let d = Self.timeline([text, late]).changes(at: 1)[0]
        XCTAssertEqual(d.best, Self.day(20))
        XCTAssertEqual(d.conflicts, 1)
        XCTAssertTrue(d.notes.joined().contains("disagree"))
    }

    func testAnImportedEventStoreRowBecomesEvidence() {
        let store = EventStore()
        let place = EventStore.PlaceRef(id: 7, name: "Testville", admin1: nil, country: nil, latitude: 35, longitude: 36, inGazetteer: true)
        store.append(.init(id: "X1", type: .capture, dates: DayRange(Self.day(3)), date: Self.day(3), timePrecision: 1,
                           place: place, geoPrecision: 1, actor: "red", actor2: "blue", fatalities: nil, count: nil,
                           modality: .asserted, confidence: 1, corroboration: 2, conflict: false, sources: ["A", "B"],
                           language: nil, origin: .imported(fileID: 0, line: 2), originalType: "Battles / Non-state actor overtakes territory"))
        store.append(.init(id: "X2", type: .airstrike, dates: DayRange(Self.day(3)), date: Self.day(3), timePrecision: 1,
                           place: place, geoPrecision: 1, actor: nil, actor2: nil, fatalities: nil, count: nil,
                           modality: .asserted, confidence: 1, corroboration: 1, conflict: false, sources: ["A"],
                           language: nil, origin: .imported(fileID: 0, line: 3)))
        let e = ControlEvidence.from(store: store, storeID: 0, row: 0)
        XCTAssertEqual(e?.kind, .capture)
        XCTAssertEqual(e?.imported, true)
        XCTAssertEqual(e?.placeID, 7)
        XCTAssertNil(ControlEvidence.from(store: store, storeID: 0, row: 1), "an air strike says nothing about control")
    }

    func testClaimsWeighBelowAssertionsAndDenialsLowerStrength() {
        let asserted = ev(.capture, Self.w(0, 6), actor: "red", source: "a1")
        let claim = ev(.capture, DayRange(Self.day(2)), .claimed, actor: "red", source: "a2")
        XCTAssertEqual(Self.timeline([asserted, claim]).changes(at: 1)[0].interval, Self.w(0, 6), "claims off by default")
        let withClaims = Self.timeline([asserted, claim], claims: true).changes(at: 1)[0]
        XCTAssertEqual(withClaims.best, Self.day(2))
        // A claim that disagrees with an assertion is the one left out, however precise.
        let wrong = ev(.capture, DayRange(Self.day(9)), .claimed, actor: "red", source: "a3")
        let c = Self.timeline([asserted, wrong], claims: true).changes(at: 1)[0]
        XCTAssertEqual(c.interval, Self.w(0, 6))
        XCTAssertEqual(c.items.first { $0.evidence.sources == ["a3"] }?.role, .conflicts)
        let denial = ev(.denial, Self.w(0, 6), .denied, actor: "red", source: "a4")
        let denied = Self.timeline([asserted, denial]).changes(at: 1)[0]
        XCTAssertLessThan(denied.strength, Self.timeline([asserted]).changes(at: 1)[0].strength)
        XCTAssertTrue(denied.notes.joined().contains("denied in a4"))
    }

    func testEntriesAreLowerBoundsAndReprintsCountOnce() {
        let c = Self.timeline([ev(.capture, Self.w(0, 9), actor: "red", source: "a1"),
                               ev(.entry, DayRange(Self.day(4)), actor: "red", source: "a2")]).changes(at: 1)[0]
        XCTAssertEqual(c.interval, Self.w(4, 9))
        let sentence = "Fighters of the northern alliance seized the town after a night of clashes."
        let wire = Self.timeline([ev(.capture, Self.w(0, 3), actor: "red", source: "paper-1", text: sentence),
                                  ev(.capture, Self.w(1, 3), actor: "red", source: "paper-2", text: sentence)])
        XCTAssertEqual(wire.changes(at: 1)[0].sources, 1, "one wire story printed twice")
        let edited = Self.timeline([ev(.capture, Self.w(0, 3), actor: "red", source: "paper-1", text: sentence),
                                    ev(.capture, Self.w(1, 3), actor: "red", source: "paper-3",
                                       text: "Fighters of the northern alliance seized the town after a night of heavy clashes, witnesses said.")])
        XCTAssertEqual(edited.changes(at: 1)[0].sources, 1, "a lightly edited reprint")
        let two = Self.timeline([ev(.capture, Self.w(0, 3), actor: "red", source: "paper-1", text: sentence),
                                 ev(.capture, Self.w(1, 3), actor: "red", source: "paper-2", text: "The town fell to the alliance on its third day.")])
        XCTAssertEqual(two.changes(at: 1)[0].sources, 2)
    }

    func testAPlaceTakenTwiceKeepsTwoChangesAndWhoHeldIt() {
        let t = Self.timeline([ev(.capture, Self.w(0, 2), actor: "red", actor2: "blue", source: "a1"),
                               ev(.capture, DayRange(Self.day(1)), actor: "red2", source: "a2"),
                               ev(.capture, Self.w(300, 305), actor: "blue", source: "a3"),
                               ev(.withdrawal, DayRange(Self.day(303)), actor: "red", source: "a4")])
        let cs = t.changes(at: 1)
        XCTAssertEqual(cs.count, 2)
        XCTAssertEqual(cs.map(\.toSide), ["north", "south"])
        XCTAssertEqual(cs[1].best, Self.day(303))
        XCTAssertEqual(t.holder(at: 1, on: Self.day(100)).side, "north")
        XCTAssertEqual(t.holder(at: 1, on: Self.day(100)).certain, true)
        XCTAssertEqual(t.holder(at: 1, on: Self.day(400)).side, "south")
        XCTAssertEqual(t.holder(at: 1, on: Self.day(-5)).side, "south", "before the first change: its former holder")
        XCTAssertEqual(t.holder(at: 1, on: Self.day(-5)).certain, false)
        XCTAssertEqual(t.holder(at: 1, on: Self.day(303)).certain, false, "inside a change's interval")
        // Sides alone separate a capture and a recapture days apart.
        let quick = Self.timeline([ev(.capture, DayRange(Self.day(0)), actor: "red", source: "a1"),
                                   ev(.capture, DayRange(Self.day(5)), actor: "blue", source: "a2")])
        XCTAssertEqual(quick.changes(at: 1).count, 2)
    }

    // MARK: advance legs

    static func stop(_ id: Int, _ lat: Double) -> Advance.Stop {
        Advance.Stop(name: "P\(id)", placeID: id, latitude: lat, longitude: 36)
    }

    func testLegsKeepTheRouteInOrderAndNeverFinishBeforeTheyStart() {
        // P2's change can only be dated to days 3..9; P3 was taken on day 5: P2's best day moves to
        // day 5 at the latest, so neither leg runs backwards.
        let t = Self.timeline([ev(.capture, DayRange(Self.day(0)), place: 1, actor: "red", source: "a1"),
                               ev(.capture, Self.w(3, 9), place: 2, actor: "red", source: "a2"),
                               ev(.capture, DayRange(Self.day(5)), place: 3, actor: "red", source: "a3")])
        let legs = Advance.legs(route: [Self.stop(1, 35), Self.stop(2, 35.5), Self.stop(3, 36)], timeline: t, launches: [:], options: .init())
        XCTAssertEqual(legs.count, 3)
        XCTAssertEqual(legs[0].finishDay, legs[1].startDay)
        XCTAssertLessThanOrEqual(legs[0].finishDay!, Self.day(5))
        XCTAssertEqual(legs[1].finishDay, Self.day(5))
        for l in legs { check(l) }
        // Evidence that contradicts the order: said so, range widened, still no negative leg.
        let bad = Self.timeline([ev(.capture, DayRange(Self.day(10)), place: 1, actor: "red", source: "a1"),
                                 ev(.capture, DayRange(Self.day(4)), place: 2, actor: "red", source: "a2")])
        let l = Advance.legs(route: [Self.stop(1, 35), Self.stop(2, 35.5)], timeline: bad, launches: [:], options: .init())
        XCTAssertEqual(l[0].days, 0)
        XCTAssertTrue(l[0].note.contains("before P1"), l[0].note)
        check(l[0])
    }

    func check(_ l: Advance.Leg, file: StaticString = #filePath, line: UInt = #line) {
        guard let s = l.startDay, let f = l.finishDay, let days = l.days else { return }
        XCTAssertLessThanOrEqual(s, f, "finish before start", file: file, line: line)
        XCTAssertLessThanOrEqual(l.daysMin!, days, file: file, line: line)
        XCTAssertLessThanOrEqual(days, l.daysMax!, file: file, line: line)
        XCTAssertGreaterThanOrEqual(l.daysMin!, 0, file: file, line: line)
        if let v = l.kmPerDay, let lo = l.kmPerDayMin { XCTAssertLessThanOrEqual(lo, v + 1e-9, file: file, line: line) }
        if let v = l.kmPerDay, let hi = l.kmPerDayMax { XCTAssertLessThanOrEqual(v, hi + 1e-9, file: file, line: line) }
    }

    func testInferredRouteFollowsTheChangesInTimeAndNeverDoublesBack() {
        // Four places taken one after another; two of them the same day, ordered nearest-first.
        let t = Self.timeline([ev(.capture, DayRange(Self.day(0)), place: 1, actor: "red", source: "a"),
                               ev(.capture, DayRange(Self.day(3)), place: 3, actor: "red", source: "b"),
                               ev(.capture, DayRange(Self.day(3)), place: 2, actor: "red", source: "c"),
                               ev(.capture, DayRange(Self.day(6)), place: 4, actor: "red", source: "d"),
                               ev(.capture, DayRange(Self.day(4)), place: 5, actor: "blue", source: "e")])
        let lat = [1: 35.0, 2: 35.5, 3: 36.0, 4: 36.5, 5: 34.0]
        var options = Advance.Options()
        options.actors = ["red", "north"]
        options.includeUnattributed = false
        let route = Advance.inferRoute(timeline: t, launches: [:], options: options) { Self.stop($0, lat[$0]!) }
        XCTAssertEqual(route.map(\.placeID), [1, 2, 3, 4])
        // A place lost by the other side (taker unnamed) joins; one taken the same day 600 km away
        // is another front; one with nobody named at all is left out.
        let more = Self.timeline([ev(.capture, DayRange(Self.day(0)), place: 1, actor: "red", source: "a"),
                                  ev(.withdrawal, DayRange(Self.day(2)), place: 2, actor: "blue", source: "b"),
                                  ev(.capture, DayRange(Self.day(3)), place: 6, actor: "red", source: "c"),
                                  ev(.capture, DayRange(Self.day(4)), place: 3, source: "d"),
                                  ev(.capture, DayRange(Self.day(5)), place: 4, actor: "red", source: "e")])
        let far = [1: 35.0, 2: 35.5, 3: 36.0, 4: 36.5, 6: 41.0]
        let r2 = Advance.inferRoute(timeline: more, launches: [:], options: options) { Self.stop($0, far[$0]!) }
        XCTAssertEqual(r2.map(\.placeID), [1, 2, 4])
    }

    // MARK: properties over generated evidence

    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Evidence about one change at `place` near `truth`: windows of random precision, mostly
    /// holding the true day, some not (conflicting sources), claims, entries, denials.
    func generate(_ rng: inout RNG, place: Int, truth: Int, actor: String = "red", count: Int) -> [ControlEvidence] {
        (0..<count).map { k in
            let kind: ControlEvidence.Kind = [.capture, .capture, .capture, .withdrawal, .entry, .denial].randomElement(using: &rng)!
            let before = Int.random(in: 0...6, using: &rng), after = Int.random(in: 0...6, using: &rng)
            let shift = Int.random(in: 0..<5, using: &rng) == 0 ? Int.random(in: -9...9, using: &rng) : 0
            let lo = truth + shift - before, hi = truth + shift + after
            let window = kind == .entry ? Self.w(lo - 3, truth - before / 2) : Self.w(lo, hi)
            let modality: Modality = kind == .denial ? .denied : (Bool.random(using: &rng) ? .asserted : .claimed)
            return ControlEvidence(kind: kind, placeID: place, window: window, modality: modality,
                                   actor: kind == .withdrawal ? "blue" : actor, confidence: Double.random(in: 0.3...1, using: &rng),
                                   eventID: "g\(place)-\(k)", sources: ["s\(Int.random(in: 0..<6, using: &rng))"],
                                   imported: Int.random(in: 0..<6, using: &rng) == 0)
        }
    }

    func testPropertiesOfChanges() {
        var rng = RNG(state: 42)
        for round in 0..<400 {
            let claims = round % 2 == 0
            var ev = generate(&rng, place: 1, truth: 30, count: Int.random(in: 1...12, using: &rng))
            // Places taken twice: a recapture by the other side months later.
            if round % 3 == 0 { ev += generate(&rng, place: 1, truth: 200, actor: "blue", count: 4).map { e in
                var e = e; if e.kind == .withdrawal { e.actor = "red" }; return e } }
            let t = Self.timeline(ev, claims: claims)
            for c in t.all {
                XCTAssertLessThanOrEqual(c.earliest, c.best, "round \(round)")
                XCTAssertLessThanOrEqual(c.best, c.latest, "round \(round)")
                XCTAssertTrue((0...1).contains(c.strength))
            }
            guard let c = t.changes(at: 1).first(where: { $0.best < Self.day(150) }) else { continue }
            // An asserted mention that agrees, more precise or not, never widens the interval.
            let d = Int.random(in: 0..<c.interval.days, using: &rng)
            let agree = ControlEvidence(kind: .capture, placeID: 1, window: DayRange(c.earliest + d, c.earliest + d + Int.random(in: 0...3, using: &rng)),
                                        modality: .asserted, actor: "red", confidence: 0.9, eventID: "agree", sources: ["new"])
            let t2 = Self.timeline(ev + [agree], claims: claims)
            guard let c2 = t2.changes(at: 1).first(where: { $0.items.contains { $0.evidence.eventID == "agree" } }) else {
                return XCTFail("round \(round): the agreeing mention joined no change")
            }
            XCTAssertGreaterThanOrEqual(c2.earliest, c.earliest, "round \(round)")
            XCTAssertLessThanOrEqual(c2.latest, c.latest, "round \(round)")
            XCTAssertEqual(c2.conflicts, c.conflicts, "round \(round): an agreeing mention adds no conflict")
            // One that disagrees (inside the span of the evidence, outside the interval) is flagged.
            let span = c.items.map(\.evidence.window).reduce(c.interval) { $0.union($1) }
            if span.first < c.earliest {
                let disagree = ControlEvidence(kind: .capture, placeID: 1, window: DayRange(span.first, c.earliest - 1),
                                               modality: .asserted, actor: "red", confidence: 0.9, eventID: "disagree", sources: ["other"])
                let c3 = Self.timeline(ev + [disagree], claims: claims).changes(at: 1).first { $0.items.contains { $0.evidence.eventID == "disagree" } }
                XCTAssertNotNil(c3)
                XCTAssertGreaterThan(c3?.conflicts ?? 0, 0, "round \(round): a disagreeing mention is flagged")
            }
        }
    }

    func testPropertiesOfLegs() {
        var rng = RNG(state: 7)
        for round in 0..<300 {
            let n = Int.random(in: 2...6, using: &rng)
            var ev: [ControlEvidence] = []
            var truth = 0
            for p in 1...n {
                truth += Int.random(in: 0...4, using: &rng)
                ev += generate(&rng, place: p, truth: truth, count: Int.random(in: 0...6, using: &rng))
                if Int.random(in: 0..<4, using: &rng) == 0 {   // taken again, years earlier
                    ev += generate(&rng, place: p, truth: truth - 3000, count: 2)
                }
            }
            var options = Advance.Options()
            options.claims = Bool.random(using: &rng)
            options.arrival = Int.random(in: 0..<4, using: &rng) == 0 ? .reach : .capture
            let t = Self.timeline(ev, claims: options.claims)
            let route = (1...n).map { Self.stop($0, 34 + Double($0) * 0.3) }
            let legs = Advance.legs(route: route, timeline: t, launches: [:], options: options)
            XCTAssertEqual(legs.count, n)
            for l in legs { check(l) }
            let days = legs.dropLast().flatMap { [$0.startDay, $0.finishDay] }.compactMap { $0 }
            XCTAssertEqual(days, days.sorted(), "round \(round): best days in route order")
        }
    }

    func testOrderBestDaysIsMonotoneAndStaysInsideFeasibleIntervals() {
        var rng = RNG(state: 3)
        for _ in 0..<500 {
            let ms = (0..<Int.random(in: 1...6, using: &rng)).map { _ -> (range: DayRange, best: Day) in
                let a = Int.random(in: 0...20, using: &rng), b = a + Int.random(in: 0...6, using: &rng)
                return (Self.w(a, b), Self.day(Int.random(in: a...b, using: &rng)))
            }
            let (days, contradictions) = Advance.orderBestDays(ms)
            XCTAssertEqual(days, days.sorted())
            if contradictions.isEmpty {
                for (m, d) in zip(ms, days) { XCTAssertTrue(m.range.contains(d) || !feasible(ms)) }
            }
        }
    }

    func feasible(_ ms: [(range: DayRange, best: Day)]) -> Bool {
        var lo = Day(number: Int32.min)
        for m in ms { lo = max(lo, m.range.first); if lo > m.range.last { return false } }
        return true
    }
}
