#!/usr/bin/env bash
# The sync benchmark in one run: onsite-hq push + pull, PouchDB replication and raw
# SQLite inserts of the same records, side by side; writes docs/BENCHMARKS.md.
#
#   bench/run-sync-bench.sh
#
# Environment: RECORDS (default 100000), JOBS (build parallelism, default 1),
# BUILD_DIR (default build-bench), FIXTURES (default ../shared/fixtures/campaign-2026h1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RECORDS=${RECORDS:-100000}
JOBS=${JOBS:-1}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
FIXTURES=${FIXTURES:-$ROOT/../shared/fixtures/campaign-2026h1}
REPORT=$ROOT/docs/BENCHMARKS.md

say() { printf 'run-sync-bench: %s\n' "$*" >&2; }

[[ -f $FIXTURES/scores-paper.csv ]] || { say "no sample campaign at $FIXTURES (set FIXTURES)"; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { say "node and npm are needed for the PouchDB baseline"; exit 2; }

say "building Release in $BUILD_DIR"
# Tests and the tablet app are not needed here; leaving them out keeps the build to
# what is measured.
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DONSITE_BUILD_TESTS=OFF \
  -DONSITE_BUILD_APP=OFF -DONSITE_BUILD_SERVER=ON -DONSITE_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS" --target onsite-hq onsite-sync-bench

say "installing the PouchDB packages"
POUCH=$ROOT/bench/pouchdb
# npm ci only when the lock file changed: a reinstall takes a minute on two cores.
if [[ ! -f $POUCH/node_modules/.package-lock.json || $POUCH/package-lock.json -nt $POUCH/node_modules/.package-lock.json ]]; then
  (cd "$POUCH" && npm ci --no-audit --no-fund)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/onsite-sync-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

status=0
say "onsite-hq and raw SQLite: $RECORDS records"
"$BUILD_DIR/bench/onsite-sync-bench" --hq "$BUILD_DIR/server/onsite-hq" --fixtures "$FIXTURES" \
  --work "$WORK/onsite" --records "$RECORDS" --export-docs "$WORK/docs.ndjson" --json "$WORK/onsite.json" || status=1

say "onsite-hq without gzip (answers and push bodies plain): $RECORDS records"
"$BUILD_DIR/bench/onsite-sync-bench" --hq "$BUILD_DIR/server/onsite-hq" --fixtures "$FIXTURES" \
  --work "$WORK/onsite-plain" --records "$RECORDS" --gzip off --json "$WORK/onsite-plain.json" || status=1

if [[ -f $WORK/docs.ndjson ]]; then
  say "PouchDB: $RECORDS documents"
  mkdir -p "$WORK/pouchdb"
  node "$POUCH/replicate.js" --docs "$WORK/docs.ndjson" --records "$RECORDS" --work "$WORK/pouchdb" \
    --json "$WORK/pouchdb.json" || status=1
else
  say "no documents exported, PouchDB skipped"
  status=1
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
SQLITE_VERSION=$(grep -m1 'define SQLITE_VERSION ' /usr/include/sqlite3.h 2>/dev/null | awk '{print $3}' | tr -d '"')
QT_VERSION=$(pkg-config --modversion Qt6Core 2>/dev/null || true)
CXX_VERSION=$("$(grep -m1 '^CMAKE_CXX_COMPILER:' "$BUILD_DIR/CMakeCache.txt" | cut -d= -f2)" --version | head -1)
node "$ROOT/bench/write-report.js" --onsite "$WORK/onsite.json" --plain "$WORK/onsite-plain.json" \
  --pouchdb "$WORK/pouchdb.json" --out "$REPORT" \
  --cpu "${CPU:-unknown}" --nproc "$(nproc)" --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" \
  --date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  --versions "onsite-hq $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?') (Release, $CXX_VERSION), Qt ${QT_VERSION:-?}, SQLite ${SQLITE_VERSION:-?}"

say "wrote $REPORT"
[[ $status -eq 0 ]] || say "a part of the run reported problems: see the top of $REPORT"
exit $status
