/// Builds the gazetteer from the corpus tables:
/// - `places.tsv`: GeoNames rows as they came (geonameid, name, latitude, longitude, country_code,
///   admin1_code, population, timezone, alternatenames) -> cities;
/// - `provinces.tsv`: Syria's governorates (id, name, short, country_code, admin1_code, latitude,
///   longitude, aliases `lang:a|b;lang:c`) -> provinces, plus generated phrases (`X province`, `tỉnh X`, ...);
/// - `countries.tsv`: GeoNames countries plus latitude, longitude -> countries;
/// - `place-aliases.tsv`: geonameid, alias, lang, note. Adds an alias; lang `-` removes every alias folding like it;
///   lang `only:tr` (or `only:tr,az`) adds it for text in those languages only (`Şam`: Damascus in
///   Turkish, a given name elsewhere); a note starting with `display` makes the alias the name shown to users.
/// - name forms (`lexicons/<lang>/name-forms.tsv`): each name in that language's script gets its
///   inflected forms as aliases of that language (`Хомс` -> `Хомса`, `Хомсе`).
enum GazetteerLoader {
    static let placesColumns = 9, provincesColumns = 8, countriesColumns = 10, aliasesColumns = 4

    static func load(places: String?, provinces: String?, countries: String?, aliases: String?,
                     nameForms: [NameForms] = [], diagnostics: inout [Diagnostic]) -> Gazetteer {
        var list: [Place] = []
        var admin1Names: [String: [String: String]] = [:]   // country -> code -> short name

        if let provinces, let t = TSVTable.read(provinces, columns: provincesColumns, diagnostics: &diagnostics) {
            for r in t.rows {
                let f = r.fields
                guard let id = int(f[0], "id", provinces, r.line, &diagnostics),
                      let lat = TSVTable.coordinate(f[5], limit: 90, name: "latitude", path: provinces, line: r.line, diagnostics: &diagnostics),
                      let lon = TSVTable.coordinate(f[6], limit: 180, name: "longitude", path: provinces, line: r.line, diagnostics: &diagnostics)
                else { continue }
                let base = [f[2]] + parseAliases(f[7]).flatMap(\.value)
                var aliases = base
                for b in base { aliases += provincePhrases(b) }
                admin1Names[f[3], default: [:]][f[4]] = f[2]
                list.append(Place(id: id, name: f[1], geonamesName: f[1], kind: .province, latitude: lat, longitude: lon,
                                  countryCode: f[3], admin1Code: f[4], admin1: f[2], population: 0, aliases: unique(aliases)))
            }
        }
        if let places, let t = TSVTable.read(places, columns: placesColumns, diagnostics: &diagnostics) {
            list.reserveCapacity(list.count + t.rows.count)
            for r in t.rows {
                let f = r.fields
                guard let id = int(f[0], "geonameid", places, r.line, &diagnostics),
                      let lat = TSVTable.coordinate(f[2], limit: 90, name: "latitude", path: places, line: r.line, diagnostics: &diagnostics),
                      let lon = TSVTable.coordinate(f[3], limit: 180, name: "longitude", path: places, line: r.line, diagnostics: &diagnostics)
                else { continue }
                let population = Int(f[6]) ?? 0
                // 2-3 capital ASCII letters are airport/ISO codes (ALP, DAM): noise for name lookup.
                let aliases = splitAliases(f[8])
                let admin1 = f[5].isEmpty ? nil : f[5]
                list.append(Place(id: id, name: NameFolding.stripDiacritics(f[1]), geonamesName: f[1], kind: .city,
                                  latitude: lat, longitude: lon, countryCode: f[4], admin1Code: admin1,
                                  admin1: admin1.flatMap { admin1Names[f[4]]?[$0] }, population: population, aliases: aliases))
            }
        }
        if let countries, let t = TSVTable.read(countries, columns: countriesColumns, diagnostics: &diagnostics) {
            for r in t.rows {
                let f = r.fields
                guard let id = int(f[2], "geonameid", countries, r.line, &diagnostics),
                      let lat = TSVTable.coordinate(f[8], limit: 90, name: "latitude", path: countries, line: r.line, diagnostics: &diagnostics),
                      let lon = TSVTable.coordinate(f[9], limit: 180, name: "longitude", path: countries, line: r.line, diagnostics: &diagnostics)
                else { continue }
                list.append(Place(id: id, name: f[3], geonamesName: f[3], kind: .country, latitude: lat, longitude: lon,
                                  countryCode: f[0], population: Int(f[6]) ?? 0, aliases: []))
            }
        }
        if let aliases, let t = TSVTable.read(aliases, columns: aliasesColumns, diagnostics: &diagnostics) {
            var at: [Int: Int] = [:]
            for (i, p) in list.enumerated() where at[p.id] == nil { at[p.id] = i }
            for r in t.rows {
                let f = r.fields
                guard let id = int(f[0], "geonameid", aliases, r.line, &diagnostics) else { continue }
                guard let i = at[id] else {
                    diagnostics.append(Diagnostic(file: aliases, line: r.line, message: "no place with id \(id) in the gazetteer"))
                    continue
                }
                if f[2].hasPrefix("only:") {
                    let langs = f[2].dropFirst(5).split(separator: ",").map { LanguageSupport.base($0.trimmingCharacters(in: .whitespaces)) }
                    guard !langs.isEmpty, langs.allSatisfy({ LanguageDetector.isValidTag($0) && $0 != "und" }) else {
                        diagnostics.append(Diagnostic(file: aliases, line: r.line, message: "lang `\(f[2])`: expected only:CODE[,CODE] (ISO 639-1 codes)"))
                        continue
                    }
                    for l in langs where !(list[i].languageAliases[l]?.contains(f[1]) ?? false) { list[i].languageAliases[l, default: []].append(f[1]) }
                } else if f[2] == "-" {
                    // Every spelling that folds like it (`Sam`, `Şam`): the point is to silence the folded name.
                    let key = NameFolding.fold(f[1])
                    list[i].aliases.removeAll { NameFolding.fold($0) == key }
                } else {
                    if !list[i].aliases.contains(f[1]) { list[i].aliases.append(f[1]) }
                    if f[3].hasPrefix("display") { list[i].name = f[1] }
                }
            }
        }
        if !nameForms.isEmpty { inflect(&list, nameForms) }
        return Gazetteer(places: list)
    }

