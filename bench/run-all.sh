#!/usr/bin/env bash
# Every benchmark in one run, then docs/BENCHMARKS.md rewritten from their JSON
# (issue 12, point 8). Each part writes its JSON and a meta.json (time, load average
# before and after, sizes, commit, build) into RESULTS/<part>; bench/write-report.js
# renders the file from the folder.
#
#   bench/run-all.sh                    # full size: hours (see docs/BENCHMARKS.md, "The run")
#   QUICK=1 bench/run-all.sh            # smoke sizes: minutes; checks the machinery, not the goals
#   ONLY=sync,load bench/run-all.sh     # some parts; the others keep their earlier JSON (marked as such)
#   QUICK=1 OUT=/tmp/b.md RESULTS=/tmp/r bench/run-all.sh   # leaves docs/BENCHMARKS.md alone
#
# Parts: sync (also gives "Push apply"), load, photos, results, import, atrest, app.
# Environment: QUICK (0), ONLY (every part), OUT (docs/BENCHMARKS.md), RESULTS
# ($BUILD_DIR/bench-results), BUILD_DIR (build-bench), BUILD_TYPE (RelWithDebInfo), JOBS (2),
# SKIP_BUILD (0: configure when new, then build the parts' targets), FIXTURES
# (../shared/fixtures/campaign-2026h1). Sizes, full / QUICK: RECORDS 100000 / 2000;
# DEVICES 1000 / 10, THINK 10 / 1; PHOTOS 500 / 6, SIZE_KIB 3072 / 512, CUT_EVERY_KB
# 20000 / 1000, PHOTO_ROUNDS 1; RESULTS_UNITS "100 1000" / "10 20", RESULTS_ITEMS 200 / 50,
# RESULTS_RATERS 10 / 5, RESULTS_ROUNDS 2 / 1; IMPORT_UNITS 1000 / 10 (× RESULTS_ITEMS ×
# RESULTS_RATERS lines); ATREST_WRITES 10000 / 200, ATREST_LOADS 2000 / 100, ATREST_ROUNDS
# 3 / 1; APP_UNITS 2000 / 50, APP_SITES_PER_UNIT 10, APP_SCORES 200000 / 1000, APP_RUNS
# 10 / 2, APP_FILTER_ROUNDS 200 / 5, APP_LOAD_ROUNDS 5 / 2.
# Passed through to the parts' scripts as set: CROWD (run-load-bench.sh), WORK (photos).
# Exit status: 0 when every part ran without a problem, 1 otherwise (the file is written
# either way, each section saying how its part ended); 2 on a bad setting.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUICK=${QUICK:-0}
ALL_PARTS="sync load photos results import atrest app"
ONLY=${ONLY:-$ALL_PARTS}
ONLY=${ONLY//,/ }
OUT=${OUT:-$ROOT/docs/BENCHMARKS.md}
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
JOBS=${JOBS:-2}
SKIP_BUILD=${SKIP_BUILD:-0}
RESULTS=${RESULTS:-$BUILD_DIR/bench-results}
FIXTURES=${FIXTURES:-$ROOT/../shared/fixtures/campaign-2026h1}

size() { # size NAME FULL QUICK: the environment's value, else the mode's
  local name=$1
  [[ -n ${!name:-} ]] || printf -v "$name" '%s' "$([[ $QUICK == 1 ]] && echo "$3" || echo "$2")"
  export "${name?}"
}
size RECORDS 100000 2000
size DEVICES 1000 10
size THINK 10 1
size PHOTOS 500 6
size SIZE_KIB 3072 512
size CUT_EVERY_KB 20000 1000
size PHOTO_ROUNDS 1 1
size RESULTS_UNITS "100 1000" "10 20"
size RESULTS_ITEMS 200 50
size RESULTS_RATERS 10 5
size RESULTS_ROUNDS 2 1
size IMPORT_UNITS 1000 10
size ATREST_WRITES 10000 200
size ATREST_LOADS 2000 100
size ATREST_ROUNDS 3 1
size APP_UNITS 2000 50
size APP_SITES_PER_UNIT 10 10
size APP_SCORES 200000 1000
size APP_RUNS 10 2
size APP_FILTER_ROUNDS 200 5
size APP_LOAD_ROUNDS 5 2

say() { printf 'run-all: %s\n' "$*" >&2; }
now() { date -u '+%Y-%m-%d %H:%M:%S UTC'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "${s//$'\n'/ }"; }

for part in $ONLY; do
  [[ " $ALL_PARTS " == *" $part "* ]] || { say "unknown part '$part' (parts: $ALL_PARTS)"; exit 2; }
done
[[ -f $FIXTURES/scores-paper.csv ]] || { say "no sample campaign at $FIXTURES (set FIXTURES)"; exit 2; }
command -v node >/dev/null || { say "node is needed to write the report"; exit 2; }

declare -A TARGETS=(
  [sync]="onsite-hq onsite-sync-bench" [load]="onsite-hq onsite-load-bench" [photos]="onsite-hq onsite-photo-bench"
  [results]="onsite-results-bench" [import]="onsite-hq onsite-import-bench" [atrest]="onsite-atrest-bench"
  [app]="onsite onsite-hq onsite-field onsite-app-bench onsite-bench-minimal-qml"
)
if [[ $SKIP_BUILD != 1 ]]; then
  if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
    say "configuring $BUILD_TYPE in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DONSITE_BUILD_TESTS=OFF \
      -DONSITE_BUILD_WEB=OFF -DONSITE_BUILD_APP=ON -DONSITE_BUILD_SERVER=ON -DONSITE_BUILD_BENCH=ON >/dev/null || exit 1
  fi
  targets=$(for part in $ONLY; do echo "${TARGETS[$part]}"; done | tr ' ' '\n' | sort -u | tr '\n' ' ')
  say "building $targets"
  # shellcheck disable=SC2086
  cmake --build "$BUILD_DIR" -j"$JOBS" --target $targets || { say "the build failed"; exit 1; }
fi
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null || echo "$BUILD_TYPE")
BIN=$BUILD_DIR/bench
HQ=$BUILD_DIR/server/onsite-hq
export BUILD_DIR SKIP_BUILD=1 FIXTURES JOBS

