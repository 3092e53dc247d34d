#!/usr/bin/env bash
# The long fault suite (R1/R2 in docs/RELIABILITY.md): 3 real onsite-field devices make
# EDITS edits each (default 300) in small syncs through a fault proxy that cuts,
# truncates and delays requests and answers, while onsite-hq is SIGKILLed KILLS times
# mid-sync (default 8) and each device's own sync is SIGKILLed now and then; then one
# device's local edits (`onsite-field score`, `finding`) are SIGKILLed LOCAL_KILLS times
# (default 300). The checker counts lost, duplicated and diverged changes (all must be
# 0). ctest runs the same tests at a smoke size (3 × 30 edits, 2 kills, 20 local kills).
#
#   scripts/fault-suite.sh [--build DIR] [--edits N] [--kills N] [--local-kills N] [--seed N] [--rounds N]
#                          [--backend sqlite|postgres|both]
#
# Builds onsite-hq, onsite-field and onsite_e2e_tests in DIR (default build-fault) first.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-fault
edits=300
kills=8
local_kills=300
seed=
rounds=1
backend=both
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --edits) edits=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --local-kills) local_kills=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --backend) backend=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "fault-suite: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target onsite-hq onsite-field onsite_e2e_tests

case "$backend" in
  sqlite) filter='Backends/FaultSuite*.*/Sqlite' ;;
  postgres) filter='Backends/FaultSuite*.*/Postgres' ;;
  both) filter='Backends/FaultSuite*.*' ;;
  *) echo "fault-suite: --backend sqlite, postgres or both" >&2; exit 2 ;;
esac
if [ "$backend" != sqlite ] && [ -z "${ONSITE_TEST_POSTGRES_URL:-}" ]; then
  if pg_line=$(bash scripts/start-postgres.sh | tail -n 1) && [[ "$pg_line" == ONSITE_TEST_POSTGRES_URL=* ]]; then
    export ONSITE_TEST_POSTGRES_URL="${pg_line#ONSITE_TEST_POSTGRES_URL=}"
  else
    echo "fault-suite: PostgreSQL not available; its run is skipped" >&2
  fi
fi

export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export ONSITE_FAULT_EDITS=$edits ONSITE_FAULT_HQ_KILLS=$kills ONSITE_FAULT_LOCAL_KILLS=$local_kills
status=0
for round in $(seq 1 "$rounds"); do
  if [ -n "$seed" ]; then export ONSITE_FAULT_SEED=$((seed + round - 1)); fi
  echo "fault-suite: round $round of $rounds: 3 devices × $edits edits through the fault proxy, $kills HQ kills;" \
    "$local_kills kills of local edits" >&2
  log=$(mktemp)
  if ! "$build/tests/onsite_e2e_tests" --gtest_filter="$filter" --gtest_color=no >"$log" 2>&1; then
    status=1
    cat "$log"
  else
    grep -E '^\[fault suite\]|^\[ +(OK|SKIPPED) +\]' "$log" || true
  fi
  rm -f "$log"
done
exit $status