    /// Adds each language's inflected forms of the names written in its script (cities and
    /// provinces; country names are rarely the place of an event).
    static func inflect(_ list: inout [Place], _ nameForms: [NameForms]) {
        for i in list.indices where list[i].kind != .country {
            let p = list[i]
            for nf in nameForms {
                var seen = Set(p.languageAliases[nf.language] ?? [])
                var add: [String] = []
                for n in [p.name] + p.aliases + (p.languageAliases[nf.language] ?? []) {
                    for f in nf.forms(of: n) where seen.insert(f).inserted { add.append(f) }
                }
                if !add.isEmpty { list[i].languageAliases[nf.language, default: []] += add }
            }
        }
    }

    /// `en:Idlib|Idleb;ar:إدلب` -> ["en": ["Idlib", "Idleb"], "ar": ["إدلب"]]. A name without `lang:` goes under `*`.
    static func parseAliases(_ s: String) -> [(key: String, value: [String])] {
        s.split(separator: ";").compactMap { group in
            let g = group.trimmingCharacters(in: " ")
            guard !g.isEmpty else { return nil }
            var lang = "*", names = Substring(g)
            if let c = g.firstIndex(of: ":"), g.distance(from: g.startIndex, to: c) <= 8,
               g[..<c].allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "*") }) {
                lang = String(g[..<c]); names = g[g.index(after: c)...]
            }
            let list = names.split(separator: "|").map { String($0.trimmingCharacters(in: " ")) }.filter { !$0.isEmpty }
            return (lang, list)
        }
    }

    /// How each corpus language says "the province of X"; Arabic templates only for Arabic-script names.
    static func provincePhrases(_ name: String) -> [String] {
        let arabic = name.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
        if arabic { return ["محافظة \(name)", "محافظه \(name)"] }
        return ["\(name) province", "\(name) governorate", "province of \(name)", "governorate of \(name)",
                "province d'\(name)", "province de \(name)", "gouvernorat d'\(name)", "gouvernorat de \(name)",
                "provincia de \(name)", "gobernación de \(name)", "provincia di \(name)", "governatorato di \(name)",
                "província de \(name)", "Provinz \(name)", "Gouvernement \(name)", "tỉnh \(name)"]
    }

    /// GeoNames alternatenames, split on commas over bytes (this runs ~70,000 times per load).
    /// 2-3 capital ASCII letters are airport/ISO codes (ALP, DAM): noise for name lookup, left out.
    static func splitAliases(_ s: String) -> [String] {
        var out: [String] = []
        var s = s
        s.withUTF8 { b in
            out.reserveCapacity(b.count / 8)
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == UInt8(ascii: ",") {
                let n = i - start
                if n > 0 {
                    var code = n <= 3
                    if code { for k in start..<i where b[k] < 65 || b[k] > 90 { code = false; break } }
                    if !code { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) }
                }
                start = i + 1
            }
        }
        return out
    }

    private static func int(_ s: String, _ name: String, _ path: String, _ line: Int, _ d: inout [Diagnostic]) -> Int? {
        if let v = Int(s) { return v }
        d.append(Diagnostic(file: path, line: line, message: "\(name) `\(s)` is not a whole number"))
        return nil
    }

    private static func unique(_ a: [String]) -> [String] {
        var seen = Set<String>()
        return a.filter { seen.insert($0).inserted }
    }
}
