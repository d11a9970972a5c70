#!/usr/bin/env bash
# Seeds each target's corpus (fuzz/corpus/<target>/, not checked in) from the project's own
# fixtures and data, so the fuzzers start from real Finesse shapes.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/explain corpus/lookup_symbol corpus/cli_query corpus/capi_strings corpus/scan
for f in ../tests/fixtures/logs/*; do
  # Two bytes of chunk size (7 bytes) before the log.
  { printf '\x06\x00'; cat "$f"; } > "corpus/scan/$(basename "$f")"
done
for f in ../tests/fixtures/responses/* ../examples/responses/*; do
  # Two bytes of status (400) and a method byte before the body.
  { printf '\x90\x01\x00'; cat "$f"; } > "corpus/explain/$(basename "$f")"
done
i=0
for csv in ../data/*.csv; do
  # The symbol column of every row (second column; first for none): enough to start from.
  tail -n +2 "$csv" | cut -d, -f2,3 | head -n 200 | while IFS=, read -r a b; do
    i=$((i + 1))
    printf '\x00%s' "$a" > "corpus/lookup_symbol/$(basename "$csv" .csv)-$i-a"
    printf '\x00%s' "$b" > "corpus/cli_query/$(basename "$csv" .csv)-$i-b"
    printf '\x90\x01\x00\x00%s' "$a" > "corpus/capi_strings/$(basename "$csv" .csv)-$i-a"
  done
done
echo "seeded: $(ls corpus/explain | wc -l) explain, $(ls corpus/lookup_symbol | wc -l) lookup_symbol, $(ls corpus/cli_query | wc -l) cli_query, $(ls corpus/capi_strings | wc -l) capi_strings"
