-- The bench's one-shot job in plain Lua 5.4, for comparison with analyst-bench:
-- load an ACLED CSV with a hand-written loader (quotes, doubled quotes, newlines in fields, CRLF),
-- count events and sum fatalities by admin1 for event_type Battles between 2024-11-27 and
-- 2024-12-08, and write the matching rows to CSV.
-- usage: lua5.4 oneshot.lua ACLED.csv OUT.csv
local path, out_path = arg[1], arg[2] or "/tmp/oneshot-lua.csv"
local clock = os.clock

local function split_record(line, fields)
  -- Splits one complete record (quotes balanced) into fields.
  local n, i, len = 0, 1, #line
  while true do
    n = n + 1
    if line:byte(i) == 34 then -- quoted
      local buf, j = {}, i + 1
      while true do
        local q = line:find('"', j, true)
        buf[#buf + 1] = line:sub(j, q - 1)
        if line:byte(q + 1) == 34 then buf[#buf + 1] = '"'; j = q + 2
        else i = q + 1; break end
      end
      fields[n] = table.concat(buf)
    else
      local c = line:find(",", i, true) or (len + 1)
      fields[n] = line:sub(i, c - 1)
      i = c
    end
    if i > len then break end
    i = i + 1 -- skip the comma
    if i > len then n = n + 1; fields[n] = ""; break end
  end
  return n
end

local t0 = clock()
local f = assert(io.open(path, "rb"))
local header_line = f:read("l"):gsub("^\239\187\191", ""):gsub("\r$", "")
local header = {}
split_record(header_line, header)
local col = {}
for i, name in ipairs(header) do col[name] = i end
local rows = {}
local pending = nil
for line in f:lines() do
  if line:byte(-1) == 13 then line = line:sub(1, -2) end
  if pending then line = pending .. "\n" .. line; pending = nil end
  local _, quotes = line:gsub('"', "")
  if quotes % 2 == 1 then
    pending = line
  elseif #line > 0 then
    local fields = {}
    split_record(line, fields)
    rows[#rows + 1] = fields
  end
end
f:close()
local t_load = clock() - t0

local t1 = clock()
local iType, iDate, iAdmin1, iFat = col.event_type, col.event_date, col.admin1, col.fatalities
local counts, sums, matched = {}, {}, {}
for _, r in ipairs(rows) do
  local d = r[iDate]
  if r[iType] == "Battles" and d >= "2024-11-27" and d <= "2024-12-08" then
    local a = r[iAdmin1]
    counts[a] = (counts[a] or 0) + 1
    sums[a] = (sums[a] or 0) + (tonumber(r[iFat]) or 0)
    matched[#matched + 1] = r
  end
end
local t_query = clock() - t1

local t2 = clock()
local function q(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end
local o = assert(io.open(out_path, "wb"))
o:write("event_id_cnty,event_date,event_type,admin1,location,latitude,longitude,fatalities,notes\r\n")
local cols = { col.event_id_cnty, iDate, iType, iAdmin1, col.location, col.latitude, col.longitude, iFat, col.notes }
for _, r in ipairs(matched) do
  local t = {}
  for k, c in ipairs(cols) do t[k] = q(r[c]) end
  o:write(table.concat(t, ","), "\r\n")
end
o:close()
local t_export = clock() - t2

local groups = {}
for a, n in pairs(counts) do groups[#groups + 1] = { a, n, sums[a] } end
table.sort(groups, function(x, y) return x[2] > y[2] end)
for k = 1, math.min(5, #groups) do print(("  %s\t%d\t%d"):format(groups[k][1], groups[k][2], groups[k][3])) end
print(("RESULT tool=lua rows=%d matched=%d load_s=%.3f query_ms=%.1f export_ms=%.1f"):format(
  #rows, #matched, t_load, t_query * 1000, t_export * 1000))
