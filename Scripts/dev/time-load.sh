#!/bin/sh
# Times Corpus.load of the bundled corpus in a release build (prints min/median/max; asserts nothing).
set -e
cd "$(dirname "$0")/../.."
swift test -c release -Xswiftc -enable-testing --scratch-path .build-core --filter LoadTimingTests 2>&1 | grep -E "Corpus.load|error"
