import Foundation
import XCTest
import AnalystCore
@testable import AnalystExtract

/// Paths and shared fixtures: the repository's lexicons and corpus, a tiny gazetteer for unit tests.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lexiconDir = root.appendingPathComponent("Corpus/lexicons")
    static let corpusDir = root.appendingPathComponent("Corpus")
    static let goldFile = root.appendingPathComponent("Tests/Gold/seeds.tsv")

    static let places: [Place] = [
        Place(id: 170063, name: "Aleppo", geonamesName: "Aleppo", kind: .city, latitude: 36.2, longitude: 37.16, countryCode: "SY",
              admin1Code: "09", population: 2_098_210, aliases: ["Alep", "Alepo", "Halab", "حلب"]),
        Place(id: 170017, name: "Hama", geonamesName: "Ḩamāh", kind: .city, latitude: 35.13, longitude: 36.75, countryCode: "SY",
              admin1Code: "10", population: 696_863, aliases: ["Hamah", "حماة"]),
        Place(id: 169577, name: "Homs", geonamesName: "Homs", kind: .city, latitude: 34.72, longitude: 36.72, countryCode: "SY",
              admin1Code: "11", population: 775_404, aliases: ["Hims", "حمص"]),
        Place(id: 170654, name: "Damascus", geonamesName: "Damascus", kind: .city, latitude: 33.51, longitude: 36.29, countryCode: "SY",
              admin1Code: "13", population: 1_569_394, aliases: ["Damas", "Damasco", "Damaskus", "دمشق"]),
        Place(id: 169389, name: "Idlib", geonamesName: "Idlib", kind: .city, latitude: 35.93, longitude: 36.63, countryCode: "SY",
              admin1Code: "12", population: 128_840, aliases: ["Idleb", "إدلب"]),
        Place(id: 9000009, name: "Aleppo Governorate", geonamesName: "Aleppo", kind: .province, latitude: 36.2, longitude: 37.5,
              countryCode: "SY", admin1Code: "09", aliases: ["Aleppo"]),
        Place(id: 9000010, name: "Hama Governorate", geonamesName: "Hama", kind: .province, latitude: 35.2, longitude: 37.0,
              countryCode: "SY", admin1Code: "10", aliases: ["Hama"]),
        Place(id: 9000012, name: "Idlib Governorate", geonamesName: "Idlib", kind: .province, latitude: 35.8, longitude: 36.6,
              countryCode: "SY", admin1Code: "12", aliases: ["Idlib", "Idleb"]),
        Place(id: 163843, name: "Syria", geonamesName: "Syria", kind: .country, latitude: 35, longitude: 38, countryCode: "SY",
              aliases: ["Syrie", "Siria", "Syrien", "Síria", "سوريا"]),
    ]
    static let actors: [Actor] = [
        Actor(id: "hts", name: "Hayat Tahrir al-Sham", kind: .rebelGroup, side: "opposition",
              aliases: ["*": ["HTS", "Hayat Tahrir al-Sham"], "ar": ["هيئة تحرير الشام"]]),
        Actor(id: "syrian_army", name: "Syrian government forces", kind: .stateForces, side: "government",
              aliases: ["en": ["Syrian army"], "fr": ["armée syrienne"], "es": ["ejército sirio"], "de": ["syrische Armee"],
                        "it": ["esercito siriano"], "pt": ["exército sírio"], "vi": ["quân đội Syria"], "ar": ["الجيش السوري"]]),
        Actor(id: "rebels", name: "Rebels (generic)", kind: .rebelGroup,
              aliases: ["en": ["rebels"], "fr": ["rebelles"], "es": ["rebeldes"], "de": ["Rebellen"], "it": ["ribelli"],
                        "pt": ["rebeldes"], "vi": ["phe nổi dậy"], "ar": ["الفصائل"]]),
    ]

    nonisolated(unsafe) static let extractor: Extractor = try! Extractor(lexiconDirectory: lexiconDir, gazetteer: PlaceList(places),
                                                                         actors: ActorList(actors))

    static func article(_ text: String, _ lang: String, published: String? = "2024-12-06", id: String = "t") -> Article {
        Article(id: id, language: lang, published: published.flatMap { DayRange(iso: $0) }, text: text)
    }

    /// Extracts from one sentence.
    static func run(_ text: String, _ lang: String, published: String? = "2024-12-06") -> [EventMention] {
        extractor.extract(article(text, lang, published: published))
    }
}

/// Asserts that a sentence yields an event of that type at that place (and date, when given).
func assertEvent(_ text: String, _ lang: String, _ type: EventType, _ place: String, date: String? = nil,
                 published: String? = "2024-12-06", modality: Modality? = nil, geo: Int? = nil,
                 file: StaticString = #filePath, line: UInt = #line) {
    let ms = Fixture.run(text, lang, published: published)
    let want = Fixture.places.first { $0.name == place }?.id
    let hit = ms.first { $0.type == type && $0.placeID == want }
    guard let m = hit else {
        XCTFail("no \(type.rawValue) at \(place) in «\(text)»; got \(ms.map { "\($0.type.rawValue)@\($0.placeID ?? 0) \($0.rule)" })", file: file, line: line)
        return
    }
    if let date { XCTAssertEqual(m.dates?.description, date, "date of «\(text)»", file: file, line: line) }
    if let modality { XCTAssertEqual(m.modality, modality, "modality of «\(text)»", file: file, line: line) }
    if let geo { XCTAssertEqual(m.geoPrecision, geo, "geo precision of «\(text)»", file: file, line: line) }
}

func assertNoEvent(_ text: String, _ lang: String, _ type: EventType, file: StaticString = #filePath, line: UInt = #line) {
    let ms = Fixture.run(text, lang).filter { $0.type == type }
    XCTAssertTrue(ms.isEmpty, "unexpected \(type.rawValue) in «\(text)»: \(ms.map(\.rule))", file: file, line: line)
}
