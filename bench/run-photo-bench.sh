#!/usr/bin/env bash
# The photo benchmark in one run (issue 12, P5): the device's upload path against
# `curl --upload-file` of the same photos to the same HQ endpoint, then through a proxy
# that cuts the link every ~20 MB; rewrites the "Photos" section of docs/BENCHMARKS.md
# (the generated figures, then bench/photo-notes.md) and leaves every other section alone.
#
#   bench/run-photo-bench.sh
#
# Environment: PHOTOS (default 500), SIZE_KIB (3072), CUT_EVERY_KB (20000), ROUNDS (1),
# JOBS (build parallelism, 1), BUILD_DIR (build-bench; configured Release if new),
# WORK (where the photos are kept between runs, /tmp/onsite-photo-bench; 1.5 GB for 500),
# FIXTURES (../shared/fixtures/campaign-2026h1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHOTOS=${PHOTOS:-500}
SIZE_KIB=${SIZE_KIB:-3072}
CUT_EVERY_KB=${CUT_EVERY_KB:-20000}
ROUNDS=${ROUNDS:-1}
JOBS=${JOBS:-1}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
WORK=${WORK:-${TMPDIR:-/tmp}/onsite-photo-bench}
FIXTURES=${FIXTURES:-$ROOT/../shared/fixtures/campaign-2026h1}
REPORT=$ROOT/docs/BENCHMARKS.md

say() { printf 'run-photo-bench: %s\n' "$*" >&2; }

[[ -f $FIXTURES/people.csv ]] || { say "no sample campaign at $FIXTURES (set FIXTURES)"; exit 2; }
command -v curl >/dev/null || { say "curl is needed for the baseline (scripts/setup.sh installs it)"; exit 2; }

if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
  say "configuring Release in $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DONSITE_BUILD_TESTS=OFF \
    -DONSITE_BUILD_APP=OFF -DONSITE_BUILD_SERVER=ON -DONSITE_BUILD_BENCH=ON >/dev/null
fi
say "building in $BUILD_DIR"
cmake --build "$BUILD_DIR" -j"$JOBS" --target onsite-hq onsite-photo-bench

mkdir -p "$WORK"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/onsite-photo-report.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
status=0
"$BUILD_DIR/bench/onsite-photo-bench" --hq "$BUILD_DIR/server/onsite-hq" --fixtures "$FIXTURES" --work "$WORK" \
  --photos "$PHOTOS" --size-kib "$SIZE_KIB" --cut-every-kb "$CUT_EVERY_KB" --rounds "$ROUNDS" \
  --markdown "$OUT/photos.md" --json "$OUT/photos.json" || status=1
[[ -s $OUT/photos.md ]] || { say "no report written"; exit 1; }
cp "$OUT/photos.json" "$WORK/last-run.json"

SECTION=$OUT/section.md
{
  cat "$OUT/photos.md"
  if [[ -f $ROOT/bench/photo-notes.md ]]; then
    echo
    cat "$ROOT/bench/photo-notes.md"
  fi
  echo
} >"$SECTION"

# Replace the section from "## Photos" to the next "## " heading (or the end); append
# it when there is none yet.
if grep -q '^## Photos' "$REPORT"; then
  awk -v section="$SECTION" '
    /^## Photos/ { while ((getline line < section) > 0) print line; skipping = 1; next }
    skipping && /^## / { skipping = 0 }
    !skipping { print }
  ' "$REPORT" >"$OUT/report.md"
else
  { cat "$REPORT"; echo; cat "$SECTION"; } >"$OUT/report.md"
fi
cp "$OUT/report.md" "$REPORT"
say "wrote the Photos section of $REPORT"
exit $status
