-- Export events of one type in a date window to CSV.
-- usage: analyst Scripts/export-events.lua TYPE FROM TO OUTPUT.csv [acled]
--   e.g. analyst Scripts/export-events.lua capture 2024-11-27 2024-12-08 captures.csv
local kind, from, to, out, format = ...
if not (kind and from and to and out) then
  io.stderr:write("usage: analyst Scripts/export-events.lua TYPE FROM TO OUTPUT.csv [acled]\n")
  os.exit(64)
end
local list = events{type = kind, from = from, to = to}
local n = list:to_csv(out, {format = format})
print(string.format("%d %s events from %s to %s written to %s", n, kind, from, to, out))
