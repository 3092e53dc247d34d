#!/usr/bin/env bash
# The photo benchmark in one run (issue 12, P5): the device's upload path against
# `curl --upload-file` of the same photos to the same HQ endpoint, then through a proxy
# that cuts the link every ~20 MB. The "photos" part of bench/run-all.sh, which writes
# docs/BENCHMARKS.md from the photos.json this leaves in JSON_DIR (beside the bench's own
# photos.md).
#
#   bench/run-photo-bench.sh            # or: ONLY=photos bench/run-all.sh
#
# Environment: PHOTOS (default 500), SIZE_KIB (3072), CUT_EVERY_KB (20000), ROUNDS (1),
# JOBS (build parallelism, 1), BUILD_DIR (build-bench; configured BUILD_TYPE, RelWithDebInfo,
# if new), SKIP_BUILD (1: use BUILD_DIR as it is), JSON_DIR ($BUILD_DIR/bench-results/photos),
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
JSON_DIR=${JSON_DIR:-$BUILD_DIR/bench-results/photos}

say() { printf 'run-photo-bench: %s\n' "$*" >&2; }

[[ -f $FIXTURES/people.csv ]] || { say "no sample campaign at $FIXTURES (set FIXTURES)"; exit 2; }
command -v curl >/dev/null || { say "curl is needed for the baseline (scripts/setup.sh installs it)"; exit 2; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
    say "configuring ${BUILD_TYPE:-RelWithDebInfo} in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DONSITE_BUILD_TESTS=OFF \
      -DONSITE_BUILD_WEB=OFF -DONSITE_BUILD_SERVER=ON -DONSITE_BUILD_BENCH=ON >/dev/null
  fi
  say "building in $BUILD_DIR"
  cmake --build "$BUILD_DIR" -j"$JOBS" --target onsite-hq onsite-photo-bench
fi

mkdir -p "$WORK" "$JSON_DIR"
status=0
"$BUILD_DIR/bench/onsite-photo-bench" --hq "$BUILD_DIR/server/onsite-hq" --fixtures "$FIXTURES" --work "$WORK" \
  --photos "$PHOTOS" --size-kib "$SIZE_KIB" --cut-every-kb "$CUT_EVERY_KB" --rounds "$ROUNDS" \
  --markdown "$JSON_DIR/photos.md" --json "$JSON_DIR/photos.json" || status=1
[[ -s $JSON_DIR/photos.json ]] || { say "no report written"; exit 1; }
say "the JSON is in $JSON_DIR; ONLY=photos bench/run-all.sh writes it into docs/BENCHMARKS.md"
exit $status
