#include "CLuaSupport.h"
#include <lua5.4/lualib.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static lk_dispatch_fn swift_dispatch = NULL;
static lk_release_fn swift_release = NULL;
static volatile sig_atomic_t interrupt_requested = 0;
static volatile sig_atomic_t terminate_requested = 0;
static volatile sig_atomic_t prompt_interrupt = 0;

static const char *TRACEBACK_KEY = "LuaKit.traceback";
static const char *BOX_MARK = "LuaKit.box";   /* field set in every LuaKit metatable */

void lk_set_dispatcher(lk_dispatch_fn dispatch, lk_release_fn release) {
    swift_dispatch = dispatch;
    swift_release = release;
}

double lk_monotonic(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- allocator ---- */

static void *lk_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    lk_control *c = (lk_control *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        c->used -= old;
        return NULL;
    }
    if (c->limit && nsize > old && c->used - old + nsize > c->limit) {
        if (!c->swift_active) return NULL;   /* Lua raises LUA_ERRMEM itself, safely */
        c->pending_oom = 1;                  /* a Swift frame is on the stack: refuse later */
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    c->used = c->used - old + nsize;
    if (c->used > c->peak) c->peak = c->used;
    return p;
}

lk_control *lk_getcontrol(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (lk_control *)ud;
}

/* ---- hook: deadline and Ctrl-C, installed only when there is work for it ----
   A count hook puts Lua 5.4's VM in trace mode, which halves the speed of plain Lua code, so no hook
   is installed while nothing is asked (as in lua.c). It is installed when there is work: SIGINT,
   SIGTERM or SIGHUP arrive (from their handlers, as lua.c does), or the watchdog thread sees the
   --timeout deadline pass (it signals the Lua thread, whose handler installs the hook). A hook lives
   on one thread (lua_State) only: it goes on the thread running at that moment (tracked by lk_pcall
   and by the coroutine.resume/wrap wrappers below), and those wrappers put it on every thread they
   enter or return to while a stop is pending, so loops inside coroutines stop too. */

#define LK_WAKE_SIGNAL SIGURG   /* watchdog -> Lua thread: "install the hook" (ignored by default) */
static volatile sig_atomic_t hook_armed = 0;          /* a stop is pending: threads get the hook */
static volatile sig_atomic_t terminate_signal = 0;    /* SIGTERM or SIGHUP, once one arrived */
static lua_State *volatile running_thread = NULL;     /* the thread running Lua code now */
static pthread_t lua_pthread;                         /* the OS thread that runs Lua */
static volatile sig_atomic_t lua_pthread_known = 0;

static void lk_hook(lua_State *L, lua_Debug *ar);

static void hook_thread(lua_State *L) {
    if (L) lua_sethook(L, lk_hook, LUA_MASKCOUNT, 1);   /* lua_sethook may be called from a signal handler */
}

/* Async-signal-safe: marks a stop pending and hooks the running thread (or asks the Lua thread to). */
static void arm_hooks(void) {
    hook_armed = 1;
    if (lua_pthread_known && !pthread_equal(pthread_self(), lua_pthread)) {
        pthread_kill(lua_pthread, LK_WAKE_SIGNAL);   /* never touch a lua_State from another thread */
        return;
    }
    hook_thread(running_thread);
}

static void on_wake(int sig) { (void)sig; if (hook_armed) hook_thread(running_thread); }

static void note_lua_thread(void) {
    if (!lua_pthread_known) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_wake;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(LK_WAKE_SIGNAL, &sa, NULL);
    }
    /* A process started from a thread that blocks signals (a GCD worker, some supervisors) inherits
       that mask: the wake-up must still reach this thread. */
    sigset_t wake;
    sigemptyset(&wake);
    sigaddset(&wake, LK_WAKE_SIGNAL);
    pthread_sigmask(SIG_UNBLOCK, &wake, NULL);
    lua_pthread = pthread_self();
    lua_pthread_known = 1;
}

