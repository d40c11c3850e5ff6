#!/usr/bin/env bash
# `make bench`: the one-shot ACLED job as users run it, `analyst --events FILE script.lua` (filter +
# group + CSV export, every row of the file kept), next to DuckDB (Python module, read_csv straight
# from the file, 2 threads), the sqlite3 CLI (.import) and lua5.4 (a hand-written loader). The tools
# run interleaved (analyst, duckdb, sqlite3, lua5.4, then again), BENCH_RUNS times each (default 5);
# the table gives medians of process wall time and peak RSS (/usr/bin/time). Then, once each:
# analyst's import alone, and Lua closures over every event.
# usage: Scripts/dev/bench.sh [N]      N rows (default 1000000)
# env:   BENCH_RUNS (5), BENCH_DIR (/tmp/analyst-bench), ANALYST (.build/release/analyst),
#        BENCH_SKIP ("lua sqlite" to leave tools out)
# Installs nothing: a missing lua5.4, duckdb module or sqlite3 is reported and skipped.
set -uo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
RUNS=${BENCH_RUNS:-5}
WORK=${BENCH_DIR:-/tmp/analyst-bench}
BIN=${ANALYST:-.build/release/analyst}
SKIP=" ${BENCH_SKIP:-} "
DATA=$WORK/acled-$N.csv
mkdir -p "$WORK"
[ -x "$BIN" ] || { echo "no $BIN: swift build -c release --product analyst"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr) (shared with other jobs: see load averages)"
echo "cpu: $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$DATA" ]; then
  echo "generating $DATA (deterministic, seed 7) ..."
  python3 Scripts/dev/gen-acled.py "$N" "$DATA" || exit 1
fi
ROWS=$(($(wc -l < "$DATA") - 1))   # gen-acled writes one line per row (newlines in notes are escaped)
echo "data: $DATA, $(du -mL "$DATA" | cut -f1) MB, $N rows"
cat "$DATA" > /dev/null   # page cache warm for every tool

# The import cache (docs/import.md) lives in the work directory: `analyst` runs with --no-cache
# (every run parses the file, what a first run costs); `analyst-cached` is the daily rerun on an
# unchanged file, reopening the snapshot that a warm-up run below writes.
export ANALYST_CACHE_DIR=$WORK/cache
rm -rf "$ANALYST_CACHE_DIR"
warm=$( { /usr/bin/time -f "TIME %e %M %U %S" "$BIN" --batch --events "$DATA" -e "" ; } 2>&1 | grep "^TIME ")
echo "snapshot written by a first run (import + write): $(awk '{printf "wall %s s, CPU %.2f s, peak RSS %d MB", $2, $4 + $5, $3/1024}' <<<"$warm"), $(du -m "$ANALYST_CACHE_DIR" | cut -f1) MB in $ANALYST_CACHE_DIR"

tools=()
tools+=(analyst analyst-cached)
if [[ $SKIP != *" duckdb "* ]] && python3 -c "import duckdb" 2>/dev/null; then tools+=(duckdb); else echo "SKIP duckdb (pip install duckdb)"; fi
if [[ $SKIP != *" sqlite "* ]] && command -v sqlite3 >/dev/null; then tools+=(sqlite); else echo "SKIP sqlite3"; fi
if [[ $SKIP != *" lua "* ]] && command -v lua5.4 >/dev/null; then tools+=(lua); else echo "SKIP lua5.4"; fi

run_tool() {   # prints the tool's output and a "TIME wall rss_kb" line
  local t=$1 out=$WORK/out-$1.csv
  case $t in
    analyst) /usr/bin/time -f "TIME %e %M %U %S" "$BIN" --batch --no-cache --events "$DATA" Scripts/dev/bench/oneshot-analyst.lua "$out" ;;
    analyst-cached) /usr/bin/time -f "TIME %e %M %U %S" "$BIN" --batch --events "$DATA" Scripts/dev/bench/oneshot-analyst.lua "$out" ;;
    duckdb) /usr/bin/time -f "TIME %e %M %U %S" python3 Scripts/dev/bench/oneshot_duckdb.py "$DATA" "$out" oneshot ;;
    sqlite) /usr/bin/time -f "TIME %e %M %U %S" bash Scripts/dev/bench/oneshot_sqlite.sh "$DATA" "$out" ;;
    lua) /usr/bin/time -f "TIME %e %M %U %S" lua5.4 Scripts/dev/bench/oneshot.lua "$DATA" "$out" ;;
  esac 2>&1
}

