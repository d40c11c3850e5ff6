/// Lua code installed with the API: the `List` type for plain lists (what `:map` returns, advance
/// legs, `csv.read` rows). Written in Lua because it only calls Lua functions.
enum PreludeSource {
    static let text = #"""
local List = {}
local plain = {__index = List, __name = "List"}

local function new(t, fields)
  if fields then return setmetatable(t, {__index = List, __name = "List", __fields = fields}) end
  return setmetatable(t, plain)
end

local function fields_of(list)
  local mt = getmetatable(list)
  return mt and mt.__fields
end

local function key_getter(key)
  if type(key) == "function" then return key end
  return function(v) return v[key] end
end

function List:filter(fn)
  local out = {}
  for _, v in ipairs(self) do if fn(v) then out[#out + 1] = v end end
  return new(out, fields_of(self))
end

function List:map(fn)
  local out = {}
  for i, v in ipairs(self) do out[i] = fn(v, i) end
  return new(out)
end

function List:each(fn)
  for i, v in ipairs(self) do fn(v, i) end
  return self
end

function List:count() return #self end
function List:first() return self[1] end

function List:head(n)
  local out = {}
  for i = 1, math.min(n or 10, #self) do out[i] = self[i] end
  return new(out, fields_of(self))
end

function List:iter()
  local i = 0
  return function() i = i + 1; return self[i] end
end

-- sort("km"), sort("-km") for descending, or sort(function(a, b) ... end); nils last.
function List:sort(key)
  local out = {}
  for i, v in ipairs(self) do out[i] = v end
  if type(key) == "function" then
    table.sort(out, key)
  else
    local desc = type(key) == "string" and key:sub(1, 1) == "-"
    local get = key_getter(desc and key:sub(2) or key)
    table.sort(out, function(a, b)
      local x, y = get(a), get(b)
      if x == nil then return false elseif y == nil then return true end
      if desc then return x > y else return x < y end
    end)
  end
  return new(out, fields_of(self))
end

function List:group(key)
  local get, groups = key_getter(key), {}
  for _, v in ipairs(self) do
    local k = get(v)
    if k == nil then k = "(none)" end
    groups[k] = groups[k] or new({}, fields_of(self))
    table.insert(groups[k], v)
  end
  return groups
end

function List:sum(key)
  local get, total = key_getter(key), 0
  for _, v in ipairs(self) do total = total + (tonumber(get(v)) or 0) end
  return total
end

function List:to_csv(path, opts) return csv.write(path, self, opts) end

List.new = new
_G.List = List
debug.getregistry()["analyst.List"] = List
debug.getregistry()["analyst.List.new"] = new
"""#

    /// Run after the Swift functions are installed.
    static let after = #"""
function List:to_geojson(path) return geojson.write(path, self) end

-- corpus.articles is read like a field but built on each read (the corpus loads on first use).
do
  local list_articles = corpus.articles
  rawset(corpus, "articles", nil)
  setmetatable(corpus, {__index = function(_, k) if k == "articles" then return list_articles() end end})
end
"""#
}