/* Entering (or returning to) thread L: make it the running one; hook it if a stop is pending. */
static lua_State *enter_thread(lua_State *L) {
    lua_State *previous = running_thread;
    running_thread = L;
    if (hook_armed) hook_thread(L);
    return previous;
}

static void leave_thread(lua_State *previous) {
    running_thread = previous;
    if (hook_armed) hook_thread(previous);
}

static const char *signal_name(int sig) { return sig == SIGHUP ? "SIGHUP" : "SIGTERM"; }

static void lk_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lk_control *c = lk_getcontrol(L);
    if (!c->tripped) {
        if (terminate_requested) {
            c->tripped = LK_TRIP_TERMINATE;
        } else if (interrupt_requested) {
            interrupt_requested = 0;
            c->tripped = LK_TRIP_INTERRUPT;
        } else if (c->deadline > 0 && lk_monotonic() > c->deadline) {
            c->tripped = LK_TRIP_TIMEOUT;
        } else {
            /* Nothing to stop here (a stop already handled, or meant for another state that has
               finished): disarm and take the hook off, back to full speed. */
            hook_armed = 0;
            lua_sethook(L, NULL, 0, 0);
            return;
        }
        /* From now on fire at every instruction: whatever pcall catches is raised again at once. */
        hook_armed = 1;
        lua_sethook(L, lk_hook, LUA_MASKCOUNT, 1);
    }
    c->swift_active = 0;
    if (c->tripped == LK_TRIP_TIMEOUT) {
        char limit[32];
        snprintf(limit, sizeof limit, "%g", c->timeout_seconds);
        luaL_error(L, "time limit of %s s exceeded (--timeout)", limit);
    }
    else if (c->tripped == LK_TRIP_TERMINATE)
        luaL_error(L, "terminated (%s)", signal_name(terminate_signal));
    else
        luaL_error(L, "interrupted!");
}

static void wd_set_soft(double deadline);

void lk_settimeout(lua_State *L, double seconds) {
    lk_control *c = lk_getcontrol(L);
    c->timeout_seconds = seconds;
    c->deadline = seconds > 0 ? lk_monotonic() + seconds : 0;
    c->tripped = LK_TRIP_NONE;
    hook_armed = interrupt_requested || terminate_requested;
    if (!hook_armed && lua_gethook(L) == lk_hook) lua_sethook(L, NULL, 0, 0);   /* a script's own hook stays */
    if (hook_armed) hook_thread(L);
    note_lua_thread();
}

int lk_hook_installed(lua_State *L) { return lua_gethook(L) == lk_hook; }

void lk_request_interrupt(void) { interrupt_requested = 1; arm_hooks(); }
void lk_clear_interrupt(void) { interrupt_requested = 0; hook_armed = terminate_requested; }

static struct sigaction old_sigint;
static void (*interrupt_fallback)(void) = NULL;
static void on_sigint(int sig) {
    (void)sig;
    if (interrupt_requested && interrupt_fallback) {
        /* A second Ctrl-C before the first was handled: stuck outside Lua (lua.c's SIG_DFL). */
        static const char msg[] = "analyst: interrupted (second Ctrl-C outside Lua code)\n";
        ssize_t w = write(2, msg, sizeof msg - 1); (void)w;
        interrupt_fallback();
    }
    interrupt_requested = 1;
    arm_hooks();
}

void lk_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_sigint);
    sigset_t set;   /* an inherited mask must not keep Ctrl-C out */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void lk_set_interrupt_fallback(void (*fallback)(void)) { interrupt_fallback = fallback; }

void lk_restore_sigint(void) { sigaction(SIGINT, &old_sigint, NULL); }

static void on_prompt_sigint(int sig) { (void)sig; prompt_interrupt = 1; }

