-- Lua closures over every event: analyst --events ACLED.csv closure.lua
-- The same two-field test three ways: an event object per call (e.type, e.fatalities), the
-- column values passed to the closure (filter(fn, fields)), and the compiled filter table.
local all = events{}
local n = #all
local function rate(label, f)
  local best = math.huge
  local kept
  for _ = 1, 3 do
    local t = os.clock()
    kept = f()
    best = math.min(best, os.clock() - t)
  end
  print(("RESULT closure=%s events=%d kept=%d seconds=%.4f meps=%.2f"):format(label, n, kept, best, n / best / 1e6))
end
rate("object", function() return #all:filter(function(e) return e.type == "clash" and (e.fatalities or 0) > 0 end) end)
rate("fields", function()
  return #all:filter(function(t, f) return t == "clash" and (f or 0) > 0 end, {"type", "fatalities"})
end)
rate("bare", function() return #all:filter(function(e) return true end) end)
