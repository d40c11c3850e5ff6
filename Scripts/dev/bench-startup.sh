#!/bin/sh
# Start-up time: analyst to its first prompt (and to running nothing), next to lua5.4 -e ''.
# Usage: Scripts/dev/bench-startup.sh [path/to/analyst]   (default: .build/release/analyst)
# Uses hyperfine when installed, else a loop of 50 runs timed with date +%s%N.
set -eu
BIN=${1:-.build/release/analyst}
LUA=${LUA:-lua5.4}
RUNS=${RUNS:-50}
# The first events{} of a session on the bundled corpus (corpus load + finding the events), CPU ms
# measured inside analyst, median of 5 fresh processes: cold (ANALYST_NO_CACHE=1, the extractor
# builds its lexicon and gazetteer tables) and warm (the mentions read from the extraction cache).
FIRST='local c = os.clock() local n = #events{} print(string.format("%.1f", (os.clock() - c) * 1000))'
median5() { for _ in 1 2 3 4 5; do "$@"; done | sort -n | sed -n 3p; }
cache=$(mktemp -d)
XDG_CACHE_HOME=$cache "$BIN" -e "$FIRST" >/dev/null
printf '%-28s %8s ms CPU\n' "first events{} (cold)" "$(ANALYST_NO_CACHE=1 median5 "$BIN" -e "$FIRST")"
printf '%-28s %8s ms CPU\n' "first events{} (cached)" "$(XDG_CACHE_HOME=$cache median5 "$BIN" -e "$FIRST")"
rm -rf "$cache"
BENCH=$(dirname "$BIN")/AnalystBench
if [ -x "$BENCH" ]; then "$BENCH" --first-query; fi   # where the cold first query's time goes
# "to the first prompt": the shell with -i on empty input starts, prints nothing, reads EOF, exits.
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 5 --runs "$RUNS" \
        "$LUA -e ''" "$BIN -e ''" "$BIN -i -q" --input /dev/null 2>/dev/null ||
    hyperfine --warmup 5 --runs "$RUNS" "$LUA -e ''" "$BIN -e ''" "$BIN -i -q < /dev/null"
    exit 0
fi
measure() {   # prints the mean in ms of running "$@" RUNS times
    i=0; start=$(date +%s%N)
    while [ $i -lt "$RUNS" ]; do "$@" </dev/null >/dev/null 2>&1; i=$((i + 1)); done
    end=$(date +%s%N)
    echo "scale=2; ($end - $start) / $RUNS / 1000000" | bc
}
"$BIN" -e '' </dev/null; "$LUA" -e ''   # warm the page cache
printf '%-28s %8s ms\n' "$LUA -e ''" "$(measure "$LUA" -e '')"
printf '%-28s %8s ms\n' "$BIN -e ''" "$(measure "$BIN" -e '')"
printf '%-28s %8s ms\n' "$BIN -i -q (to the prompt)" "$(measure "$BIN" -i -q)"
