#!/usr/bin/env bash
# The sync benchmark in one run: onsite-hq push + pull, PouchDB replication and raw
# SQLite inserts of the same records, side by side. The "sync" part of bench/run-all.sh,
# which writes docs/BENCHMARKS.md from the JSON this leaves in JSON_DIR (onsite.json,
# onsite-plain.json, pouchdb.json).
#
#   bench/run-sync-bench.sh             # or: ONLY=sync bench/run-all.sh
#
# Environment: RECORDS (default 100000), JOBS (build parallelism, default 1),
# BUILD_DIR (default build-bench), BUILD_TYPE (RelWithDebInfo, when configuring a new
# BUILD_DIR), SKIP_BUILD (1: use BUILD_DIR as it is), JSON_DIR ($BUILD_DIR/bench-results/sync),
# FIXTURES (default ../shared/fixtures/campaign-2026h1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RECORDS=${RECORDS:-100000}
JOBS=${JOBS:-1}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
FIXTURES=${FIXTURES:-$ROOT/../shared/fixtures/campaign-2026h1}
JSON_DIR=${JSON_DIR:-$BUILD_DIR/bench-results/sync}

say() { printf 'run-sync-bench: %s\n' "$*" >&2; }

[[ -f $FIXTURES/scores-paper.csv ]] || { say "no sample campaign at $FIXTURES (set FIXTURES)"; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { say "node and npm are needed for the PouchDB baseline"; exit 2; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
    say "configuring ${BUILD_TYPE:-RelWithDebInfo} in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DONSITE_BUILD_TESTS=OFF \
      -DONSITE_BUILD_WEB=OFF -DONSITE_BUILD_SERVER=ON -DONSITE_BUILD_BENCH=ON >/dev/null
  fi
  cmake --build "$BUILD_DIR" -j"$JOBS" --target onsite-hq onsite-sync-bench
fi

say "installing the PouchDB packages"
POUCH=$ROOT/bench/pouchdb
# npm ci only when the lock file changed: a reinstall takes a minute on two cores.
if [[ ! -f $POUCH/node_modules/.package-lock.json || $POUCH/package-lock.json -nt $POUCH/node_modules/.package-lock.json ]]; then
  (cd "$POUCH" && npm ci --no-audit --no-fund)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/onsite-sync-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$JSON_DIR"

status=0
say "onsite-hq and raw SQLite: $RECORDS records"
"$BUILD_DIR/bench/onsite-sync-bench" --hq "$BUILD_DIR/server/onsite-hq" --fixtures "$FIXTURES" \
  --work "$WORK/onsite" --records "$RECORDS" --export-docs "$WORK/docs.ndjson" --json "$JSON_DIR/onsite.json" || status=1

say "onsite-hq without gzip (answers and push bodies plain): $RECORDS records"
"$BUILD_DIR/bench/onsite-sync-bench" --hq "$BUILD_DIR/server/onsite-hq" --fixtures "$FIXTURES" \
  --work "$WORK/onsite-plain" --records "$RECORDS" --gzip off --json "$JSON_DIR/onsite-plain.json" || status=1

if [[ -f $WORK/docs.ndjson ]]; then
  say "PouchDB: $RECORDS documents"
  mkdir -p "$WORK/pouchdb"
  node "$POUCH/replicate.js" --docs "$WORK/docs.ndjson" --records "$RECORDS" --work "$WORK/pouchdb" \
    --json "$JSON_DIR/pouchdb.json" || status=1
else
  say "no documents exported, PouchDB skipped"
  status=1
fi
say "the JSON is in $JSON_DIR; ONLY=sync bench/run-all.sh writes it into docs/BENCHMARKS.md"
exit $status
