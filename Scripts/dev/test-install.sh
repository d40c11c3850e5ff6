#!/usr/bin/env bash
# Checks `make install PREFIX=...`: the installed binary runs the main job from an unrelated folder,
# finding its bundled corpus under PREFIX/share/analyst (not the checkout's Corpus).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make --no-print-directory install PREFIX="$tmp/prefix" >/dev/null
# Drop one article from the installed copy: the count then proves which corpus the binary found.
articles="$tmp/prefix/share/analyst/Corpus/articles"
rm "$(ls -d "$articles"/* | head -n 1)"
want=$(ls "$articles" | wc -l)
mkdir -p "$tmp/elsewhere"
cd "$tmp/elsewhere"
env -u ANALYST_CORPUS "$tmp/prefix/bin/analyst" -e "assert(#corpus.articles == $want, 'not the installed corpus: ' .. #corpus.articles)" \
  || { echo "test-install: installed analyst finds no corpus" >&2; exit 1; }
env -u ANALYST_CORPUS "$tmp/prefix/bin/analyst" "$tmp/prefix/share/analyst/Scripts/advance-rates.lua" rates.csv >/dev/null
[ -s rates.csv ] || { echo "test-install: the main job wrote no rates.csv" >&2; exit 1; }
echo "test-install: ok ($tmp/prefix/bin/analyst ran the main job from another folder)"