void lk_install_prompt_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_prompt_sigint;   /* no SA_RESTART: the pending read() fails with EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

int lk_take_prompt_interrupt(void) {
    int was = prompt_interrupt;
    prompt_interrupt = 0;
    return was;
}

static void (*terminate_fallback)(void) = NULL;
static unsigned terminate_grace = 3;

static void terminate_now(void) {
    /* Stuck outside Lua (Swift work, a blocking read): say so, then the fallback cleans up and exits. */
    const char *name = signal_name(terminate_signal);
    static const char head[] = "analyst: terminated (";
    static const char tail[] = ") while not running Lua code; temporary files removed\n";
    ssize_t w = write(2, head, sizeof head - 1);
    w = write(2, name, strlen(name));
    w = write(2, tail, sizeof tail - 1); (void)w;
    if (terminate_fallback) terminate_fallback();
}

static void on_sigterm(int sig) {
    if (terminate_requested) terminate_now();   /* second SIGTERM/SIGHUP */
    if (!terminate_requested && terminate_grace > 0) alarm(terminate_grace);   /* the watchdog */
    terminate_signal = sig;
    terminate_requested = 1;
    interrupt_requested = 1;
    prompt_interrupt = 1;
    arm_hooks();
}

static void on_sigalrm(int sig) {
    (void)sig;
    if (terminate_requested) terminate_now();
}

void lk_install_sigterm(void (*fallback)(void), unsigned grace) {
    terminate_fallback = fallback;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_sigalrm;
    sigaction(SIGALRM, &sa, NULL);
    sa.sa_handler = on_sigterm;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigset_t set;   /* an inherited mask must not keep these out */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGALRM);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    terminate_grace = grace;
}

int lk_terminate_requested(void) { return terminate_requested; }
int lk_terminate_signal(void) { return terminate_signal; }

/* coroutine.resume and coroutine.wrap, as Lua 5.4.4's lcorolib.c has them (MIT licence, Lua.org,
   PUC-Rio), with one change: the running thread is tracked around lua_resume (see above). */
static int aux_resume(lua_State *L, lua_State *co, int narg) {
    int status, nres;
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return -1;
    }
    lua_xmove(L, co, narg);
    enter_thread(co);
    status = lua_resume(co, L, narg, &nres);
    leave_thread(L);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            lua_pushliteral(L, "too many results to resume");
            return -1;
        }
        lua_xmove(co, L, nres);
        return nres;
    }
    lua_xmove(co, L, 1);   /* error message */
    return -1;
}

static int lk_resume(lua_State *L) {
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "thread");
    int r = aux_resume(L, co, lua_gettop(L) - 1);
    if (r < 0) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, -(r + 1));
    return r + 1;
}

static int lk_auxwrap(lua_State *L) {
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int r = aux_resume(L, co, lua_gettop(L));
    if (r < 0) {
        int stat = lua_status(co);
        if (stat != LUA_OK && stat != LUA_YIELD) {   /* error in the coroutine: close its tbc variables */
            enter_thread(co);   /* its __close handlers run on it */
            stat = lua_resetthread(co);
            leave_thread(L);
            lua_xmove(co, L, 1);
        }
        if (stat != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    return r;
}

static int lk_wrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *NL = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, NL, 1);
    lua_pushcclosure(L, lk_auxwrap, 1);
    return 1;
}

/* ---- nested coroutine.close ----
   Lua 5.4.4 runs the __close handlers of a closed coroutine on that coroutine's C-call count, not
   the caller's, so a chain of coroutines whose handlers close one another (20,000 deep) overflows the
   C stack and segfaults (fixed in 5.4.5). coroutine.close goes through this guard, which refuses to
   nest deeper than Lua's own C-call limit, the way 5.4.5 does: close returns false, "C stack overflow". */
#define LK_MAX_NESTED_CLOSE 180
static int close_depth = 0;

static int lk_guarded_close(lua_State *L) {
    if (close_depth >= LK_MAX_NESTED_CLOSE) {
        luaL_checktype(L, 1, LUA_TTHREAD);
        lua_pushboolean(L, 0);
        lua_pushliteral(L, "C stack overflow");
        return 2;
    }
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_State *co = lua_tothread(L, 2);
    close_depth++;
    if (co) enter_thread(co);   /* its __close handlers run on it: a stop must reach them there */
    int status = lua_pcall(L, n, LUA_MULTRET, 0);   /* so the depth is restored on errors too */
    if (co) leave_thread(L);
    close_depth--;
    if (status != LUA_OK) return lua_error(L);
    return lua_gettop(L);
}

