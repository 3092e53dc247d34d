#!/usr/bin/env bash
# Long fuzz runs (docs/RELIABILITY.md §R3): builds the libFuzzer harnesses of tests/fuzz
# with clang, ASan and UBSan in their own build folder and runs each target for the
# given time over its seed corpus, then prints executions and findings per target.
#
#   scripts/fuzz.sh [seconds-per-target] [target ...]     (default 300 s, all targets)
#
# Environment: ONSITE_FUZZ_BUILD (build folder, default build-fuzz), ONSITE_FUZZ_JOBS
# (targets run at once, default 1). New inputs libFuzzer finds stay in
# <build>/runs/<target>/corpus, crashes in <build>/runs/<target>/crash-*; the repository's
# seeds (tests/fuzz/corpus) are only read. Exits 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-300}
shift || true
build=${ONSITE_FUZZ_BUILD:-build-fuzz}
jobs=${ONSITE_FUZZ_JOBS:-1}
all_targets=(csv campaign paperscore hlc push pull compactwire httptarget httprequest consolejson)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (apt-get install clang)" >&2; exit 2; }

# Everything is instrumented (coverage for libFuzzer, ASan, UBSan); only the harness
# executables link libFuzzer's main. Qt, Boost and SQLite from Debian are not.
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cmake -S . -B "$build" -G Ninja \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $sanitizers -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" \
  -DONSITE_FUZZ=ON -DONSITE_BUILD_APP=OFF -DONSITE_BUILD_WEB=OFF -DONSITE_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target "${targets[@]/#/onsite_fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

dictionary() {
  case $1 in
    csv | campaign | paperscore) echo tests/fuzz/dict/csv.dict ;;
    httptarget | httprequest) echo tests/fuzz/dict/http.dict ;;
    *) echo tests/fuzz/dict/json.dict ;;
  esac
}

run_target() {
  local target=$1 dir="$build/runs/$1"
  mkdir -p "$dir/corpus" "$dir/earlier"
  # Findings of an earlier run are kept aside, so the summary shows this run's only.
  find "$dir" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
    -exec mv {} "$dir/earlier/" \;
  # -timeout: one input taking 10 s is a finding (quadratic parsing, a loop).
  "$build/tests/fuzz/onsite_fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$(dictionary "$target")" -artifact_prefix="$dir/" \
    "$dir/corpus" "tests/fuzz/corpus/$target" \
    >"$dir/log" 2>&1 || true
}

running=0
for target in "${targets[@]}"; do
  echo "fuzz: $target for $seconds s"
  run_target "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

found=0
printf '%-12s %12s %8s %8s %6s  %s\n' target executions exec/s corpus cov findings
for target in "${targets[@]}"; do
  dir="$build/runs/$target"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  # No final stats after a crash: the last status line's count instead.
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$dir/log" | tail -1 | tr -d '#')
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
  corpus=$(find "$dir/corpus" -type f | wc -l)
  artifacts=$(find "$dir" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | sort)
  if [ -n "$artifacts" ]; then
    found=1
    printf '%-12s %12s %8s %8s %6s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "$corpus" "${cov:-?}" "$(echo $artifacts)"
    grep -m3 -E 'ERROR: |runtime error|fuzz invariant failed' "$dir/log" | sed 's/^/    /' || true
  else
    printf '%-12s %12s %8s %8s %6s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "$corpus" "${cov:-?}" none
  fi
done
exit "$found"
