#ifndef CEVENTINDEX_H
#define CEVENTINDEX_H
/* The hot path of reading an event's fields from Lua: `e.type`, `e.date`, `e.fatalities`, ...
   read straight from the event store's columns in C, without a round trip through Swift. Fields
   not handled here (and stale or foreign handles) go to the Swift __index, which owns the rules
   and the error messages. Lua errors raised here unwind through C only. */
#include <lua5.4/lua.h>
#include <stdint.h>

/* Column pointers of one EventStore (see AnalystCore/EventStore.swift); refreshed by Swift after
   every change to the store, so they are never stale while Lua runs. */
typedef struct ce_store {
    const uint8_t *types;
    const int32_t *date_best, *date_min, *date_max;
    const int8_t *time_precision, *geo_precision;
    const int32_t *fatalities, *counts, *corroboration;
    const uint8_t *modality;
    const float *confidence;
    int64_t count;
} ce_store;

typedef struct ce_columns {
    const void *self;     /* its own address: tells this block from any other userdata */
    ce_store stores[2];   /* 0: events, 1: mentions */
    int32_t generation;   /* handles of another generation go to Swift (stale) */
} ce_columns;

/* Field codes in the name -> code table given to ce_pushindex. */
enum { CE_TYPE = 1, CE_DATE, CE_DATE_MIN, CE_DATE_MAX, CE_TIME_PRECISION, CE_GEO_PRECISION,
       CE_FATALITIES, CE_COUNT, CE_MODALITY, CE_CONFIDENCE, CE_CORROBORATION };

/* Pushes the fast __index closure and returns the columns block it reads (Lua-owned memory that
   lives as long as the closure). Expects on the stack, from the bottom of these five: the Swift
   __index (fallback), the field table (name -> CE_* code), the event metatable, the table of type
   names (code + 1 -> string), the table of modality names; pops them. */
ce_columns *ce_pushindex(lua_State *L);
#endif

/* The loop of EventList:filter(fn) in C: one protected call for the whole list instead of one per
   event. Call it through a protected call with: fn, rows (light userdata, int32[count]), count,
   store id, the event metatable, the columns block (light userdata), generation, out (light
   userdata, int32[count]), field codes (light userdata, int32[n], or nil), n, the table of type
   names, the table of modality names, a day cache table. With n > 0, fn is called with those
   fields' values (fn(type, fatalities)) instead of an event object. In the mentions view (store
   1) a negative row -(r+1) is row r of the events store. Returns the number of rows kept. An error in fn
   unwinds to the protected call; a corpus.reload() inside fn stops the loop with an error. */
int ce_filter(lua_State *L);