void lk_wrap_coroutine_library(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    if (lua_getfield(L, -1, LUA_COLIBNAME) == LUA_TTABLE) {
        lua_getfield(L, -1, "close");
        lua_pushcclosure(L, lk_guarded_close, 1);   /* upvalue: the original */
        lua_setfield(L, -2, "close");
        lua_pushcfunction(L, lk_resume);
        lua_setfield(L, -2, "resume");
        lua_pushcfunction(L, lk_wrap);
        lua_setfield(L, -2, "wrap");
    }
    lua_pop(L, 2);
}

/* ---- state ---- */

static int lk_panic(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "analyst: internal error: unprotected Lua error: %s\n", msg ? msg : "?");
    fflush(stderr);
    exit(70);
}

static void lk_warn(void *ud, const char *msg, int tocont) {
    /* Lua 5.4 turns errors in __gc into warnings; keep them visible but harmless. */
    (void)ud;
    static int continuing = 0;
    if (!continuing) fputs("analyst: warning: ", stderr);
    fputs(msg, stderr);
    if (!tocont) fputc('\n', stderr);
    continuing = tocont;
}

lua_State *lk_newstate(lk_control *control) {
    memset(control, 0, sizeof *control);
    lua_State *L = lua_newstate(lk_alloc, control);
    if (L == NULL) return NULL;
    lua_atpanic(L, lk_panic);
    lua_setwarnf(L, lk_warn, NULL);
    note_lua_thread();   /* no hook until there is work for it (see lk_hook) */
    control->swift_active = 1;   /* the host (Swift) holds the state until lk_pcall runs Lua */
    return L;
}

/* ---- the trampoline ---- */

/* Memory the host allocates on a script's behalf (Swift copies of its strings, output being built)
   is charged against the same --max-memory cap as Lua's heap, for the duration of the host call. */
static lua_State *host_state = NULL;   /* the state of the innermost host function running */

int lk_charge_host(lua_State *L, size_t bytes) {
    lk_control *c = lk_getcontrol(L);
    if (c->host_depth == 0) return 0;
    c->host_used += bytes;
    return c->limit && c->used + c->host_used > c->limit;
}

int lk_charge_current(size_t bytes) { return host_state ? lk_charge_host(host_state, bytes) : 0; }

static int lk_trampoline(lua_State *L) {
    lk_control *c = lk_getcontrol(L);
    int saved = c->swift_active;
    size_t saved_host = c->host_used;
    lua_State *saved_state = host_state;
    c->swift_active = 1;
    c->host_depth++;
    host_state = L;
    int n = swift_dispatch(L);
    host_state = saved_state;
    c->host_depth--;
    c->host_used = saved_host;   /* what this call held is released with its Swift frame */
    c->swift_active = saved;
    if (c->pending_oom) {
        c->pending_oom = 0;
        lua_settop(L, 0);
        lua_pushliteral(L, "not enough memory");   /* literal is interned at start-up */
        return lua_error(L);
    }
    if (n == LK_RAISE) return lua_error(L);
    if (n == LK_ARGERROR) return luaL_argerror(L, c->argerror_index, lua_tostring(L, -1));
    return n;
}

void lk_pushswiftfunction(lua_State *L, void *object) {
    lk_pushswiftobject(L, object, "LuaKit.function");
    lua_pushcclosure(L, lk_trampoline, 1);
}

