#!/bin/sh
# The test suites under AddressSanitizer and UndefinedBehaviorSanitizer, each in its own build folder.
# swiftc has no -sanitize=undefined on Linux (Swift's own overflow and bounds checks already trap), so
# the second run is ASan plus clang's UBSan on our C (CLuaSupport): -Xcc -fsanitize=undefined.
# usage: Scripts/fuzz/sanitize.sh [FILTER]   (default: HardeningTests|LuaKitTests|AnalystLuaTests)
set -u
cd "$(dirname "$0")/../.."
FILTER=${1:-'HardeningTests|LuaKitTests|AnalystLuaTests'}
status=0
for s in address undefined; do
  dir=.build-$( [ $s = address ] && echo asan || echo ubsan )
  echo "== $s ($dir) =="
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    swift test --sanitize=address $( [ $s = undefined ] && echo -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined ) \
      --scratch-path "$dir" --filter "$FILTER" 2>&1 | tee "$dir.log" | grep -E 'Executed|ERROR: .*Sanitizer|runtime error:' || true
  grep -qE 'ERROR: .*Sanitizer|runtime error:' "$dir.log" && status=1
  grep -q ' 0 failures' "$dir.log" || status=1
done
exit $status
