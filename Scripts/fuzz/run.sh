#!/bin/sh
# Generative fuzzer of Lua programs over the analyst API (docs/reliability.md).
# usage: Scripts/fuzz/run.sh N [SEED] [JOBS]
#   N programs from SEED (default 1), in child processes of JOBS (default 2) at a time; a crash or a
#   hang ends one batch, whose programs are then re-run one per child; the culprits are saved in
#   fuzz-findings/seed-SEED-INDEX.lua. Exit 0 when nothing was found.
# Reproduce one program:  .build/release/AnalystFuzz print --seed SEED --index I > p.lua
#                         .build/release/analyst --timeout 1 --max-memory 64 p.lua
set -eu
cd "$(dirname "$0")/../.."
N=${1:?usage: run.sh N [SEED] [JOBS]}
SEED=${2:-1}
JOBS=${3:-2}
swift build -c release --product AnalystFuzz >/dev/null
swift build -c release --product analyst >/dev/null
exec .build/release/AnalystFuzz run --seed "$SEED" --count "$N" --jobs "$JOBS" --batch 1000 --findings fuzz-findings
