#!/usr/bin/env bash
# The main job: a fresh HQ data folder loaded with the sample campaign and its
# paper scores, then the ranking. Run after the build (see README).
set -euo pipefail
cd "$(dirname "$0")/.."

hq=build/server/onsite-hq
fixtures=${ONSITE_SAMPLE:-../shared/fixtures/campaign-2026h1}
data=${ONSITE_DEMO_DATA:-build/demo-hq}

if [ ! -x "$hq" ]; then
  echo "demo: $hq is missing; build first (see README)" >&2
  exit 1
fi
rm -rf "$data"
"$hq" init --data "$data"
"$hq" import-campaign "$fixtures" --data "$data"
"$hq" import-scores "$fixtures/scores-paper.csv" --data "$data"
echo
"$hq" results --data "$data" --format table
