import XCTest
@testable import AnalystCore

final class GazetteerTests: XCTestCase {
    static let corpus: Corpus = try! Corpus.load(directory: CorpusLoadTests.corpusDir)
    var g: Gazetteer { Self.corpus.gazetteer }

    func testFolding() {
        XCTAssertEqual(NameFolding.fold("Ḩamāh"), "hamah")
        XCTAssertEqual(NameFolding.fold("  Deir ez-Zor "), "deir ez zor")
        XCTAssertEqual(NameFolding.fold("Hay’at Tahrir"), NameFolding.fold("Hayat Tahrir"))
        XCTAssertEqual(NameFolding.fold("Đài Quan Sát"), "dai quan sat")
        XCTAssertEqual(NameFolding.fold("حماة"), NameFolding.fold("حماه"))
        XCTAssertEqual(NameFolding.fold("إدلب"), NameFolding.fold("ادلب"))
        XCTAssertEqual(NameFolding.fold("مـحـافـظـة"), NameFolding.fold("محافظه"))  // tatweel, ta marbuta
        XCTAssertEqual(NameFolding.fold("مُسْتَشْفَى"), "مستشفي")                    // harakat, alef maksura
        XCTAssertEqual(NameFolding.fold("ʿAyn al ʿArab"), "ayn al arab")
        XCTAssertEqual(NameFolding.fold("Straße"), "strasse")
        // one apostrophe rule: a glued piece joins its word in a name's key
        XCTAssertEqual(NameFolding.fold("Ma‘arrat al-Nuʿman"), "maarrat al numan")
        XCTAssertEqual(NameFolding.words("province d'Idleb"), ["province", "didleb"])
        XCTAssertEqual(NameFolding.fold("’Ayn al-‘Arab"), "ayn al arab")   // not inside a word: a separator
        XCTAssertEqual(NameFolding.fold("٢٠٢٤"), "2024")                    // Arabic-Indic digits
    }

    func testLookupInManyLanguages() {
        for n in ["Aleppo", "Alep", "Alepo", "Halab", "حلب", "ALEPPO", "aleppo"] {
            XCTAssertEqual(g.lookup(n)?.id, 170063, n)
        }
        for n in ["Damas", "Damasco", "دمشق", "Damascus"] { XCTAssertEqual(g.lookup(n)?.id, 170654, n) }
        XCTAssertEqual(g.lookup("Idleb")?.id, 169389)
        XCTAssertEqual(g.lookup("Hims")?.id, 169577)
        for n in ["Ḩamāh", "Hamah", "Hama", "حماة"] { XCTAssertEqual(g.lookup(n)?.id, 170017, n) }
        XCTAssertNil(g.lookup("Atlantis-on-Sea"))
    }

    func testDisplayNameRuleAndGeoNamesName() throws {
        let hama = try XCTUnwrap(g.place(id: 170017))
        XCTAssertEqual(hama.name, "Hama")                  // display alias wins
        XCTAssertEqual(hama.geonamesName, "Ḩamāh")
        XCTAssertEqual(hama.admin1Code, "10")
        XCTAssertEqual(hama.admin1, "Hama")
        XCTAssertEqual(hama.kind, .city)
        XCTAssertEqual(g.place(id: 163345)?.name, "Tartus")
        XCTAssertEqual(g.place(id: 170905)?.name, "Daraa")
        XCTAssertEqual(g.place(id: 172955)?.name, "Raqqa")
        // No display alias: the GeoNames name with diacritics stripped.
        let nabk = try XCTUnwrap(g.place(id: 173193))
        XCTAssertEqual(nabk.geonamesName, "An Nabk")
        XCTAssertEqual(NameFolding.stripDiacritics("Khān Shaykhūn"), "Khan Shaykhun")
    }

    func testProvinceVersusCity() throws {
        XCTAssertEqual(g.lookup("Idlib")?.kind, .city)
        for q in ["Idlib province", "tỉnh Idlib", "province d'Idleb", "محافظة إدلب", "Idlib Governorate", "provincia de Idlib"] {
            let p = try XCTUnwrap(g.lookup(q), q)
            XCTAssertEqual(p.kind, .province, q)
            XCTAssertEqual(p.admin1Code, "12", q)
        }
        let c = g.candidates("Aleppo")
        XCTAssertEqual(c.first?.kind, .city)
        XCTAssertTrue(c.contains { $0.kind == .province && $0.admin1Code == "09" })
        XCTAssertEqual(g.lookup("Hama province")?.name, "Hama Governorate")
        XCTAssertEqual(g.places.filter { $0.kind == .province }.count, 14)
    }

    func testSyriaFirstAndPopulation() {
        // Tripoli is both a Lebanese city (LB) and the Libyan capital: no Syrian one, so population decides.
        let tripoli = g.candidates("Tripoli")
        XCTAssertGreaterThanOrEqual(tripoli.count, 2)
        XCTAssertTrue(zip(tripoli, tripoli.dropFirst()).allSatisfy { $0.population >= $1.population || $0.countryCode == "SY" })
        // A name shared by a Syrian place and others: Syria first.
        let shared = g.names.first { _, ids in
            let cc = Set(ids.compactMap { g.place(id: $0)?.countryCode }); return cc.contains("SY") && cc.count > 1
        }
        // (Upper-cased so that no alias matches exactly: rule 1 would come first.)
        if let (key, _) = shared { XCTAssertEqual(g.candidates(key.uppercased() + "\u{300}").first?.countryCode, "SY", key) }
    }

    func testExactBeforeFolded() {
        // Synthetic: "Hama" written exactly is one place's name; another only folds to it.
        let a = Place(id: 1, name: "Hamá", geonamesName: "Hamá", kind: .city, latitude: 0, longitude: 0, countryCode: "XX", population: 10)
        let b = Place(id: 2, name: "Hama", geonamesName: "Hama", kind: .city, latitude: 0, longitude: 0, countryCode: "XX", population: 1)
        let small = Gazetteer(places: [a, b])
        XCTAssertEqual(small.candidates("Hama").map(\.id), [2, 1])
        XCTAssertEqual(small.candidates("Hamá").map(\.id), [1, 2])
        XCTAssertEqual(small.candidates("HAMA").map(\.id), [1, 2])   // folded only: population decides
    }

    func testCountries() {
        XCTAssertEqual(g.lookup("Syria")?.kind, .country)
        XCTAssertEqual(g.lookup("Syria")?.id, 163843)
        XCTAssertEqual(g.lookup("Nga")?.id, 2017370)
        XCTAssertEqual(g.lookup("Liban")?.countryCode, "LB")
        XCTAssertEqual(g.lookup("Türkei")?.countryCode, "TR")
    }

    func testSuggestionsAndPrefix() {
        XCTAssertEqual(g.suggestions(for: "Alepoo").first?.id, 170063)
        XCTAssertEqual(g.suggestions(for: "Damscus").first?.id, 170654)
        XCTAssertLessThanOrEqual(g.suggestions(for: "Homz", limit: 3).count, 3)
        let deir = g.search(prefix: "deir ez")
        XCTAssertEqual(deir.first?.id, 170794)
    }

    func testLoadIsFast() throws {
        // Not an assertion on time (machines vary): a smoke run so the load path is exercised twice.
        _ = try Corpus.load(directory: CorpusLoadTests.corpusDir)
    }
}
