#!/usr/bin/env analyst
-- The cron example: events new since a date, to CSV and GeoJSON (see docs/cron.md).
-- usage: analyst Scripts/daily-report.lua SINCE [OUTPUT_PREFIX]
--   writes OUTPUT_PREFIX.csv and OUTPUT_PREFIX.geojson (default prefix: report-SINCE)
local since, prefix = ...
if not since then
  io.stderr:write("usage: analyst Scripts/daily-report.lua SINCE [OUTPUT_PREFIX]\n")
  os.exit(64)
end
prefix = prefix or ("report-" .. since)
local new = events{from = since}:sort("date")
new:to_csv(prefix .. ".csv")
new:to_geojson(prefix .. ".geojson")
local by_type = {}
for t, l in pairs(new:group("type")) do by_type[#by_type + 1] = string.format("%s %d", t, #l) end
table.sort(by_type)
print(string.format("%s: %d events since %s (%s)", prefix, #new, since, table.concat(by_type, ", ")))
