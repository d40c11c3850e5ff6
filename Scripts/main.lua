-- The main job of `make run`. For now: show that Lua runs inside analyst.
-- (The advance-rate analysis replaces this once the corpus and the Lua API land.)
print(string.format("analyst %s: Lua is ready", _VERSION))