static int lk_gc(lua_State *L) {
    /* Scripts reach this function through getmetatable(obj).__gc and may call it with anything:
       release only a userdata of the right size whose metatable is the one this __gc belongs to. */
    if (lua_type(L, 1) != LUA_TUSERDATA || lua_rawlen(L, 1) != sizeof(void *)) return 0;
    if (!lua_getmetatable(L, 1)) return 0;
    int own = lua_rawequal(L, -1, lua_upvalueindex(1));
    lua_pop(L, 1);
    if (!own) return 0;
    void **slot = (void **)lua_touserdata(L, 1);
    if (slot && *slot) {
        void *obj = *slot;
        *slot = NULL;
        if (swift_release) swift_release(obj);
    }
    return 0;
}

/* Raw field access (see clua_rawgetfield in CLua/shim.h): a script may give the registry, or any
   metatable, a metatable of its own; host code must not run it. */
static int raw_getfield(lua_State *L, int idx, const char *k) {
    idx = lua_absindex(L, idx);
    lua_pushstring(L, k);
    return lua_rawget(L, idx);
}

static void raw_setfield(lua_State *L, int idx, const char *k) {   /* t[k] = top; pops it */
    idx = lua_absindex(L, idx);
    lua_pushstring(L, k);
    lua_insert(L, -2);
    lua_rawset(L, idx);
}

int lk_newmetatable(lua_State *L, const char *tname) {
    /* luaL_newmetatable, raw */
    if (raw_getfield(L, LUA_REGISTRYINDEX, tname) != LUA_TNIL) return 0;
    lua_pop(L, 1);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, tname);
    raw_setfield(L, -2, "__name");
    lua_pushvalue(L, -1);
    raw_setfield(L, LUA_REGISTRYINDEX, tname);
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, lk_gc, 1);   /* upvalue: this metatable (see lk_gc) */
    raw_setfield(L, -2, "__gc");
    lua_pushboolean(L, 1);
    raw_setfield(L, -2, BOX_MARK);
    return 1;
}

void lk_pushswiftobject(lua_State *L, void *object, const char *tname) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 1);
    *slot = object;
    lk_newmetatable(L, tname);
    lua_setmetatable(L, -2);
}

void *lk_toswiftobject(lua_State *L, int idx, const char *tname) {
    /* luaL_testudata, raw */
    void **slot = (void **)lua_touserdata(L, idx);
    if (slot == NULL || lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return NULL;
    raw_getfield(L, LUA_REGISTRYINDEX, tname);
    int same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same ? *slot : NULL;
}

void *lk_toanyswiftobject(lua_State *L, int idx) {
    if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return NULL;
    int marked = raw_getfield(L, -1, BOX_MARK) == LUA_TBOOLEAN;
    lua_pop(L, 2);
    if (!marked) return NULL;
    void **slot = (void **)lua_touserdata(L, idx);
    return slot ? *slot : NULL;
}

/* ---- watchdog: the deadline, and what the hook cannot stop ----
   A thread watches the clock while Lua runs under a deadline. At the deadline it asks the Lua thread
   to install the hook (arm_hooks), which stops Lua code with the --timeout error. The hook does not
   run inside __gc finalizers (Lua turns hooks off there, also at lua_close), inside a long C function
   (a backtracking string.find/match pattern) or in Swift code called from Lua: LK_WATCHDOG_GRACE
   seconds past the deadline the thread reports and ends the process with exit 75, the --timeout
   status. Outside Lua (importing --events, --check), the process deadline (lk_arm_process_deadline)
   ends the process at the deadline itself, after removing temporary files. */
#define LK_WATCHDOG_GRACE 2.0
static _Atomic(double) wd_deadline = 0;   /* hard: exit 75; 0 = disarmed */
static _Atomic(double) wd_soft = 0;       /* arm the hook; 0 = disarmed or done */
static _Atomic(double) wd_timeout = 0;
static _Atomic(double) pd_deadline = 0;   /* the process deadline, outside Lua */
static _Atomic(double) pd_timeout = 0;
static void (*pd_cleanup)(void) = NULL;
static _Atomic int wd_depth = 0;          /* nesting of host -> Lua entries (one thread runs Lua) */
static _Atomic int wd_may_exit = 0;       /* the analyst binary ends the process on an overrun; a host
                                             embedding LuaKit (tests, the in-process fuzzer) does not */
static pthread_once_t wd_once = PTHREAD_ONCE_INIT;

static void wd_write_timeout(const char *where, double seconds) {
    char msg[240];
    int n = snprintf(msg, sizeof msg, "analyst: time limit of %g s exceeded (--timeout)%s\n", seconds, where);
    if (n > 0) { ssize_t w = write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1); (void)w; }
}