declare -A WALLS RSSES CPUS
for ((i = 1; i <= RUNS; i++)); do
  for t in "${tools[@]}"; do
    out=$(run_tool "$t")
    line=$(grep "^TIME " <<<"$out" | tail -1)
    w=$(cut -d' ' -f2 <<<"$line"); r=$(cut -d' ' -f3 <<<"$line")
    c=$(awk '{printf "%.2f", $4 + $5}' <<<"$line")
    WALLS[$t]="${WALLS[$t]:-} $w"; RSSES[$t]="${RSSES[$t]:-} $r"; CPUS[$t]="${CPUS[$t]:-} $c"
    if [ "$i" = 1 ]; then echo "== $t (first run)"; grep -v "^TIME " <<<"$out" | grep -v "^analyst: imported" | head -8; fi
    echo "run $i $t: wall ${w}s, CPU ${c}s, peak RSS $((r / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo; echo "== matching rows written (lines incl. header)"
wc -l "$WORK"/out-*.csv 2>/dev/null | grep -v total

echo; echo "== one-shot job, $N rows, every row kept, medians of $RUNS interleaved runs (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
printf "%-10s %10s %12s %12s %14s %10s\n" tool "median s" "min-max s" "median CPU s" "peak RSS MB" "x analyst"
base=$(median "${WALLS[analyst]}")
for t in "${tools[@]}"; do
  m=$(median "${WALLS[$t]}"); r=$(median "${RSSES[$t]}"); c=$(median "${CPUS[$t]}")
  range=$(tr ' ' '\n' <<<"${WALLS[$t]}" | grep -v '^$' | sort -g | sed -n '1p;$p' | paste -sd-)
  printf "%-10s %10s %12s %12s %14s %10s\n" "$t" "$m" "$range" "$c" "$((${r%.*} / 1024))" "$(awk -v a="$m" -v b="$base" 'BEGIN{printf "%.2f", a/b}')"
done
echo "(CPU = user + system seconds of the process and its threads: steadier than wall time on a shared machine)"

echo; echo "== analyst: import alone (every row), 3 runs"
for i in 1 2 3; do
  /usr/bin/time -f "TIME %e %M %U %S" "$BIN" --batch -e "local r = corpus.import('$DATA') print(('import: %d rows read, %d imported, %d skipped, %d warnings, %.3f s; places %d linked %d unlinked; actors %d linked %d unlinked'):format(r.rows, r.imported, r.skipped, r.warnings, r.seconds, r.places_linked, r.places_unlinked, r.actors_linked, r.actors_unlinked))" 2>&1 |
    awk '/^TIME/ {printf "  process wall %s s, CPU %.2f s, peak RSS %d MB, load %s\n", $2, $4 + $5, $3/1024, "'"$(cut -d' ' -f1 /proc/loadavg)"'"; next} {print "  " $0}'
done
echo "  (file data rows: $ROWS)"

echo; echo "== analyst: snapshot reopen (the cache entry above; the script touches no event, so the corpus's extraction is not run), 5 runs"
for i in 1 2 3 4 5; do
  { /usr/bin/time -f "TIME %e %M %U %S" "$BIN" --events "$DATA" -e "" ; } 2>&1 |
    awk '/^TIME/ {printf "  process wall %s s, CPU %.2f s, peak RSS %d MB, load %s\n", $2, $4 + $5, $3/1024, "'"$(cut -d' ' -f1 /proc/loadavg)"'"; next}
         /^analyst: imported/ {match($0, /in [0-9.]+ s \(from the import cache\)/); print "  " (RSTART ? substr($0, RSTART, RLENGTH) : "NOT FROM THE CACHE: " $0)}'
done

echo; echo "== analyst: Lua closures over every event (best of 3, os.clock)"
"$BIN" --batch --events "$DATA" Scripts/dev/bench/closure.lua 2>&1 | grep RESULT
echo
echo "notes: process wall = /usr/bin/time %e, including start-up, reading the CSV, the query and the export."
echo "       analyst keeps events whose date interval overlaps the window (time_precision 2 = +-3 days,"
echo "       3 = the month), so it matches more rows than event_date BETWEEN in the other tools."
