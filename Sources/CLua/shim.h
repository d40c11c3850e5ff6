#ifndef CLUA_SHIM_H
#define CLUA_SHIM_H
/* Lua 5.4 as Debian ships it (liblua5.4-dev). Lua's function-like macros cannot be imported into
   Swift, so the ones we use are re-declared here as static inline functions with a clua_ prefix. */
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

static inline int clua_upvalueindex(int i) { return LUA_REGISTRYINDEX - i; }
static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void clua_pop(lua_State *L, int n) { lua_settop(L, -(n) - 1); }
static inline void clua_newtable(lua_State *L) { lua_createtable(L, 0, 0); }
static inline int clua_isnil(lua_State *L, int i) { return lua_type(L, i) == LUA_TNIL; }
static inline int clua_isnoneornil(lua_State *L, int i) { return lua_type(L, i) <= 0; }
static inline int clua_istable(lua_State *L, int i) { return lua_type(L, i) == LUA_TTABLE; }
static inline int clua_isfunction(lua_State *L, int i) { return lua_type(L, i) == LUA_TFUNCTION; }
static inline const char *clua_tostring(lua_State *L, int i) { return lua_tolstring(L, i, NULL); }
static inline lua_Number clua_tonumber(lua_State *L, int i) { return lua_tonumberx(L, i, NULL); }
static inline lua_Integer clua_tointeger(lua_State *L, int i) { return lua_tointegerx(L, i, NULL); }
static inline void clua_insert(lua_State *L, int i) { lua_rotate(L, i, 1); }
static inline void clua_remove(lua_State *L, int i) { lua_rotate(L, i, -1); lua_settop(L, -2); }
static inline void clua_replace(lua_State *L, int i) { lua_copy(L, -1, i); lua_settop(L, -2); }
static inline void *clua_newuserdata(lua_State *L, size_t s) { return lua_newuserdatauv(L, s, 1); }
static inline void clua_pushglobaltable(lua_State *L) { lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); }
static inline const char *clua_typename(lua_State *L, int i) { return lua_typename(L, lua_type(L, i)); }
/* Raw field access. A script can give any table a metatable (the registry and _G included, and the
   metatables of our own types), so host code reads and writes fields raw: a metamethod run from a
   Swift frame could raise through it (docs/reliability.md, "The bridge promise"). Return the type. */
static inline int clua_rawgetfield(lua_State *L, int idx, const char *k) {
    idx = lua_absindex(L, idx);
    lua_pushstring(L, k);
    return lua_rawget(L, idx);
}
static inline void clua_rawsetfield(lua_State *L, int idx, const char *k) {   /* t[k] = top; pops it */
    idx = lua_absindex(L, idx);
    lua_pushstring(L, k);
    lua_rotate(L, -2, 1);
    lua_rawset(L, idx);
}
static inline int clua_rawgetglobal(lua_State *L, const char *k) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    int t = clua_rawgetfield(L, -1, k);
    lua_rotate(L, -2, -1);
    lua_settop(L, -2);
    return t;
}
static inline void clua_rawsetglobal(lua_State *L, const char *k) {   /* _G[k] = top; pops it */
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_rotate(L, -2, 1);
    clua_rawsetfield(L, -2, k);
    lua_settop(L, -2);
}
static inline int clua_getmetatable_named(lua_State *L, const char *n) { return clua_rawgetfield(L, LUA_REGISTRYINDEX, n); }
static inline int clua_version_num(void) { return LUA_VERSION_NUM; }
static inline const char *clua_release(void) { return LUA_RELEASE; }
static inline int clua_multret(void) { return LUA_MULTRET; }
static inline int clua_noref(void) { return LUA_NOREF; }
static inline int clua_refnil(void) { return LUA_REFNIL; }

#endif
