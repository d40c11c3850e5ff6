import AnalystCore
import AnalystImport
import LuaKit

extension AnalystAPI {
    func defineImport() {
        registry.add(APIEntry("corpus.import", section: "Events",
                              params: [.init("path", "string", "an ACLED CSV export (either layout) or a GDELT 2.0 events file"),
                                       .init("opts", "table", "`format` (\"acled\", \"gdelt\" or \"auto\", the default), `strict` (stop at the first malformed row)", optional: true)],
                              returns: "table",
                              summary: "Adds the events of a file to events{} (places linked to the gazetteer by name and coordinates, else ad hoc). Every row is imported (rows with no armed-conflict type as `other`, keeping ACLED's or GDELT's own classification). Returns a report: format, rows, imported, skipped, skipped_by_reason, problems (line, reason), warnings, warnings_by_reason, warning_list (line, reason: a generated id, text that is not UTF-8), places_linked, places_unlinked, actors_linked, actors_unlinked, seconds. Malformed rows are skipped and reported; with strict = true the first malformed row or warning is an error naming its line.",
                              example: #"local p = os.tmpname() local f = io.open(p, "w") f:write("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\nSYR1,2024-12-01,2024,1,Political violence,Battles,Armed clash,A,,1,B,,2,12,,760,Middle East,Syria,Hama,,,Hama,35.13,36.75,1,X,National,note,3,,0\n") f:close() print(corpus.import(p).imported)"#) { [unowned self] call in
            let path = try call.string(1)
            let opts = try self.options(call, 2, valid: ["format", "strict"], function: "import")
            var format = ImportFormat.auto
            if let f = opts["format"].stringValue {
                guard let v = ImportFormat(rawValue: f) else { throw LuaArgumentError(2, "format must be \"acled\", \"gdelt\" or \"auto\"") }
                format = v
            }
            try self.session.extractEvents()
            let report: ImportReport
            do {
                report = try self.session.importEvents(path: path, format: format, strict: opts["strict"] == .boolean(true))
            } catch let e as ImportError {
                throw LuaRaise(e.description)
            }
            call.push(AnalystAPI.reportValue(report))
            return 1
        })
    }

    static func reportValue(_ r: ImportReport) -> LuaValue {
        .table([
            LuaPair("path", .str(r.path)), LuaPair("format", .str(r.format)),
            LuaPair("rows", .integer(Int64(r.rowsRead))), LuaPair("imported", .integer(Int64(r.imported))),
            LuaPair("skipped", .integer(Int64(r.skipped))),
            LuaPair("skipped_by_reason", .table(r.skippedByReason.map { LuaPair(.str($0.key), .integer(Int64($0.value))) })),
            LuaPair("problems", .array(r.problems.map { .table([LuaPair("line", .integer(Int64($0.line))), LuaPair("reason", .str($0.reason))]) })),
            LuaPair("warnings", .integer(Int64(r.warnings))),
            LuaPair("warnings_by_reason", .table(r.warningsByReason.map { LuaPair(.str($0.key), .integer(Int64($0.value))) })),
            LuaPair("warning_list", .array(r.warningList.map { .table([LuaPair("line", .integer(Int64($0.line))), LuaPair("reason", .str($0.reason))]) })),
            LuaPair("places_linked", .integer(Int64(r.placesLinked))), LuaPair("places_ad_hoc", .integer(Int64(r.placesAdHoc))),
            LuaPair("places_unlinked", .integer(Int64(r.placesAdHoc))),
            LuaPair("actors_linked", .integer(Int64(r.actorsLinked))), LuaPair("actors_unlinked", .integer(Int64(r.actorsUnlinked))),
            LuaPair("seconds", .number(r.seconds)),
        ])
    }
}
