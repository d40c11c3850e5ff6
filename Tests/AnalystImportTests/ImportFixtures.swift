import Foundation

/// Small files with the quirks of real exports, written to a temporary directory per test.
enum ImportFixtures {
    static let acledCurrentHeader = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    /// Current layout: BOM, CRLF, ISO dates, NA, quoted notes with commas, doubled quotes and a
    /// newline, semicolon sources, text inter codes; line 5 has a bad date, line 6 a latitude of 95,
    /// line 7 is a protest (type `other`).
    static let acledCurrent: String = {
        let rows = [
            acledCurrentHeader,
            // line 2
            "SYR1001,2024-11-29,2024,1,Political violence,Battles,Non-state actor overtakes territory,Hayat Tahrir al-Sham,NA,Rebel group,Military Forces of Syria (2000-2024),NA,State forces,12,NA,760,Middle East,Syria,Aleppo,Jebel Saman,Aleppo,Aleppo,36.2021,37.1343,1,Syrian Observatory for Human Rights; Enab Baladi,National,\"HTS took the city, after \"\"heavy\"\" clashes.\",25,NA,1733000000",
            // line 3-4 (notes span two lines)
            "SYR1002,2024-12-05,2024,2,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),NA,External/Other forces,NA,NA,NA,80,Civilian targeting,760,Middle East,Syria,Hama,Hama,Hama,Hama,35.1318,36.7578,2,SOHR,Other,\"Strike on Hama;\nfirst line, second line.\",NA,NA,1733400000",
            // line 5: bad date
            "SYR1003,2024-13-01,2024,1,Political violence,Battles,Armed clash,A,NA,Rebel group,B,NA,State forces,12,NA,760,Middle East,Syria,Hama,Hama,Hama,Hama,35.1,36.7,1,SOHR,Other,notes,0,NA,1733400000",
            // line 6: latitude out of range
            "SYR1004,2024-12-06,2024,1,Political violence,Battles,Armed clash,A,NA,Rebel group,B,NA,State forces,12,NA,760,Middle East,Syria,Homs,Homs,Homs,Homs,95.0,36.7,1,SOHR,Other,notes,3,NA,1733400000",
            // line 7: a protest (no armed-conflict type: imported as type `other`)
            "SYR1005,2024-12-07,2024,3,Demonstrations,Protests,Peaceful protest,Protesters (Syria),NA,Protesters,NA,NA,NA,60,NA,760,Middle East,Syria,Damascus,Damascus,Damascus,Damascus,33.5102,36.2913,1,SANA,National,NA,0,NA,1733400000",
            // line 8: Arabic and accented names
            "SYR1006,2024-12-08,2024,1,Political violence,Battles,Government regains territory,Military Forces of Syria (2000-2024),NA,State forces,NA,NA,NA,10,NA,760,Middle East,Syria,Deir ez-Zor,Al Mayadin,Al Mayadin,الميادين,35.0186,40.4517,1,Agence France-Presse,International,Réoccupation,0,NA,1733600000",
        ]
        return "\u{FEFF}" + rows.joined(separator: "\r\n") + "\r\n"
    }()

    /// Pre-2023 layout: `28 December 2022` and `9-May-20` dates, numeric inter codes, LF.
    static let acledOld: String = """
    data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3
    9001,760,SYR2001,2001,28 December 2022,2022,1,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Syria (2000-),,1,,,0,10,Middle East,Syria,Idleb,Jisr Ash-Shugur,Jisr Ash-Shugur,Jisr Ash-Shugur,35.8126,36.3187,1,SOHR,Other,"Shelling, no casualties.",0,1672300000,SYR
    9002,760,SYR2002,2002,9-May-20,2020,3,Battles,Armed clash,Hayat Tahrir al-Sham,,2,Military Forces of Syria (2000-),,1,12,Middle East,Syria,Idleb,Ariha,Ariha,Ariha,35.8122,36.6075,2,Step News Agency;SOHR,Subnational,Clashes.,4,1589000000,SYR

    """

    /// Three GDELT 2.0 records (61 tab-separated fields): a 195 air strike, a 194 shelling and a
    /// 042 visit (type `other`); line 4 has 60 fields.
    static let gdelt: String = {
        func rec(_ id: String, _ date: String, _ code: String, _ a1: String, _ a2: String, _ geo: String,
                 _ lat: String, _ lon: String, _ url: String, drop: Bool = false) -> String {
            var f = Array(repeating: "", count: 61)
            f[0] = id; f[1] = date; f[2] = String(date.prefix(6)); f[3] = String(date.prefix(4)); f[4] = "2024.9"
            f[5] = "SYRMIL"; f[6] = a1; f[7] = "SYR"; f[15] = "SYRREB"; f[16] = a2
            f[25] = "1"; f[26] = code; f[27] = String(code.prefix(3)); f[28] = String(code.prefix(2)); f[29] = "4"
            f[30] = "-10.0"; f[31] = "12"; f[32] = "3"; f[33] = "7"; f[34] = "-5.2"
            f[51] = "4"; f[52] = geo; f[53] = "SY"; f[54] = "SY09"; f[56] = lat; f[57] = lon; f[58] = "-2"
            f[59] = "20241202151500"; f[60] = url
            if drop { f.removeLast() }
            return f.joined(separator: "\t")
        }
        return [
            rec("1210000001", "20241202", "1951", "SYRIA", "REBEL", "Aleppo, Halab, Syria", "36.2028", "37.1586", "https://example.org/a"),
            rec("1210000002", "20241203", "194", "SYRIAN ARMY", "", "Hama, Hamah, Syria", "35.1318", "36.7578", "https://example.org/b"),
            rec("1210000003", "20241203", "042", "SYRIA", "TURKEY", "Damascus, Dimashq, Syria", "33.5102", "36.2913", "https://example.org/c"),
            rec("1210000004", "20241203", "190", "SYRIA", "", "Homs, Hims, Syria", "34.7", "36.7", "https://example.org/d", drop: true),
        ].joined(separator: "\n") + "\n"
    }()

    static func write(_ text: String, name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyst-import-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