COMMIT=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?')
RUN_ID=$(date -u '+%Y%m%dT%H%M%SZ')-$$
STARTED=$(now)
RUN_LOAD_BEFORE=$(loadavg)
write_run() { # the machine and the build, once per run
  local cxx
  cxx=$("$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")" --version 2>/dev/null | head -1)
  cat >"$RESULTS/run.json" <<EOF
{
  "run_id": "$RUN_ID", "started": "$STARTED", "finished": ${1:-null}, "quick": $([[ $QUICK == 1 ]] && echo true || echo false),
  "only": $(json_str "$ONLY"), "commit": $(json_str "$COMMIT"), "build_type": $(json_str "$BUILD_TYPE"),
  "compiler": $(json_str "$cxx"), "cpu": $(json_str "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"),
  "nproc": $(nproc), "load_before": "$RUN_LOAD_BEFORE", "load_after": ${2:-null},
  "qt": $(json_str "$(pkg-config --modversion Qt6Core 2>/dev/null || echo '?')"),
  "sqlite": $(json_str "$(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' /usr/include/sqlite3.h 2>/dev/null)"),
  "node": $(json_str "$(node --version)"), "postgres": $(json_str "$(psql --version 2>/dev/null | awk '{print $3}')")
}
EOF
}
mkdir -p "$RESULTS"
write_run

