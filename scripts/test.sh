#!/usr/bin/env bash
# Builds Onsite and runs the whole test suite with ctest.
# Assumes scripts/setup.sh has installed the packages.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset default >/dev/null
cmake --build build -j"$jobs"

export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
ctest --test-dir build --output-on-failure -j"$jobs" "$@"
