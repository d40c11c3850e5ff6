import XCTest
import AnalystCore
@testable import AnalystExtract

/// The bundled corpus (its gazetteer with every language's names, language-scoped aliases and name
/// forms) for sentence tests of one language. Dates in these tests are invented; articles are
/// published Friday 14 March 2025.
class BundledCorpusCase: XCTestCase {
    nonisolated(unsafe) static let corpus = try! Corpus.load(directory: Fixture.corpusDir.path)
    nonisolated(unsafe) static let extractor = try! Extractor(corpus: corpus)

    func run(_ text: String, _ lang: String) -> [EventMention] {
        Self.extractor.extract(Article(id: "t", language: lang, published: DayRange(iso: "2025-03-14"), text: text))
    }
    func id(_ name: String) -> Int? {
        Self.corpus.gazetteer.places.first { $0.name == name }?.id
    }

    func expect(_ text: String, _ lang: String, _ type: EventType, _ place: String, date: String? = nil,
                modality: Modality? = nil, geo: Int? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let ms = run(text, lang)
        guard let m = ms.first(where: { $0.type == type && $0.placeID == id(place) }) else {
            XCTFail("no \(type.rawValue) at \(place) in «\(text)»; got \(ms.map { "\($0.type.rawValue)@\(Self.extractor.places.place($0.placeID ?? 0)?.name ?? "-") \($0.rule)" })",
                    file: file, line: line)
            return
        }
        if let date { XCTAssertEqual(m.dates?.description, date, "date of «\(text)»", file: file, line: line) }
        if let modality { XCTAssertEqual(m.modality, modality, "modality of «\(text)»", file: file, line: line) }
        if let geo { XCTAssertEqual(m.geoPrecision, geo, "geo precision of «\(text)»", file: file, line: line) }
    }
    func expectNone(_ text: String, _ lang: String, _ type: EventType, file: StaticString = #filePath, line: UInt = #line) {
        let ms = run(text, lang).filter { $0.type == type }
        XCTAssertTrue(ms.isEmpty, "unexpected \(type.rawValue) in «\(text)»: \(ms.map(\.rule))", file: file, line: line)
    }
}
