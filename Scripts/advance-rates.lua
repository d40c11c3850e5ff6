-- Advance rates along a route, from the events found in the corpus.
-- usage: analyst Scripts/advance-rates.lua [output.csv] [City1 City2 ...]
--   default route: Idlib Aleppo Hama Homs Damascus; default output: advance-rates.csv
-- Set CLAIMS=1 in the environment to count claimed events as well as asserted ones.
local out = arg[1] or "advance-rates.csv"
local route = {}
for i = 2, #arg do route[#route + 1] = arg[i] end
if #route == 0 then route = {"Idlib", "Aleppo", "Hama", "Homs", "Damascus"} end
local claims = os.getenv("CLAIMS") == "1"

local legs = advance(route, {claims = claims})

local function show(v, digits)
  if v == nil then return "-" end
  if type(v) == "number" and math.type(v) == "float" then return string.format("%." .. (digits or 1) .. "f", v) end
  return tostring(v)
end

local function range(lo, best, hi)
  if best == nil and lo == nil then return "-" end
  if lo == hi then return show(best) end
  return string.format("%s (%s-%s)", show(best), show(lo), hi == nil and "inf" or show(hi))
end

print(string.format("Advance along %s (%s events)", table.concat(route, " -> "), claims and "asserted and claimed" or "asserted"))
print(string.format("%-10s %-10s %7s  %-10s %-10s %-12s %-20s %s", "from", "to", "km", "start", "finish", "days", "km/day", "note"))
for _, l in ipairs(legs) do
  if l.total then print(string.rep("-", 100)) end
  print(string.format("%-10s %-10s %7.1f  %-10s %-10s %-12s %-20s %s",
    l.from, l.to, l.km, show(l.start), show(l.finish),
    range(l.days_min, l.days, l.days_max),
    range(l.km_per_day_min, l.km_per_day, l.km_per_day_max), l.note))
end

csv.write(out, legs)
print(string.format("wrote %s (%d rows)", out, #legs))
