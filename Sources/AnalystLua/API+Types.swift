import Foundation
import LuaKit

/// The types help, `.schema` and completion know besides the userdata types: the list types and
/// the plain-table rows that functions return, and functions defined outside the Swift registry
/// (the List methods, written in Lua in the prelude; atomic.open, installed by the command).
extension AnalystAPI {
    func defineHelpTypes() {
        registry.addHelpType(APIType(name: "EventList", summary: "A list of events, as events{} returns: #list, list[i], ipairs, and the methods below; methods chain.",
                                     fields: [], element: "Event"))
        registry.addHelpType(APIType(name: "List", summary: "A plain Lua array with the List methods: what :map, :select, :count_by, advance, control, csv.read and places.search return.",
                                     fields: []))
        registry.addHelpType(APIType(name: "Leg", summary: "One row of advance(): a leg of the route (or the total row). See docs/advance.md.", fields: [
            ("from", "string", "the place the leg starts from"), ("to", "string", "the place it ends at"),
            ("km", "number", "great-circle distance"),
            ("start", "string", "best day of the change of control at the origin (YYYY-MM-DD)"),
            ("finish", "string", "best day of the arrival at the destination"),
            ("start_earliest", "string", "earliest possible start"), ("start_latest", "string", "latest possible start"),
            ("finish_earliest", "string", "earliest possible finish"), ("finish_latest", "string", "latest possible finish"),
            ("days", "integer", "finish - start (best days)"), ("days_min", "integer", "shortest duration the intervals allow"),
            ("days_max", "integer", "longest duration the intervals allow"),
            ("km_per_day", "number", "km / days"), ("km_per_day_min", "number", "km / days_max"),
            ("km_per_day_max", "number", "km / days_min (nil when days_min is 0)"),
            ("start_evidence", "string", "event ids behind the start, ;-separated"),
            ("start_articles", "string", "article ids behind the start"),
            ("finish_evidence", "string", "event ids behind the finish"),
            ("finish_articles", "string", "article ids behind the finish"),
            ("sources", "string", "every article id of the leg"), ("total", "boolean", "true on the total row"),
            ("note", "string", "what is missing or uncertain"),
            ("start_event", "Event", "the strongest event at the start"), ("finish_event", "Event", "the strongest event at the finish"),
            ("from_lat", "number", "latitude of from"), ("from_lon", "number", "longitude of from"),
            ("to_lat", "number", "latitude of to"), ("to_lon", "number", "longitude of to"),
        ]))
        registry.addHelpType(APIType(name: "ControlChange", summary: "One row of control() (and the third value of held_by()): a change of control at a place. See docs/advance.md.", fields: [
            ("place", "string", "the place"), ("from", "string", "who held it before (actor or side)"),
            ("to", "string", "who took it"), ("from_side", "string", "the side that lost it"), ("to_side", "string", "the side that took it"),
            ("earliest", "string", "earliest day of the change"), ("latest", "string", "latest day"), ("best", "string", "best day"),
            ("days", "integer", "width of the interval"), ("strength", "number", "weight of the agreeing evidence"),
            ("sources", "integer", "number of agreeing sources"), ("modality", "string", "reported, claimed, ..."),
            ("conflicts", "integer", "pieces of evidence that disagree"), ("evidence", "string", "event ids, ;-separated"),
            ("articles", "string", "article ids"), ("note", "string", "conflicts and denials, in words"),
            ("latitude", "number", "of the place"), ("longitude", "number", "of the place"),
            ("items", "List", "every piece of evidence: id, kind, modality, date_min, date_max, role, articles, event"),
        ]))

        registry.rowTypes = ["advance": "Leg", "control": "ControlChange"]

        let noop: HostFunction = { _ in 0 }
        func list(_ name: String, _ params: [APIEntry.Param], _ returns: String, _ summary: String, _ example: String) {
            registry.describe(APIEntry("List:" + name, section: "Event lists", params: [.init("self", "List", "")] + params,
                                       returns: returns, summary: summary, example: example, function: noop))
        }
        let legs = #"local legs = advance{"Aleppo", "Hama", "Homs"}"#
        list("filter", [.init("fn", "function", "keeps the items for which fn(item) is true")], "List", "The items that pass the test.",
             legs + "\nprint(#legs:filter(function(l) return not l.total end))")
        list("map", [.init("fn", "function", "called with each item and its index")], "List", "A new list of fn's results.",
             legs + "\nprint(legs:map(function(l) return l.km end)[1])")
        list("each", [.init("fn", "function", "called with each item and its index")], "List", "Calls fn on each item; returns the list.",
             legs + "\nlegs:each(function(l) print(l.from, l.to) end)")
        list("sort", [.init("key", "string|function", "a field (\"-km\": descending; nils last) or a comparison")], "List",
             "A sorted copy.", legs + "\nprint(legs:sort(\"-km\")[1].km)")
        list("group", [.init("key", "string|function", "a field or a function of the item")], "table",
             "A table from each key to the List of its items (nil keys under \"(none)\").", legs + "\nprint(#legs:group(\"total\")[true])")
        list("sum", [.init("key", "string|function", "a field or a function of the item")], "number", "The sum of a numeric field.",
             legs + "\nprint(legs:sum(\"km\"))")
        list("count", [], "integer", "The number of items.", legs + "\nprint(legs:count())")
        list("first", [], "any", "The first item, or nil.", legs + "\nprint(legs:first().from)")
        list("head", [.init("n", "integer", "how many (default 10)", optional: true)], "List", "The first n items.", legs + "\nprint(#legs:head(1))")
        list("iter", [], "function", "An iterator over the items.", legs + "\nfor l in legs:iter() do print(l.to) end")
        list("to_csv", [.init("path", "string", "the file"), .init("opts", "table", "as csv.write", optional: true)], "integer",
             "Writes the list as CSV (atomically); returns the rows written.", legs + "\nlegs:to_csv(os.tmpname())")
        list("to_geojson", [.init("path", "string", "the file")], "integer", "Writes the list as GeoJSON (atomically).",
             legs + "\nlegs:to_geojson(os.tmpname())")

        registry.describe(APIEntry("atomic.open", section: "Export", params: [.init("path", "string", "the file to write")],
                                   returns: "AtomicFile",
                                   summary: "A write-only file that appears whole on close() or not at all: bytes go to a temporary file that close() renames over path; abort(), an error before close, SIGTERM or the end of the run leave path untouched. Methods: write(...), close(), abort(). Obeys --sandbox and --output-dir. Defined by the analyst command.",
                                   example: "local f <close> = atomic.open(\"report.csv\")\nf:write(\"place,km\\n\", \"Hama,\", 42, \"\\n\")", function: noop))
    }
}
