---@meta
-- analyst Lua API: generated from the registry (make docs); do not edit.

---A place of the gazetteer (or of an imported file).
---@class Place
---@field name string common English name (`Hama`)
---@field id integer GeoNames id (negative or synthetic for places not in GeoNames)
---@field kind string `city`, `province` or `country`
---@field lat number latitude, WGS84 degrees
---@field lon number longitude, WGS84 degrees
---@field admin1 string|nil province (governorate) name
---@field country string country name
---@field country_code string|nil ISO 3166-1 alpha-2 code
---@field population integer population (GeoNames)
---@field geonames_name string the name as GeoNames has it (`Ḩamāh`)
---@field aliases string[] every other name, any language or script
local Place = {}

---A party to the conflict or a source, from Corpus/actors.tsv.
---@class Actor
---@field id string stable id (`hts`)
---@field name string canonical name
---@field kind string state_forces, rebel_group, militia, foreign_state, international_organisation, monitor, civilians
---@field side string|nil government, opposition, ... where it applies
---@field aliases table names by language code
---@field notes string|nil former names and remarks
local Actor = {}

---One article of the corpus.
---@class Article
---@field id string stable id
---@field title string|nil headline
---@field outlet string|nil publisher
---@field url string|nil address
---@field language string BCP 47 code
---@field published string|nil ISO date, or `first..last` when inferred
---@field published_min string|nil earliest publication date
---@field published_max string|nil latest publication date
---@field translated_from string|nil language of the original
---@field notes string|nil how the metadata was found
---@field path string file it came from
---@field text string the body, byte-exact
local Article = {}

