#ifndef CLUASUPPORT_H
#define CLUASUPPORT_H
/* The C half of LuaKit. Everything that may raise a Lua error (longjmp) lives here, so that no Lua
   error ever unwinds through a Swift frame:
   - host functions written in Swift are called through lk_trampoline, which raises their error only
     after the Swift frame has returned;
   - a count hook enforces a wall-clock deadline and Ctrl-C (as lua.c does), and stays tripped so
     that pcall in a script cannot swallow a timeout or an interrupt;
   - a counting allocator refuses memory past a cap while Lua code runs, and defers the refusal while
     a Swift frame is active (raised by the trampoline on return). */
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <stddef.h>

/* What a Swift host function returns to the trampoline. */
enum {
    LK_RAISE = -1,      /* error value on top of the stack: raise it as it is */
    LK_ARGERROR = -2,   /* extra message on top; argument index in lk_control.argerror_index */
};

/* Why a run was stopped from outside the script. */
enum { LK_TRIP_NONE = 0, LK_TRIP_TIMEOUT = 1, LK_TRIP_INTERRUPT = 2, LK_TRIP_TERMINATE = 3 };

typedef struct lk_control {
    size_t used;            /* bytes held by this state */
    size_t peak;            /* high-water mark */
    size_t limit;           /* 0 = no limit */
    int swift_active;       /* a Swift frame is on top: defer refusals */
    int pending_oom;        /* a refusal was deferred; raise on the way out of Swift */
    int tripped;            /* LK_TRIP_* */
    int argerror_index;
    double deadline;        /* monotonic seconds; 0 = none */
    double timeout_seconds; /* for the message */
    size_t host_used;       /* bytes the running host functions hold for the script (see lk_charge_host) */
    int host_depth;         /* host functions running (nested through Lua) */
    void *owner;            /* the Swift LuaState (unretained), shared by every thread; NULL once closing */
} lk_control;

/* Swift's side of the trampoline: calls the boxed closure in upvalue 1. */
typedef int (*lk_dispatch_fn)(lua_State *L);
/* Swift's side of __gc for boxed Swift objects. */
typedef void (*lk_release_fn)(void *object);

void lk_set_dispatcher(lk_dispatch_fn dispatch, lk_release_fn release);

/* A new state with the counting allocator, the hook and a panic handler. NULL if out of memory. */
lua_State *lk_newstate(lk_control *control);
lk_control *lk_getcontrol(lua_State *L);

/* Pushes a C closure that calls Swift with `object` (retained by the caller) as upvalue 1. */
void lk_pushswiftfunction(lua_State *L, void *object);
/* Creates metatable `tname` in the registry with __gc and the LuaKit mark; 1 if new. Leaves it on top. */
int lk_newmetatable(lua_State *L, const char *tname);
/* Pushes a full userdata holding `object`, with metatable `tname` (created with __gc on first use). */
void lk_pushswiftobject(lua_State *L, void *object, const char *tname);
/* The object held by the userdata at idx if its metatable is `tname` (NULL otherwise). */
void *lk_toswiftobject(lua_State *L, int idx, const char *tname);
/* The object held by any LuaKit userdata at idx (NULL if it is not one). */
void *lk_toanyswiftobject(lua_State *L, int idx);

/* Charges `bytes` the host allocates for the script against the --max-memory cap, until the running
   host function returns. Returns 1 when the cap is exceeded (the caller raises "not enough memory"),
   0 otherwise (also outside host functions). lk_charge_current charges the innermost host call's state. */
int lk_charge_host(lua_State *L, size_t bytes);
int lk_charge_current(size_t bytes);

/* Protected call with a traceback-collecting message handler. On error the message is at the top
   and the traceback is stored for lk_traceback. Also marks Lua as running (not Swift) meanwhile. */
int lk_pcall(lua_State *L, int nargs, int nresults);
/* Traceback of the last error raised through lk_pcall (pushes a string or nil). */
void lk_pushtraceback(lua_State *L);