static void *wd_main(void *arg) {
    (void)arg;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);   /* signals go to the Lua thread, never here */
    for (;;) {
        usleep(20000);
        double now = lk_monotonic();
        double soft = atomic_load(&wd_soft);
        if (soft > 0 && now > soft) {
            atomic_store(&wd_soft, 0);
            arm_hooks();   /* from this thread: signals the Lua thread */
        }
        double d = atomic_load(&wd_deadline);
        if (d > 0 && now > d && atomic_load(&wd_may_exit)) {
            wd_write_timeout(" in code the limit hook cannot stop (a __gc finalizer, a C function such as a "
                             "string pattern, or analyst's own work); exiting", atomic_load(&wd_timeout));
            if (pd_cleanup) pd_cleanup();
            _exit(75);
        }
        double p = atomic_load(&pd_deadline);
        if (p > 0 && now > p && atomic_load(&wd_depth) == 0) {
            wd_write_timeout(" before the script ran (importing --events, or --check); exiting", atomic_load(&pd_timeout));
            if (pd_cleanup) pd_cleanup();
            _exit(75);
        }
    }
    return NULL;
}

static void wd_start(void) {
    pthread_t t;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&a, 64 * 1024);
    pthread_create(&t, &a, wd_main, NULL);
    pthread_attr_destroy(&a);
}

static void wd_set_soft(double deadline) { atomic_store(&wd_soft, deadline); }

/* Every entry from the host into Lua: the running thread, the watchdog. Returns the previous thread. */
static lua_State *wd_enter(lua_State *L, lk_control *c) {
    lua_State *previous = enter_thread(L);
    if (atomic_fetch_add(&wd_depth, 1) > 0 || c->deadline <= 0) return previous;
    pthread_once(&wd_once, wd_start);
    double now = lk_monotonic();
    atomic_store(&wd_timeout, c->timeout_seconds);
    wd_set_soft(c->deadline);
    atomic_store(&wd_deadline, (c->deadline > now ? c->deadline : now) + LK_WATCHDOG_GRACE);
    return previous;
}

static void wd_leave(lua_State *previous) {
    if (atomic_fetch_sub(&wd_depth, 1) == 1) {
        atomic_store(&wd_deadline, 0);
        wd_set_soft(0);
    }
    leave_thread(previous);
}

void lk_arm_process_deadline(double seconds, void (*cleanup)(void)) {
    pd_cleanup = cleanup;
    atomic_store(&pd_timeout, seconds);
    atomic_store(&pd_deadline, seconds > 0 ? lk_monotonic() + seconds : 0);
    if (seconds > 0) pthread_once(&wd_once, wd_start);
}

void lk_disarm_process_deadline(void) { atomic_store(&pd_deadline, 0); }

void lk_watchdog_may_exit(int on) { atomic_store(&wd_may_exit, on); }

void lk_close(lua_State *L) {
    lk_control *c = lk_getcontrol(L);
    if (c->deadline > 0) c->deadline = lk_monotonic();   /* finalizers at close get the grace period */
    lua_State *previous = wd_enter(L, c);
    lua_close(L);
    running_thread = NULL;   /* L and its coroutines are gone: nothing may hook them now */
    wd_leave(previous == L ? NULL : previous);
}

/* ---- protected calls ---- */

static int lk_msgh(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            msg = lua_tostring(L, -1);
        else
            msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    raw_setfield(L, LUA_REGISTRYINDEX, TRACEBACK_KEY);
    lua_settop(L, 1);
    return 1;
}

