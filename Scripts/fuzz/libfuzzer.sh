#!/bin/sh
# libFuzzer (with AddressSanitizer) over the corpus parsers: front matter, articles, ISO dates, TSV.
# usage: Scripts/fuzz/libfuzzer.sh [SECONDS] [extra libFuzzer flags]   (default 60 s)
# Crashes are written to .build-fuzz/crash-*; the corpus grows in .build-fuzz/corpus.
set -eu
cd "$(dirname "$0")/../.."
SECS=${1:-60}; [ $# -gt 0 ] && shift
mkdir -p .build-fuzz/corpus
cp -n Corpus/articles/*.md .build-fuzz/corpus/ 2>/dev/null || true
if [ ! -x .build-fuzz/fuzz-parsers ] || [ -n "$(find Sources/AnalystCore Scripts/fuzz/parsers -newer .build-fuzz/fuzz-parsers -name '*.swift')" ]; then
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name AnalystCoreFuzz \
    Sources/AnalystCore/*.swift Scripts/fuzz/parsers/harness.swift -o .build-fuzz/fuzz-parsers 2>&1 | grep -v 'Cannot export local symbol' || true
fi
cd .build-fuzz
exec ./fuzz-parsers -max_total_time="$SECS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$@" corpus
