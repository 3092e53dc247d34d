#!/usr/bin/env bash
# The main job: a fresh HQ data folder loaded with the sample campaign and its
# paper scores, then the ranking. Builds first (incrementally).
set -euo pipefail
cd "$(dirname "$0")/.."

hq=build/server/onsite-hq
fixtures=${ONSITE_SAMPLE:-../shared/fixtures/campaign-2026h1}
data=${ONSITE_DEMO_DATA:-build/demo-hq}

echo "== build"
cmake --preset default >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)"
echo
rm -rf "$data"
"$hq" init --data "$data"
"$hq" import-campaign "$fixtures" --data "$data"
"$hq" import-scores "$fixtures/scores-paper.csv" --data "$data"
echo
"$hq" results --data "$data" --format table
