import Foundation

/// Files we make with the quirks of real exports (docs/import.md): ACLED's current layout (BOM,
/// CRLF, `28 December 2022` dates, `NA` blanks, quoted notes with newlines, protests, riots and
/// strategic developments, a row without an id, ACLED's spellings of towns and actors), the
/// pre-2023 layout (Excel's `9-May-20` dates, numeric inter codes, CRLF) and GDELT 2.0 (61 tab-
/// separated columns, no header, FIPS country codes, event codes with leading zeros).
enum RealDataFixtures {
    static let acledCurrentHeader = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    static func acledRow(_ id: String, _ date: String, _ disorder: String, _ type: String, _ sub: String,
                         _ actor1: String, _ inter1: String, _ actor2: String, _ inter2: String,
                         _ admin1: String, _ location: String, _ lat: String, _ lon: String,
                         source: String = "Syrian Observatory for Human Rights; Enab Baladi", notes: String = "NA",
                         fatalities: String = "0") -> String {
        [id, date, String(date.suffix(4)), "1", disorder, type, sub, actor1, "NA", inter1, actor2, "NA", inter2, "12", "NA",
         "760", "Middle East", "Syria", admin1, admin1, location, location, lat, lon, "1", source, "National", notes,
         fatalities, "NA", "1733000000"].joined(separator: ",")
    }

    /// Current layout, 8 data rows on 9 lines (one note spans two lines).
    static let acledCurrentRows = 8
    static let acledCurrent: String = {
        let rows = [
            acledCurrentHeader,
            acledRow("SYR9101", "29 November 2024", "Political violence", "Battles", "Non-state actor overtakes territory",
                     "Hayat Tahrir al-Sham", "Rebel group", "Military Forces of Syria (2000-2024)", "State forces",
                     "Idleb", "Saraqab", "35.8623", "36.8033", notes: "\"Fighters took the town, after \"\"fierce\"\"\nfighting.\"", fatalities: "12"),
            acledRow("SYR9102", "30 November 2024", "Political violence", "Battles", "Armed clash",
                     "SDF: Syrian Democratic Forces", "Rebel group", "Military Forces of Turkey (2016-)", "External/Other forces",
                     "Aleppo", "Atareb", "36.1389", "36.8300"),
            acledRow("SYR9103", "01 December 2024", "Demonstrations", "Protests", "Peaceful protest",
                     "Protesters (Syria)", "Protesters", "NA", "NA", "Damascus", "Damascus", "33.5102", "36.2913", source: "SANA"),
            acledRow("SYR9104", "02 December 2024", "Demonstrations", "Riots", "Violent demonstration",
                     "Rioters (Syria)", "Rioters", "NA", "NA", "Homs", "Homs", "34.7268", "36.7234", source: "SANA"),
            acledRow("SYR9105", "03 December 2024", "Strategic developments", "Strategic developments", "Agreement",
                     "Military Forces of Russia (2000-)", "External/Other forces", "Military Forces of Turkey (2016-)",
                     "External/Other forces", "Idleb", "Idleb", "35.9306", "36.6339"),
            acledRow("", "04 December 2024", "Strategic developments", "Strategic developments", "Looting/property destruction",
                     "Unidentified Armed Group (Syria)", "Political militia", "Civilians (Syria)", "Civilians",
                     "Hama", "Hama", "35.1318", "36.7578"),
            acledRow("SYR9107", "05 December 2024", "Political violence", "Explosions/Remote violence", "Air/drone strike",
                     "Military Forces of Russia (2000-)", "External/Other forces", "NA", "NA",
                     "Idleb", "Kafr Takharim Village", "36.1191", "36.5161", fatalities: "NA"),
            acledRow("SYR9108", "06 December 2024", "Political violence", "Battles", "Government regains territory",
                     "Military Forces of Syria (2000-2024)", "State forces", "Hayat Tahrir al-Sham", "Rebel group",
                     "Hama", "Souran", "35.2896", "36.7453"),
        ]
        return "\u{FEFF}" + rows.joined(separator: "\r\n") + "\r\n"
    }()

    /// Pre-2023 layout: Excel-mangled `9-May-20` dates, numeric inter codes, CRLF; 3 rows.
    static let acledOldRows = 3
    static let acledOld: String = [
        "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3",
        "7001,760,SYR7001,7001,9-May-20,2020,1,Battles,Armed clash,Hayat Tahrir al-Sham,,2,Military Forces of Syria (2000-),,1,12,Middle East,Syria,Idleb,Ariha,Ariha,Ariha,35.8122,36.6075,1,SOHR,Other,Clashes.,4,1589000000,SYR",
        "7002,760,SYR7002,7002,12-Jun-20,2020,2,Protests,Peaceful protest,Protesters (Syria),,6,,,0,60,Middle East,Syria,Idleb,Idleb,Idleb,Idleb,35.9306,36.6339,1,Step News Agency,Subnational,A protest.,0,1591000000,SYR",
        "7003,760,SYR7003,7003,1-Jul-20,2020,1,Riots,Mob violence,Rioters (Syria),,5,Civilians (Syria),,7,57,Middle East,Syria,Hama,Hama,Hama,Hama,35.1318,36.7578,1,SOHR,Other,NA,1,1593500000,SYR",
    ].joined(separator: "\r\n") + "\r\n"

    /// GDELT 2.0: 61 tab-separated fields, no header; a 190 fight, a 042 visit (leading zero), a 1951
    /// precision-guided strike; FIPS country codes (TU for Turkey, SY for Syria).
    static let gdeltRows = 3
    static let gdelt: String = {
        func rec(_ id: String, _ date: String, _ code: String, _ a1: String, _ a2: String, _ geo: String, _ fips: String,
                 _ lat: String, _ lon: String) -> String {
            var f = Array(repeating: "", count: 61)
            f[0] = id; f[1] = date; f[2] = String(date.prefix(6)); f[3] = String(date.prefix(4)); f[4] = "2024.9"
            f[6] = a1; f[16] = a2
            f[25] = "1"; f[26] = code; f[27] = String(code.prefix(3)); f[28] = String(code.prefix(2)); f[29] = "4"
            f[30] = "-10.0"; f[31] = "12"; f[32] = "3"; f[33] = "7"; f[34] = "-5.2"
            f[51] = "4"; f[52] = geo; f[53] = fips; f[56] = lat; f[57] = lon; f[58] = "-2"
            f[59] = "20241202151500"; f[60] = "https://example.org/\(id)"
            return f.joined(separator: "\t")
        }
        return [
            rec("1220000001", "20241202", "190", "REBEL", "SYRIAN ARMY", "Saraqib, Idlib, Syria", "SY", "35.8645", "36.8059"),
            rec("1220000002", "20241202", "042", "TURKEY", "RUSSIA", "Ankara, Ankara, Turkey", "TU", "39.9199", "32.8543"),
            rec("1220000003", "20241203", "1951", "RUSSIA", "", "Idlib, Idlib, Syria", "SY", "35.9306", "36.6339"),
        ].joined(separator: "\n") + "\n"
    }()

    static func write(_ text: String, name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyst-realdata-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