---One event (consolidated across sources) or one mention.
---@class Event
---@field id string stable id (from article id and text span, or the imported file's id)
---@field type string offensive, reach, capture, withdrawal, clash, airstrike, shelling, casualties, displacement, prisoner_release, or other (an imported row with no armed-conflict type: see event_type)
---@field date string|nil best single day (ISO)
---@field date_min string|nil earliest possible day
---@field date_max string|nil latest possible day
---@field time_precision integer|nil ACLED: 1 day known, 2 within a week, 3 only the month
---@field place Place|nil where
---@field place_name string|nil the place's name
---@field place_id integer|nil GeoNames id of the place
---@field latitude number|nil of the place
---@field longitude number|nil of the place
---@field admin1 string|nil province of the place
---@field country string|nil country of the place
---@field geo_precision integer ACLED: 1 the town, 2 near it or part of a region, 3 a province or larger
---@field actor Actor|string|nil who acted (an Actor when in the dictionary, imported names included when linked)
---@field actor2 Actor|string|nil the other party
---@field actor_name string|nil who acted, as the source names it (an imported file's name, or the dictionary's)
---@field actor2_name string|nil the other party, as the source names it
---@field fatalities integer|nil lowest stated number killed
---@field count integer|nil people displaced, prisoners released, ...
---@field modality string asserted, claimed or denied
---@field claimed_by string|nil who claims it (when claimed)
---@field denied_by string|nil who denies it (when denied)
---@field confidence number 0..1, see docs/extraction.md
---@field corroboration integer number of distinct articles that report it
---@field conflict boolean true when the sources' dates disagree
---@field sources table who reports it, one shape for text and data: {name, id, article} for an article (name and id: the article id), {name, id, file, line} for a dataset row (name: the source the row cites, id: file:line)
---@field article string|nil id of the (first) article that reports it (nil for imported rows)
---@field file string|nil the file an imported row comes from
---@field line integer|nil the line where an imported row starts in its file
---@field language string|nil language of the evidence
---@field evidence string|nil the sentence that reports it (the first source's)
---@field evidence_start integer|nil byte offset of the sentence in the article body (0-based)
---@field evidence_end integer|nil byte offset just past the sentence
---@field rule string|nil the lexicon entry that fired
---@field mentions EventList every mention behind a consolidated event
---@field original_type string|nil event_type / sub_event_type of an imported row
---@field notes string|nil notes of an imported row
---@field event_type string|nil ACLED event_type (`Battles`, `Protests`, ...) of an imported row
---@field sub_event_type string|nil ACLED sub_event_type (`Armed clash`, `Peaceful protest`, ...)
---@field disorder_type string|nil ACLED disorder_type (current layout)
---@field inter1 string|nil ACLED inter code of actor1 as text (`Rebel group`; numeric codes of the old layout read as text)
---@field inter2 string|nil ACLED inter code of actor2 as text
---@field event_code string|nil GDELT CAMEO event code, leading zeros kept (`042`, `1951`)
---@field event_root_code string|nil GDELT CAMEO root code (`19`)
---@field extra table every column an import kept for the row (ACLED admin2, assoc_actor_1, tags, ...; GDELT event_code, goldstein, ...), by name
local Event = {}

---A list of events: #list, list[i], ipairs, and the methods below.
---@class EventList
local EventList = {}

places = {}

corpus = {}

geo = {}

csv = {}

geojson = {}

plot = {}

---The gazetteer place with that name; an error suggesting the closest names if none.
---@param name string a name in any language or script (`Alep`, `حلب`)
---@return Place
function place(name) end

---Places whose names start with `text`, best first.
---@param text string the start of a name, any language
---@param limit? integer most results (default 20)
---@return table
function places.search(text, limit) end

---The actor with that name or alias; an error if none.
---@param name string any alias in any language (`HTS`, `quân đội Syria`)
---@return Actor
function actor(name) end

---Every article of the corpus (a List of Article).
---@type table
corpus.articles = nil

---The article with that id, or nil.
---@param id string article id
---@return Article|nil
function corpus.article(id) end

---Reads the corpus files again and re-extracts; older objects become invalid.
function corpus.reload() end

---Counts: articles, events, mentions, places, languages.
---@return table
function corpus.summary() end

---The events for which `test(e)` is true, or that match the filter table. `filter(function(t, f) ... end, {"type", "fatalities"})` passes column values: no event object, several times faster over millions of events.
---@param test function|table a function of the event, or an events{} filter table
---@param fields? string[] the fast path: `test` receives these fields' values instead of the event (any of: type, date, date_min, date_max, time_precision, geo_precision, fatalities, count, modality, confidence, corroboration)
---@return EventList
function EventList:filter(test, fields) end

---A plain List of what `fn(e, i)` returns for each event.
---@param fn function called with each event and its index
---@return table
function EventList:map(fn) end

---Calls `fn(e, i)` for each event; returns the list.
---@param fn function called with each event and its index
---@return EventList
function EventList:each(fn) end

---The events in a new order; ties keep their order. `:sort("place", "-date")` sorts by place, then latest first.
---@param key string|function a field (`date`, `-confidence` for descending, ...) or a comparator `function(a, b)`
---@param ...? string more fields, each breaking the ties of the one before
---@return EventList
function EventList:sort(key, ...) end

---A table from each key to the EventList of its events.
---@param key string|function a field name or a function of the event
---@return table
function EventList:group(key) end

---The number of events (same as `#list`).
---@return integer
function EventList:count() end

---The total of a numeric field over the events (missing values count 0).
---@param field string `fatalities` or `count`
---@return integer
function EventList:sum(field) end

---The first event, or nil when the list is empty.
---@return Event|nil
function EventList:first() end

---The first `n` events.
---@param n? integer how many (default 10)
---@return EventList
function EventList:head(n) end

---An iterator over the events: `for e in list:iter() do ... end`.
---@return function
function EventList:iter() end

---Writes the events as CSV; returns the number of rows. See csv.write.
---@param path string file to write (atomically)
---@param opts? table `columns`, `format = "acled"`, `excel_safe`
---@return integer
function EventList:to_csv(path, opts) end

---Writes the located events as GeoJSON Points (RFC 7946); returns the number of features.
---@param path string file to write (atomically)
---@return integer
function EventList:to_geojson(path) end

---A List of tables holding only these fields, one per event; the shell shows them as columns in the order given.
---@param ... string field names of Event, e.g. "date", "place_name", "actor"
---@return table
function EventList:select(...) end

---How many events share each combination of the keys: a List of tables with the keys and `count`, most first (ties by key). `events{}:count_by("type")` answers in one line what `:group` answers with lists.
---@param ... string keys as for :group (type, place, admin1, country, actor, actor2, modality, date, month, language, article, original_type)
---@return table
function EventList:count_by(...) end

---Events matching every condition given: `type` (one or a list), `from`/`to` (ISO dates; events whose interval overlaps), `place` (name or Place; with `within_km`), `admin1`, `country`, `actor`, `side`, `article`, `language`, `modality`, `min_confidence`, `consolidated` (true: one row per happening; false: every mention; an imported row is in both, as its own mention), and on imported rows ACLED's and GDELT's own classification: `event_type`, `sub_event_type`, `disorder_type`, `inter1`, `inter2` (text or ACLED's number), `event_code`, `event_root_code` (case-insensitive; one value or a list). `place` also takes a name only an imported file uses (`Saraqab`); `actor` and `side` match imported names linked to the actor dictionary (docs/import.md). The list is in date order (best day, else earliest; undated last).
---@param filter? table any of: type, from, to, place, within_km, admin1, country, actor, side, article, language, modality, min_confidence, consolidated, event_type, sub_event_type, disorder_type, inter1, inter2, event_code, event_root_code
---@return EventList
function events(filter) end

---Adds the events of a file to events{} (places linked to the gazetteer by name and coordinates, else ad hoc). Every row is imported (rows with no armed-conflict type as `other`, keeping ACLED's or GDELT's own classification). Returns a report: format, rows, imported, skipped, skipped_by_reason, problems (line, reason), warnings, warnings_by_reason, warning_list (line, reason: a generated id, text that is not UTF-8), places_linked, places_unlinked, actors_linked, actors_unlinked, seconds. Malformed rows are skipped and reported; with strict = true the first malformed row or warning is an error naming its line.
---@param path string an ACLED CSV export (either layout) or a GDELT 2.0 events file
---@param opts? table `format` ("acled", "gdelt" or "auto", the default), `strict` (stop at the first malformed row)
---@return table
function corpus.import(path, opts) end

---Great-circle distance in km (haversine, mean Earth radius 6371.0088 km).
---@param a string|Place|table a place name, a Place, or {lat=, lon=}
---@param b string|Place|table a place name, a Place, or {lat=, lon=}
---@return number
function geo.distance(a, b) end

---Initial bearing from a to b, degrees clockwise from north (0-360).
---@param a string|Place|table a place name, a Place, or {lat=, lon=}
---@param b string|Place|table a place name, a Place, or {lat=, lon=}
---@return number
function geo.bearing(a, b) end

---One row per leg and a total row: from, to, km, start, finish (best days, in route order), start_earliest, start_latest, finish_earliest, finish_latest, days, days_min, days_max, km_per_day, km_per_day_min, km_per_day_max, start_evidence, finish_evidence (event ids), start_articles, finish_articles, sources, total, note; also start_event and finish_event (the strongest Event of each end). A leg runs from the change of control at the origin (or an offensive launched from it) to the change of control at the destination, from the control timeline (see control()). See docs/advance.md.
---@param route table a list of places (names or Places), optionally with options in the same table: {"Idlib", "Aleppo", arrival = "reach"}; or {actor = "HTS"} to infer the route from that actor's captures
---@param opts? table `arrival` ("capture" or "reach"), `claims` (count claimed events), `actor`
---@return table
function advance(route, opts) end

---The changes of control at a place, in time order, from every kind of evidence (captures, withdrawals of the holder, entries as lower bounds, imported ACLED rows, claims, denials): place, from, to, from_side, to_side, earliest, latest, best, days, strength, sources, modality, conflicts, evidence (event ids), articles, note, latitude, longitude, and items (each piece of evidence: id, kind, modality, date_min, date_max, role, articles, event). Rows write to CSV with csv.write and to GeoJSON with geojson.write. See docs/advance.md.
---@param place? string|Place a place; omit (or nil) for every place with a change
---@param opts? table `claims` (count claimed evidence too, weighed below assertions)
---@return table
function control(place, opts) end

---Who held the place on that day: the side (or actor when its side is unknown) that took it in the last change completed by then; `certain` is false when the day falls inside a change's interval (then the taker from the change's best day on) or before the first known change (then its former holder). Also returns that change (a row as from control()), or nil.
---@param place string|Place a place
---@param day string an ISO day, YYYY-MM-DD
---@param opts? table `claims` as in control()
---@return string?, boolean, table|nil
function held_by(place, day, opts) end

---Writes rows as RFC 4180 CSV (UTF-8, header row, CRLF); returns the number of rows.
---@param path string file to write; written atomically (temporary file, then rename)
---@param rows EventList|table an event list, advance legs, or any list of tables
---@param opts? table `columns` (list of names), `format = "acled"` (events in ACLED's 31 columns), `excel_safe` (prefix ' to text cells starting with = + - @)
---@return integer
function csv.write(path, rows, opts) end

---The rows of a CSV file as a List of tables keyed by the header (all values strings).
---@param path string a CSV file with a header row
---@return table
function csv.read(path) end

---Writes GeoJSON (RFC 7946, [lon, lat]); returns the number of features.
---@param path string file to write (atomically)
---@param rows EventList|table an event list (Points) or advance legs (LineStrings)
---@return integer
function geojson.write(path, rows) end

---Draws an SVG map: events as symbols by type (legend), captured places labelled with their dates, advance legs as arrows labelled km and km/day, country outlines, scale bar, north arrow, sources. Also writes a PNG beside it when `rsvg-convert` is on PATH. Returns the SVG path and the PNG path (or nil).
---@param what EventList|table events (an EventList), advance legs (the list from `advance{}`), or `{events = ..., legs = ...}`
---@param path string the SVG file to write (atomically)
---@param opts? table `title`, `subtitle`, `png` (false: no PNG even when rsvg-convert is installed), `fit_all` (true: keep far-away events in the frame instead of listing them), `outlines` (a GeoJSON file of country outlines; default: the corpus's naturalearth-levant.geojson)
---@return string, string|nil
function plot.map(what, path, opts) end

---Draws an SVG timeline: a strip per place (or type), each event a bar over its possible dates with a tick at its best date, captures starred, coloured by side (or actor). Crowded rows show events per day. Also writes a PNG when `rsvg-convert` is on PATH. Returns the SVG path and the PNG path (or nil).
---@param events EventList the events to draw
---@param path string the SVG file to write (atomically)
---@param opts? table `title`, `subtitle`, `by` ("place" or "type": one row per ...), `color` ("side" or "actor"), `from`/`to` (ISO dates; default: the first and last day of the events), `max_rows` (default 30; the rest are summed up in a note), `crowded` (events in a row above which it shows counts per day; default 40), `png` (false: no PNG)
---@return string, string|nil
function plot.timeline(events, path, opts) end

---Prints the documentation of one function, or the list of all.
---@param what? function|string a function of the API or its name
function help(what) end