int lk_pcall(lua_State *L, int nargs, int nresults) {
    lk_control *c = lk_getcontrol(L);
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, lk_msgh);
    lua_insert(L, base);
    int saved = c->swift_active;
    c->swift_active = 0;
    lua_State *previous = wd_enter(L, c);
    int status = lua_pcall(L, nargs, nresults, base);
    wd_leave(previous);
    c->swift_active = saved;
    lua_remove(L, base);
    return status;
}

void lk_pushtraceback(lua_State *L) { raw_getfield(L, LUA_REGISTRYINDEX, TRACEBACK_KEY); }

static int p_gettable(lua_State *L) { lua_gettable(L, 1); return 1; }
static int p_tostring(lua_State *L) { luaL_tolstring(L, 1, NULL); return 1; }
static int p_next(lua_State *L) {
    lua_settop(L, 2);
    if (lua_next(L, 1)) return 2;
    return 0;
}

static int p_len(lua_State *L) { lua_len(L, 1); return 1; }
static int p_pairs(lua_State *L) {
    /* like pairs(v) for a value with __pairs: returns iterator, state, control */
    if (luaL_getmetafield(L, 1, "__pairs") == LUA_TNIL) return 0;
    lua_pushvalue(L, 1);
    lua_call(L, 1, 3);
    return 3;
}

static int lk_protected(lua_State *L, lua_CFunction f, int nargs, int nresults) {
    lk_control *c = lk_getcontrol(L);
    int saved = c->swift_active;
    c->swift_active = 0;
    lua_pushcfunction(L, f);
    lua_insert(L, -(nargs + 1));
    lua_State *previous = wd_enter(L, c);
    int status = lua_pcall(L, nargs, nresults, 0);
    wd_leave(previous);
    c->swift_active = saved;
    return status;
}

int lk_pgettable(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushvalue(L, idx);
    lua_insert(L, -2);              /* t k */
    return lk_protected(L, p_gettable, 2, 1);
}

static int p_settable(lua_State *L) { lua_settable(L, 1); return 0; }

int lk_pgetglobal(lua_State *L, const char *name) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_pushstring(L, name);
    int status = lk_pgettable(L, -2);   /* value (or error) on top of the globals table */
    lua_remove(L, -2);
    return status;
}

int lk_psetglobal(lua_State *L, const char *name) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_pushstring(L, name);
    lua_rotate(L, -3, 2);               /* globals name value */
    int status = lk_protected(L, p_settable, 3, 0);
    return status;
}

int lk_ptostring(lua_State *L, int idx) {
    lua_pushvalue(L, idx);
    return lk_protected(L, p_tostring, 1, 1);
}

int lk_pnext(lua_State *L, int idx, int *has_more) {
    /* key on top; on success pushes key, value (has_more=1) or nothing (has_more=0). */
    idx = lua_absindex(L, idx);
    int top = lua_gettop(L) - 1;
    lua_pushvalue(L, idx);
    lua_insert(L, -2);              /* t k */
    int status = lk_protected(L, p_next, 2, LUA_MULTRET);
    if (status == LUA_OK) *has_more = lua_gettop(L) > top;
    return status;
}

int lk_plen(lua_State *L, int idx, lua_Integer *len) {
    lua_pushvalue(L, idx);
    int status = lk_protected(L, p_len, 1, 1);
    if (status != LUA_OK) return status;
    int isnum = 0;
    *len = lua_tointegerx(L, -1, &isnum);
    if (!isnum) *len = 0;
    lua_pop(L, 1);
    return LUA_OK;
}

int lk_pcallmeta_pairs(lua_State *L, int idx) {
    lua_pushvalue(L, idx);
    return lk_protected(L, p_pairs, 1, 3);
}

int lk_pload(lua_State *L, const char *buf, size_t len, const char *chunkname, const char *mode) {
    lk_control *c = lk_getcontrol(L);
    int saved = c->swift_active;
    c->swift_active = 0;
    int status = luaL_loadbufferx(L, buf, len, chunkname, mode);
    c->swift_active = saved;
    return status;
}
