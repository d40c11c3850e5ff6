-- Advance rates along a route, from the events found in the corpus.
-- usage: analyst Scripts/advance-rates.lua [output.csv] [City1 City2 ...]
--   default route: Idlib Aleppo Hama Homs Damascus; default output: advance-rates.csv
-- Each leg is read twice from the control timeline (docs/advance.md): from asserted evidence only,
-- and also counting claims ("the rebels announced the capture of ..."). One table shows both: the
-- asserted reading, and under it, where it differs, the reading with claims.
-- The CSV holds the asserted legs, or the legs with claims when CLAIMS=1 is set.
local out = arg[1] or "advance-rates.csv"
local route = {}
for i = 2, #arg do route[#route + 1] = arg[i] end
if #route == 0 then route = {"Idlib", "Aleppo", "Hama", "Homs", "Damascus"} end
local claims_only = os.getenv("CLAIMS") == "1"

local function show(v, digits)
  if v == nil then return "-" end
  if type(v) == "number" and math.type(v) == "float" then return string.format("%." .. (digits or 1) .. "f", v) end
  return tostring(v)
end

-- "best (min-max)"; the best value always lies in the range.
local function range(lo, best, hi)
  if best == nil and lo == nil then return "-" end
  if lo == hi then return show(best) end
  return string.format("%s (%s-%s)", show(best), show(lo), hi == nil and "inf" or show(hi))
end

local function same(a, b)
  return a.start == b.start and a.finish == b.finish and a.days_min == b.days_min and a.days_max == b.days_max
    and a.days == b.days
end

local asserted = advance(route, {claims = false})
local claimed = advance(route, {claims = true})
local legs = claims_only and claimed or asserted

local function row(...)
  print((string.format("%-10s %-10s %7s  %-10s %-10s %-12s %-20s %s", ...):gsub("%s+$", "")))
end
print(string.format("Advance along %s: days and km/day as best (min-max); dates are best days of the change of control",
  table.concat(route, " -> ")))
row("from", "to", "km", "start", "finish", "days", "km/day", "note")
for i, l in ipairs(asserted) do
  if l.total then print(string.rep("-", 100)) end
  row(l.from, l.to, show(l.km), show(l.start), show(l.finish),
    range(l.days_min, l.days, l.days_max), range(l.km_per_day_min, l.km_per_day, l.km_per_day_max), l.note)
  local c = claimed[i]
  if not same(l, c) then
    row("  with", "claims", "", show(c.start), show(c.finish),
      range(c.days_min, c.days, c.days_max), range(c.km_per_day_min, c.km_per_day, c.km_per_day_max), c.note)
  end
end
print("(asserted evidence; \"with claims\" rows also count claimed evidence where that changes the reading)")

csv.write(out, legs)
print(string.format("wrote %s (%d rows)", out, #legs))

-- Pictures next to the CSV: the advance on a map, and the events of the campaign day by day.
local dir = out:match("^(.*)/[^/]*$") or "."
local function shift(iso, days)
  local y, m, d = iso:match("^(%d+)-(%d+)-(%d+)$")
  return os.date("!%Y-%m-%d", os.time{year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12} + days * 86400)
end
-- The period of the campaign: from two weeks before the first dated leg to a few days after the last.
local first, last
for _, l in ipairs(legs) do
  if l.start and (first == nil or l.start < first) then first = l.start end
  if l.finish and (last == nil or l.finish > last) then last = l.finish end
  if l.start and (last == nil or l.start > last) then last = l.start end
end
local period = first and events{from = shift(first, -14), to = shift(last, 3)} or events{}
local title = string.format("Advance from %s to %s: distance and pace", route[1], route[#route])
local svg, png = plot.map({events = period, legs = legs}, dir .. "/advance-map.svg", {title = title})
print("wrote " .. svg .. (png and (" and " .. png) or ""))
svg, png = plot.timeline(period, dir .. "/timeline.svg", {title = "Events of the campaign, by place",
  from = first and shift(first, -14), to = last and shift(last, 3)})
print("wrote " .. svg .. (png and (" and " .. png) or ""))
