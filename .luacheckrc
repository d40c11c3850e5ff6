-- luacheck configuration for analyst scripts: generated from the registry (make docs).
std = "lua54"
read_globals = {
  "place",
  places = { fields = { "search" } },
  "actor",
  corpus = { fields = { "articles", "article", "reload", "summary", "import" } },
  "events",
  geo = { fields = { "distance", "bearing" } },
  "advance",
  "control",
  "held_by",
  csv = { fields = { "write", "read" } },
  geojson = { fields = { "write" } },
  plot = { fields = { "map", "timeline" } },
  "help",
  List = { fields = { "new" } },
}
