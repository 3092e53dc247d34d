#!/usr/bin/env bash
# Many tablets at once: onsite-load-bench with 1,000 simulated devices against one
# onsite-hq serve on SQLite, then on PostgreSQL (one serve process, then two on the same
# database and data folder). Prints the tables of docs/BENCHMARKS.md ("Many tablets at
# once"); the JSON reports stay in $OUT.
#
#   bench/run-load-bench.sh
#   DEVICES=200 THINK=5 bench/run-load-bench.sh     # a quicker run
#
# Environment: DEVICES (1000), THINK (mean seconds between a device's syncs in the paced
# day, 10), BACKENDS ("sqlite postgres"), BUILD_DIR (build-bench), JOBS (1),
# FIXTURES (../shared/fixtures/campaign-2026h1), OUT ($BUILD_DIR/load-bench), CROWD (devices
# signing in all at once, default all; the others sign in through the same login first, a
# few at a time: every device still signs in once with its own password check).
# PostgreSQL is started with scripts/start-postgres.sh (needs root or sudo), as for the tests.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEVICES=${DEVICES:-1000}
THINK=${THINK:-10}
CROWD=${CROWD:-0}
BACKENDS=${BACKENDS:-sqlite postgres}
JOBS=${JOBS:-1}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
FIXTURES=${FIXTURES:-$ROOT/../shared/fixtures/campaign-2026h1}
OUT=${OUT:-$BUILD_DIR/load-bench}

say() { printf 'run-load-bench: %s\n' "$*" >&2; }

[[ -f $FIXTURES/scores-paper.csv ]] || { say "no sample campaign at $FIXTURES (set FIXTURES)"; exit 2; }
# SKIP_BUILD=1 (bench/run-all.sh, which built it): use BUILD_DIR as it is.
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
    say "configuring ${BUILD_TYPE:-RelWithDebInfo} in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DONSITE_BUILD_TESTS=OFF \
      -DONSITE_BUILD_WEB=OFF -DONSITE_BUILD_SERVER=ON -DONSITE_BUILD_BENCH=ON >/dev/null
  fi
  cmake --build "$BUILD_DIR" -j"$JOBS" --target onsite-hq onsite-load-bench
fi

# Each device holds a socket, and HQ one per device: well under the usual 20,000 or more.
if [[ $(ulimit -n) -lt $((DEVICES * 2 + 200)) ]]; then
  ulimit -n $((DEVICES * 2 + 200)) 2>/dev/null || say "open-file limit $(ulimit -n) may be too low for $DEVICES devices"
fi
mkdir -p "$OUT"
status=0
for backend in $BACKENDS; do
  extra=()
  if [[ $backend == postgres ]]; then
    eval "$(bash "$ROOT/scripts/start-postgres.sh" | tail -1)"
    export ONSITE_TEST_POSTGRES_URL
    extra=(--backend postgres --processes 2)
  fi
  say "$backend: $DEVICES devices (load $(cut -d' ' -f1-3 /proc/loadavg))"
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/onsite-load-bench.XXXXXX")
  "$BUILD_DIR/bench/onsite-load-bench" --hq "$BUILD_DIR/server/onsite-hq" --fixtures "$FIXTURES" \
    --work "$WORK" --devices "$DEVICES" --think "$THINK" --sign-in-crowd "$CROWD" "${extra[@]}" --json "$OUT/$backend.json" || status=1
  rm -rf "$WORK"
done
python3 "$ROOT/bench/load-report.py" "$OUT"/*.json
exit $status
