#!/usr/bin/env bash
# The app benchmark in one run: a generated campaign of 20,000 sites imported into a
# local onsite-hq, a device signed in to it with onsite-field, then onsite-app-bench:
# cold start of the real app beside a minimal Qt Quick window, and the app's view
# models beside plain code. The "app" part of bench/run-all.sh, which writes
# docs/BENCHMARKS.md from the app.json this leaves in JSON_DIR.
#
#   bench/run-app-bench.sh              # or: ONLY=app bench/run-all.sh
#
# Environment: UNITS (default 2000), SITES_PER_UNIT (10), SCORES (rater scores imported
# at HQ with import-scores and pulled onto the device with onsite-field sync, 200000), RUNS (cold starts of each,
# 10), FILTER_ROUNDS (200), LOAD_ROUNDS (5), JOBS (build parallelism, 1),
# BUILD_DIR (build-appbench), BUILD_TYPE (RelWithDebInfo, when configuring a new BUILD_DIR),
# SKIP_BUILD (1: use BUILD_DIR as it is), JSON_DIR ($BUILD_DIR/bench-results/app),
# FIXTURES (../shared/fixtures/campaign-2026h1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
UNITS=${UNITS:-2000}
SITES_PER_UNIT=${SITES_PER_UNIT:-10}
SCORES=${SCORES:-200000}
RUNS=${RUNS:-10}
FILTER_ROUNDS=${FILTER_ROUNDS:-200}
LOAD_ROUNDS=${LOAD_ROUNDS:-5}
JOBS=${JOBS:-1}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-appbench}
FIXTURES=${FIXTURES:-$ROOT/../shared/fixtures/campaign-2026h1}
JSON_DIR=${JSON_DIR:-$BUILD_DIR/bench-results/app}

say() { printf 'run-app-bench: %s\n' "$*" >&2; }

[[ -f $FIXTURES/units.csv ]] || { say "no sample campaign at $FIXTURES (set FIXTURES)"; exit 2; }
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
    say "configuring ${BUILD_TYPE:-RelWithDebInfo} in $BUILD_DIR"
    # The tests are not needed here; leaving them out keeps the build to what is measured.
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DONSITE_BUILD_TESTS=OFF \
      -DONSITE_BUILD_WEB=OFF -DONSITE_BUILD_APP=ON -DONSITE_BUILD_SERVER=ON -DONSITE_BUILD_BENCH=ON >/dev/null
  fi
  cmake --build "$BUILD_DIR" -j"$JOBS" --target onsite onsite-hq onsite-field onsite-app-bench onsite-bench-minimal-qml
fi

APP=$BUILD_DIR/qml/onsite
HQ=$BUILD_DIR/server/onsite-hq
FIELD=$BUILD_DIR/sync/onsite-field
BENCH=$BUILD_DIR/bench/onsite-app-bench
MINIMAL=$BUILD_DIR/bench/minimal-qml/onsite-bench-minimal-qml

WORK=$(mktemp -d "${TMPDIR:-/tmp}/onsite-app-bench.XXXXXX")
HQ_PID=
cleanup() {
  if [[ -n $HQ_PID ]]; then kill "$HQ_PID" 2>/dev/null || true; wait "$HQ_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

say "generating $UNITS units × $SITES_PER_UNIT sites, $SCORES scores"
CAMPAIGN=$("$BENCH" generate --fixtures "$FIXTURES" --out "$WORK/campaign" --units "$UNITS" \
  --sites-per-unit "$SITES_PER_UNIT" --scores "$SCORES" --scores-csv "$WORK/scores-paper.csv")
INSPECTOR=$(sed -n 's/.*"inspector":"\([^"]*\)".*/\1/p' <<<"$CAMPAIGN")
PASSWORD=app-bench-password

say "HQ: importing the campaign"
"$HQ" init --data "$WORK/hq" >/dev/null
"$HQ" import-campaign "$WORK/campaign" --data "$WORK/hq" >/dev/null
printf '%s\n' "$PASSWORD" | "$HQ" set-password "$INSPECTOR" --data "$WORK/hq" >/dev/null
if [[ $SCORES -gt 0 ]]; then
  say "HQ: import-scores of $SCORES scores (paper scores of the group's raters)"
  "$HQ" import-scores "$WORK/scores-paper.csv" --data "$WORK/hq" >"$WORK/import.out" 2>&1 ||
    { say "import-scores failed: $(tail -5 "$WORK/import.out")"; exit 1; }
fi
"$HQ" serve --data "$WORK/hq" --listen 127.0.0.1:0 >"$WORK/hq-serve.out" 2>"$WORK/hq-serve.err" &
HQ_PID=$!
PORT=
for _ in $(seq 1 600); do
  PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$WORK/hq-serve.out")
  [[ -n $PORT ]] && break
  kill -0 "$HQ_PID" 2>/dev/null || { say "onsite-hq serve exited: $(cat "$WORK/hq-serve.err")"; exit 1; }
  sleep 0.1
done
[[ -n $PORT ]] || { say "onsite-hq serve did not report its port"; exit 1; }

say "device: onsite-field login as $INSPECTOR"
"$FIELD" login --server "http://127.0.0.1:$PORT" --user "$INSPECTOR" --password "$PASSWORD" \
  --data "$WORK/device" >"$WORK/login.out" 2>&1 || { say "login failed: $(cat "$WORK/login.out")"; exit 1; }
if [[ $SCORES -gt 0 ]]; then
  # The scores reach the device as a tablet gets them: pulled in pages, each page in
  # one transaction of the encrypted store. onsite-app-bench run checks the store
  # (PRAGMA integrity_check, scores counted) before it measures.
  say "device: onsite-field sync (pulls the scores)"
  "$FIELD" sync --data "$WORK/device" >"$WORK/sync.out" 2>&1 ||
    { say "sync failed: $(tail -5 "$WORK/sync.out")"; exit 1; }
fi
# Offline from here on: a tablet in the field starts without a reachable HQ, and a
# running HQ would only add its own work to what is measured.
kill -TERM "$HQ_PID"
wait "$HQ_PID" || true
HQ_PID=

mkdir -p "$JSON_DIR"
status=0
say "measuring: $RUNS cold starts of each, $FILTER_ROUNDS filter rounds, $LOAD_ROUNDS list-load rounds"
"$BENCH" run --app "$APP" --baseline "$MINIMAL" --data "$WORK/device" --work "$WORK/bench" \
  --json "$JSON_DIR/app.json" --runs "$RUNS" --filter-rounds "$FILTER_ROUNDS" --load-rounds "$LOAD_ROUNDS" || status=1
say "the JSON is in $JSON_DIR; ONLY=app bench/run-all.sh writes it into docs/BENCHMARKS.md"
exit $status
