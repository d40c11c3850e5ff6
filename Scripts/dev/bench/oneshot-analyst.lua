-- The bench's one-shot job as a user runs it: analyst --events ACLED.csv oneshot-analyst.lua OUT.csv
-- Count events and sum fatalities by admin1 for event_type Battles between 2024-11-27 and
-- 2024-12-08, print the top five, and write the matching rows to CSV (ACLED's columns).
local out = arg[1] or os.tmpname()
local t0 = os.clock()
local battles = events{event_type = "Battles", from = "2024-11-27", to = "2024-12-08"}
local groups = {}
for admin1, list in pairs(battles:group("admin1")) do
  groups[#groups + 1] = {admin1, #list, list:sum("fatalities")}
end
table.sort(groups, function(a, b) return a[2] > b[2] end)
local t1 = os.clock()
battles:to_csv(out, {format = "acled", columns = {"event_id_cnty", "event_date", "event_type", "admin1", "location",
                                                  "latitude", "longitude", "fatalities", "notes"}})
local t2 = os.clock()
for k = 1, math.min(5, #groups) do print(("  %s\t%d\t%d"):format(groups[k][1], groups[k][2], groups[k][3])) end
print(("RESULT tool=analyst rows=%d matched=%d query_ms=%.1f export_ms=%.1f"):format(
  #events{}, #battles, (t1 - t0) * 1000, (t2 - t1) * 1000))