/* Deadline and interrupts. No hook is installed until there is work for it: a signal, or the
   deadline passing (the watchdog thread then has the Lua thread install it); plain Lua runs at full
   speed meanwhile. lk_hook_installed tells whether the limit hook is on a thread (for tests). */
void lk_settimeout(lua_State *L, double seconds);      /* 0 clears */
int lk_hook_installed(lua_State *L);
void lk_request_interrupt(void);                        /* async-signal-safe */
void lk_clear_interrupt(void);
void lk_install_sigint(void);                           /* SIGINT -> lk_request_interrupt */
void lk_restore_sigint(void);
/* A second SIGINT while the first is still pending (stuck outside Lua) calls `fallback` in signal
   context (async-signal-safe: unlink, _exit), as lua.c falls back to SIG_DFL. */
void lk_set_interrupt_fallback(void (*fallback)(void));

/* --timeout outside Lua (importing --events, --check): at the deadline, while no Lua code runs, the
   watchdog writes the reason, calls `cleanup` (async-signal-safe) and exits 75. */
void lk_arm_process_deadline(double seconds, void (*cleanup)(void));
void lk_disarm_process_deadline(void);
/* Whether the watchdog may end the process (exit 75) when Lua overruns its deadline by the grace
   period in code the hook cannot stop. Only the analyst binary turns this on: a library host's
   process is not ours to end (the hook stays armed and stops Lua when it next runs Lua code). */
void lk_watchdog_may_exit(int on);

/* The shell's prompt: SIGINT only sets a flag (no SA_RESTART, so a blocked read returns EINTR and
   libedit's readline gives up on the line). lk_take_prompt_interrupt returns and clears the flag. */
void lk_install_prompt_sigint(void);
int lk_take_prompt_interrupt(void);

/* SIGTERM: the first one asks running Lua code to stop (the hook raises "terminated (SIGTERM)", as
   for Ctrl-C), and arms a SIGALRM watchdog of `grace` seconds; when it fires, or on a second
   SIGTERM, `fallback` runs in signal context (it must be async-signal-safe: unlink, _exit). */
void lk_install_sigterm(void (*fallback)(void), unsigned grace);   /* SIGTERM and SIGHUP */
int lk_terminate_requested(void);
int lk_terminate_signal(void);                          /* SIGTERM or SIGHUP (0: none yet) */

/* Protected helpers for API calls that can raise (metamethods, memory). Return a LUA_* status;
   on error the message is on top of the stack instead of the result. */
int lk_pgettable(lua_State *L, int idx);               /* t[k], k on top -> value on top */
int lk_ptostring(lua_State *L, int idx);
int lk_pgetglobal(lua_State *L, const char *name);    /* _G[name] with metamethods -> value on top */
int lk_psetglobal(lua_State *L, const char *name);    /* _G[name] = top (popped); nothing left on success */               /* luaL_tolstring, result on top */
int lk_pnext(lua_State *L, int idx, int *has_more);    /* lua_next, raw */
int lk_plen(lua_State *L, int idx, lua_Integer *len);  /* #v with __len; 0 if not an integer */
int lk_pcallmeta_pairs(lua_State *L, int idx);         /* __pairs(v) -> 3 values on top */
int lk_pload(lua_State *L, const char *buf, size_t len, const char *chunkname, const char *mode);

/* After the libraries are open: coroutine.close with a depth guard (Lua 5.4.4 segfaults on deeply
   nested closes), coroutine.resume and coroutine.wrap that track the running thread (so the hook
   reaches loops inside coroutines). Behaviour is otherwise Lua's own. */
void lk_wrap_coroutine_library(lua_State *L);

/* lua_close under the watchdog: an endless __gc finalizer at close ends the process (exit 75)
   LK_WATCHDOG_GRACE seconds after a --timeout deadline instead of hanging. */
void lk_close(lua_State *L);

double lk_monotonic(void);
#endif