# A part runs in RESULTS/<part>.new, which replaces RESULTS/<part> when it ends (failed
# or not: its meta.json says how it ended).
run_part() { # run_part NAME SIZES COMMAND...
  local part=$1 sizes=$2 dir=$RESULTS/$1.new started before status
  shift 2
  rm -rf "$dir" && mkdir -p "$dir"
  started=$(now) before=$(loadavg)
  say "$part: started at $started, load $before ($sizes)"
  PART_DIR=$dir "$@" >"$dir/$part.log" 2>&1
  status=$?
  local sizes_json
  sizes_json=$(for kv in $sizes; do printf '%s: %s, ' "$(json_str "${kv%%=*}")" "$(json_str "${kv#*=}")"; done)
  cat >"$dir/meta.json" <<EOF
{
  "part": "$part", "run_id": "$RUN_ID", "started": "$started", "finished": "$(now)",
  "load_before": "$before", "load_after": "$(loadavg)", "status": $status, "quick": $([[ $QUICK == 1 ]] && echo true || echo false),
  "commit": $(json_str "$COMMIT"), "build_type": $(json_str "$BUILD_TYPE"), "nproc": $(nproc),
  "sizes": {${sizes_json%, }}
}
EOF
  rm -rf "${RESULTS:?}/$part" && mv "$dir" "$RESULTS/$part"
  say "$part: exit status $status at $(now), load $(loadavg); log: $RESULTS/$part/$part.log"
  [[ $status -eq 0 ]] || FAILED+=" $part"
}

part_sync() {
  RECORDS=$RECORDS JSON_DIR=$PART_DIR "$ROOT/bench/run-sync-bench.sh"
}
part_load() {
  DEVICES=$DEVICES THINK=$THINK OUT=$PART_DIR "$ROOT/bench/run-load-bench.sh"
}
part_photos() {
  PHOTOS=$PHOTOS SIZE_KIB=$SIZE_KIB CUT_EVERY_KB=$CUT_EVERY_KB ROUNDS=$PHOTO_ROUNDS JSON_DIR=$PART_DIR \
    "$ROOT/bench/run-photo-bench.sh"
}
part_results() { # the smaller and the larger campaign: growth shows between them
  local units names=(small large) i=0 status=0
  for units in $RESULTS_UNITS; do
    [[ $i -lt 2 ]] || break
    # The generated database is kept in /tmp and reused by the next run of the same size.
    "$BIN/onsite-results-bench" --units "$units" --items "$RESULTS_ITEMS" --raters "$RESULTS_RATERS" \
      --rounds "$RESULTS_ROUNDS" --json "$PART_DIR/${names[$i]}.json" || status=1
    i=$((i + 1))
  done
  return $status
}
part_import() {
  local work
  work=$(mktemp -d "${TMPDIR:-/tmp}/onsite-import-bench.XXXXXX")
  "$BIN/onsite-import-bench" --hq "$HQ" --units "$IMPORT_UNITS" --items "$RESULTS_ITEMS" --raters "$RESULTS_RATERS" \
    --work "$work" --json "$PART_DIR/import.json"
  local status=$?
  rm -rf "$work"
  return $status
}
part_atrest() {
  "$BIN/onsite-atrest-bench" --writes "$ATREST_WRITES" --loads "$ATREST_LOADS" --rounds "$ATREST_ROUNDS" \
    --json "$PART_DIR/atrest.json"
}
part_app() {
  UNITS=$APP_UNITS SITES_PER_UNIT=$APP_SITES_PER_UNIT SCORES=$APP_SCORES RUNS=$APP_RUNS FILTER_ROUNDS=$APP_FILTER_ROUNDS \
    LOAD_ROUNDS=$APP_LOAD_ROUNDS JSON_DIR=$PART_DIR "$ROOT/bench/run-app-bench.sh"
}

FAILED=
for part in $ALL_PARTS; do
  [[ " $ONLY " == *" $part "* ]] || continue
  case $part in
    sync) run_part sync "RECORDS=$RECORDS" part_sync ;;
    load) run_part load "DEVICES=$DEVICES THINK=$THINK${CROWD:+ CROWD=$CROWD}" part_load ;;
    photos) run_part photos "PHOTOS=$PHOTOS SIZE_KIB=$SIZE_KIB CUT_EVERY_KB=$CUT_EVERY_KB PHOTO_ROUNDS=$PHOTO_ROUNDS" part_photos ;;
    results) run_part results "RESULTS_UNITS=${RESULTS_UNITS// /,} RESULTS_ITEMS=$RESULTS_ITEMS RESULTS_RATERS=$RESULTS_RATERS RESULTS_ROUNDS=$RESULTS_ROUNDS" part_results ;;
    import) run_part import "IMPORT_UNITS=$IMPORT_UNITS RESULTS_ITEMS=$RESULTS_ITEMS RESULTS_RATERS=$RESULTS_RATERS" part_import ;;
    atrest) run_part atrest "ATREST_WRITES=$ATREST_WRITES ATREST_LOADS=$ATREST_LOADS ATREST_ROUNDS=$ATREST_ROUNDS" part_atrest ;;
    app) run_part app "APP_UNITS=$APP_UNITS APP_SITES_PER_UNIT=$APP_SITES_PER_UNIT APP_SCORES=$APP_SCORES APP_RUNS=$APP_RUNS APP_FILTER_ROUNDS=$APP_FILTER_ROUNDS APP_LOAD_ROUNDS=$APP_LOAD_ROUNDS" part_app ;;
  esac
done
write_run "\"$(now)\"" "\"$(loadavg)\""

node "$ROOT/bench/write-report.js" --results "$RESULTS" --out "$OUT" || { say "the report could not be written"; exit 1; }
say "wrote $OUT from $RESULTS"
if [[ -n $FAILED ]]; then
  say "parts with problems:$FAILED (their logs are in $RESULTS/<part>/)"
  exit 1
fi
