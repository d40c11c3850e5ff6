#!/usr/bin/env bash
# `make bench`: the same one-shot job (load an ACLED CSV, count events and sum fatalities by admin1
# for Battles between 2024-11-27 and 2024-12-08, write the matching rows to CSV) done by analyst
# (analyst-bench), plain lua5.4, DuckDB and the sqlite3 CLI, side by side.
# usage: Scripts/dev/bench.sh [N]        N rows (default 1000000)
# env:   BENCH_DIR (default /tmp/analyst-bench), SCRATCH (swift --scratch-path, default .build)
# Installs nothing: a missing lua5.4, duckdb module or sqlite3 is reported and skipped.
set -uo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
WORK=${BENCH_DIR:-/tmp/analyst-bench}
SCRATCH=${SCRATCH:-.build}
DATA=$WORK/acled-$N.csv
mkdir -p "$WORK"

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "cpu: $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ ! -f "$DATA" ]; then
  echo "generating $DATA (deterministic, seed 7) ..."
  python3 Scripts/dev/gen-acled.py "$N" "$DATA" || exit 1
fi
echo "data: $DATA, $(du -mL "$DATA" | cut -f1) MB, $N rows"
cat "$DATA" > /dev/null   # page cache warm for every tool

echo "building analyst-bench (release) ..."
swift build -c release --scratch-path "$SCRATCH" --product AnalystBench 2>&1 | tail -1
BIN="$SCRATCH/release/AnalystBench"

if [ -x /usr/bin/time ]; then
  TIMEFMT="TIME wall=%e user=%U sys=%S rss_kb=%M"
  timed() { /usr/bin/time -f "$TIMEFMT" "$@"; }
else
  echo "note: /usr/bin/time missing: process wall time and RSS not measured"
  timed() { "$@"; }
fi
val() { grep -o "$2=[^ ]*" <<<"$1" | tail -1 | cut -d= -f2; }
mb() { [ -n "$1" ] && echo $(( $1 / 1024 )) || echo "-"; }

declare -A WALL RSS LOAD QUERY EXPORT

echo; echo "== analyst (breakdown: import, query x20, Lua closure, export)"
out=$(timed "$BIN" "$DATA" --out "$WORK/out-analyst.csv" 2>&1); echo "$out" | grep -v "^  line\|^  \.\.\." | grep -v "^TIME"
IMPORT_S=$(val "$out" import_s); IMPORT_CPU=$(val "$out" import_cpu_s); IMPORT_RSS=$(val "$out" import_rss_mb)
Q1=$(val "$out" query_first_ms); QM=$(val "$out" query_median_ms); LUA_S=$(val "$out" lua_s); LUA_MEPS=$(val "$out" lua_meps)
EXP=$(val "$out" export_ms)

echo; echo "== analyst one-shot process (import + query + export, no Lua)"
out=$(timed "$BIN" "$DATA" --out "$WORK/out-analyst.csv" --no-lua --reps 1 2>&1); echo "$out" | grep -E "^RESULT|^TIME|^one-shot"
WALL[analyst]=$(val "$out" wall); RSS[analyst]=$(mb "$(val "$out" rss_kb)")
LOAD[analyst]=$(val "$out" import_s); QUERY[analyst]=$(val "$out" query_first_ms); EXPORT[analyst]=$(val "$out" export_ms)

echo; echo "== lua5.4 with a hand-written CSV loader (Scripts/dev/bench/oneshot.lua)"
if command -v lua5.4 >/dev/null; then
  out=$(timed lua5.4 Scripts/dev/bench/oneshot.lua "$DATA" "$WORK/out-lua.csv" 2>&1); echo "$out"
  WALL[lua]=$(val "$out" wall); RSS[lua]=$(mb "$(val "$out" rss_kb)")
  LOAD[lua]=$(val "$out" load_s); QUERY[lua]=$(val "$out" query_ms); EXPORT[lua]=$(val "$out" export_ms)
else echo "SKIP lua5.4: not installed (apt-get install lua5.4)"; fi

echo; echo "== DuckDB"
if python3 -c "import duckdb" 2>/dev/null; then
  out=$(timed python3 Scripts/dev/bench/oneshot_duckdb.py "$DATA" "$WORK/out-duckdb.csv" load 2>&1); echo "$out"
  WALL[duckdb_load]=$(val "$out" wall); RSS[duckdb_load]=$(mb "$(val "$out" rss_kb)")
  LOAD[duckdb_load]=$(val "$out" load_s); QUERY[duckdb_load]=$(val "$out" query_ms); EXPORT[duckdb_load]=$(val "$out" export_ms)
  out=$(timed python3 Scripts/dev/bench/oneshot_duckdb.py "$DATA" "$WORK/out-duckdb.csv" oneshot 2>&1); echo "$out"
  WALL[duckdb_csv]=$(val "$out" wall); RSS[duckdb_csv]=$(mb "$(val "$out" rss_kb)")
  QUERY[duckdb_csv]=$(val "$out" query_ms); EXPORT[duckdb_csv]=$(val "$out" export_ms)
else echo "SKIP duckdb: python module not installed (pip install duckdb)"; fi

echo; echo "== sqlite3 .import"
if command -v sqlite3 >/dev/null; then
  out=$(timed bash Scripts/dev/bench/oneshot_sqlite.sh "$DATA" "$WORK/out-sqlite.csv" load-only 2>&1); echo "$out"
  LOAD[sqlite]=$(val "$out" wall)
  out=$(timed bash Scripts/dev/bench/oneshot_sqlite.sh "$DATA" "$WORK/out-sqlite.csv" 2>&1); echo "$out"
  WALL[sqlite]=$(val "$out" wall); RSS[sqlite]=$(mb "$(val "$out" rss_kb)")
else echo "SKIP sqlite3: not installed"; fi

echo; echo "== matching rows written (lines incl. header)"
wc -l "$WORK"/out-*.csv 2>/dev/null | grep -v total

echo; echo "== summary ($N rows; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
printf "%-22s %10s %10s %10s %10s %12s %10s\n" tool "load s" "query ms" "export ms" "one-shot s" "peak RSS MB" "x analyst"
base=${WALL[analyst]:-}
for t in analyst lua duckdb_load duckdb_csv sqlite; do
  [ -n "${WALL[$t]:-}" ] || continue
  ratio="-"; [ -n "$base" ] && ratio=$(awk -v a="${WALL[$t]}" -v b="$base" 'BEGIN{printf "%.1f", a/b}')
  printf "%-22s %10s %10s %10s %10s %12s %10s\n" "$t" "${LOAD[$t]:--}" "${QUERY[$t]:--}" "${EXPORT[$t]:--}" "${WALL[$t]}" "${RSS[$t]:--}" "$ratio"
done
echo
echo "analyst import: ${IMPORT_S} s wall, ${IMPORT_CPU} s CPU (target <= 1.0 s wall), RSS after import ${IMPORT_RSS} MB (target <= 450)"
echo "analyst grouped query: first ${Q1} ms, median ${QM} ms (target <= 20)"
echo "analyst Lua closure over every event: ${LUA_S} s = ${LUA_MEPS} M events/s (target >= 10)"
echo "analyst export of the matching rows: ${EXP} ms"
echo "notes: one-shot s = process wall time (/usr/bin/time), including start-up; lua load/query/export are os.clock;"
echo "       sqlite load s = a separate load-only run; analyst's query keeps events whose date interval overlaps the"
echo "       window (time_precision 2/3), so it matches more rows than event_date BETWEEN (cross-check printed above)."
