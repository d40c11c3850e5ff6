#include "CEventIndex.h"
#include <lua5.4/lauxlib.h>
#include <math.h>
#include <stdio.h>

typedef struct { int32_t store, row, generation; } ce_handle;   /* = EventHandle in Swift */

/* ISO dates are cached per day number in the table at `cache` (an upvalue or a stack index):
   a million events share a few hundred days. */
static void push_day(lua_State *L, int cache, int32_t days) {
    if (days == -1) { lua_pushnil(L); return; }
    if (lua_rawgeti(L, cache, days) == LUA_TSTRING) return;
    lua_pop(L, 1);
    /* civil_from_days (Howard Hinnant), as Day.iso in Swift */
    int64_t z = (int64_t)days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    if (m <= 2) y += 1;
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%lld-%02lld-%02lld", (long long)y, (long long)m, (long long)d);
    lua_pushlstring(L, buf, (size_t)n);
    lua_pushvalue(L, -1);
    lua_rawseti(L, cache, days);
}

static void push_optional(lua_State *L, int32_t v) {
    if (v == -1) lua_pushnil(L); else lua_pushinteger(L, v);
}

/* Pushes field `code` of row r (1 pushed, 0 for a code not served here). The type and modality
   name tables and the day cache are at the given indices (upvalues or stack slots). */
static int push_field(lua_State *L, const ce_store *s, int64_t r, int code, int types, int modalities, int days) {
    switch (code) {
    case CE_TYPE: lua_rawgeti(L, types, (lua_Integer)s->types[r] + 1); return 1;
    case CE_DATE: push_day(L, days, s->date_best[r]); return 1;
    case CE_DATE_MIN: push_day(L, days, s->date_min[r]); return 1;
    case CE_DATE_MAX: push_day(L, days, s->date_max[r]); return 1;
    case CE_TIME_PRECISION:
        if (s->time_precision[r] == 0) lua_pushnil(L); else lua_pushinteger(L, s->time_precision[r]);
        return 1;
    case CE_GEO_PRECISION: lua_pushinteger(L, s->geo_precision[r]); return 1;
    case CE_FATALITIES: push_optional(L, s->fatalities[r]); return 1;
    case CE_COUNT: push_optional(L, s->counts[r]); return 1;
    case CE_MODALITY: lua_rawgeti(L, modalities, (lua_Integer)s->modality[r] + 1); return 1;
    case CE_CONFIDENCE: lua_pushnumber(L, round((double)s->confidence[r] * 1000) / 1000); return 1;
    case CE_CORROBORATION: lua_pushinteger(L, s->corroboration[r]); return 1;
    default: return 0;
    }
}

static int fallback(lua_State *L) {
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

/* The columns block in upvalue 6, or NULL if the upvalues were tampered with (debug.setupvalue). */
static const ce_columns *columns(lua_State *L) {
    if (lua_type(L, lua_upvalueindex(2)) != LUA_TTABLE || lua_type(L, lua_upvalueindex(4)) != LUA_TTABLE ||
        lua_type(L, lua_upvalueindex(5)) != LUA_TTABLE || lua_type(L, lua_upvalueindex(7)) != LUA_TTABLE ||
        lua_type(L, lua_upvalueindex(6)) != LUA_TUSERDATA || lua_rawlen(L, lua_upvalueindex(6)) != sizeof(ce_columns))
        return NULL;
    const ce_columns *c = (const ce_columns *)lua_touserdata(L, lua_upvalueindex(6));
    return c->self == c ? c : NULL;
}

static int ce_index(lua_State *L) {
    ce_handle *h = (ce_handle *)lua_touserdata(L, 1);
    if (h == NULL || lua_type(L, 2) != LUA_TSTRING || !lua_getmetatable(L, 1)) return fallback(L);
    int same = lua_rawequal(L, -1, lua_upvalueindex(3));
    lua_pop(L, 1);
    if (!same) return fallback(L);
    const ce_columns *cols = columns(L);
    if (cols == NULL || lua_type(L, lua_upvalueindex(1)) != LUA_TFUNCTION) return fallback(L);
    if (h->generation != cols->generation || h->store < 0 || h->store > 1) return fallback(L);
    const ce_store *s = &cols->stores[h->store];
    int64_t r = h->row;
    if (r < 0 || r >= s->count) return fallback(L);
    lua_pushvalue(L, 2);
    int code = lua_rawget(L, lua_upvalueindex(2)) == LUA_TNUMBER ? (int)lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    if (push_field(L, s, r, code, lua_upvalueindex(4), lua_upvalueindex(5), lua_upvalueindex(7))) return 1;
    return fallback(L);
}

ce_columns *ce_pushindex(lua_State *L) {
    ce_columns *cols = (ce_columns *)lua_newuserdatauv(L, sizeof(ce_columns), 0);
    cols->self = cols;
    for (int i = 0; i < 2; i++) cols->stores[i].count = 0;
    cols->generation = -1;
    lua_createtable(L, 0, 0);   /* date cache */
    lua_pushcclosure(L, ce_index, 7);
    return cols;
}

int ce_filter(lua_State *L) {
    const int32_t *rows = (const int32_t *)lua_touserdata(L, 2);
    lua_Integer count = lua_tointeger(L, 3);
    int32_t store = (int32_t)lua_tointeger(L, 4);
    const ce_columns *cols = (const ce_columns *)lua_touserdata(L, 6);
    int32_t generation = (int32_t)lua_tointeger(L, 7);
    int32_t *out = (int32_t *)lua_touserdata(L, 8);
    const int32_t *codes = (const int32_t *)lua_touserdata(L, 9);
    int ncodes = (int)lua_tointeger(L, 10);
    lua_Integer kept = 0;
    if (ncodes > 0 && codes != NULL) {
        /* Column values instead of an event: fn(v1, ..., vn), no handle, no metamethod. */
        luaL_checkstack(L, ncodes + 2, "too many fields");
        for (lua_Integer i = 0; i < count; i++) {
            if (cols->generation != generation)
                return luaL_error(L, "this object is from before corpus.reload(): query it again");
            int32_t st = store, row = rows[i];
            if (store == 1 && row < 0) { st = 0; row = -row - 1; }
            const ce_store *s = &cols->stores[st];
            if (row < 0 || row >= s->count) return luaL_error(L, "event row out of range");
            lua_pushvalue(L, 1);
            for (int k = 0; k < ncodes; k++) push_field(L, s, row, codes[k], 11, 12, 13);
            lua_call(L, ncodes, 1);
            if (lua_toboolean(L, -1)) out[kept++] = rows[i];
            lua_pop(L, 1);
        }
        lua_pushinteger(L, kept);
        return 1;
    }
    for (lua_Integer i = 0; i < count; i++) {
        if (cols->generation != generation)
            return luaL_error(L, "this object is from before corpus.reload(): query it again");
        lua_pushvalue(L, 1);
        ce_handle *h = (ce_handle *)lua_newuserdatauv(L, sizeof(ce_handle), 0);
        /* In the mentions view (store 1) a negative row is an imported row of the events store. */
        if (store == 1 && rows[i] < 0) { h->store = 0; h->row = -rows[i] - 1; }
        else { h->store = store; h->row = rows[i]; }
        h->generation = generation;
        lua_pushvalue(L, 5);
        lua_setmetatable(L, -2);
        lua_call(L, 1, 1);
        if (lua_toboolean(L, -1)) out[kept++] = rows[i];
        lua_pop(L, 1);
    }
    lua_pushinteger(L, kept);
    return 1;
}
