#!/usr/bin/env bash
# Builds Onsite and runs the whole test suite with ctest: unit suites, the real
# onsite-hq on loopback with SQLite and with PostgreSQL, and the field client.
# Assumes scripts/setup.sh has installed the packages.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset default >/dev/null
cmake --build build -j"$jobs"
# Without Node.js (20.19 or later) the console and its browser tests are left out of
# the build; CI must not pass without them.
if [ "${CI:-}" = "true" ] && [ ! -f build/share/onsite-hq/web/index.html ]; then
  echo "test: the HQ console was not built (Node.js 20.19 or later and npm are needed); CI needs it" >&2
  exit 1
fi

# The PostgreSQL end-to-end tests need a running server; start-postgres.sh starts the
# Debian cluster and prints the URL on its last line. In CI it must work.
if [ -z "${ONSITE_TEST_POSTGRES_URL:-}" ]; then
  if pg_line=$(bash scripts/start-postgres.sh | tail -n 1) && [[ "$pg_line" == ONSITE_TEST_POSTGRES_URL=* ]]; then
    export ONSITE_TEST_POSTGRES_URL="${pg_line#ONSITE_TEST_POSTGRES_URL=}"
  elif [ "${CI:-}" = "true" ]; then
    echo "test: PostgreSQL could not be started; CI needs it" >&2
    exit 1
  else
    echo "test: PostgreSQL not available; its tests will be skipped" >&2
  fi
fi

export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
ctest --test-dir build --output-on-failure -j"$jobs" "$@"
