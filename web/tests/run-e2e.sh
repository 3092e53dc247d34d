#!/usr/bin/env bash
# Browser tests of the HQ console (ctest: onsite_web_console): a real onsite-hq with the
# sample campaign on a free loopback port, Playwright driving Debian's chromium.
#   ONSITE_HQ, ONSITE_WEB_ROOT, ONSITE_WEB_APP, ONSITE_SAMPLE_CAMPAIGN_DIR, [ONSITE_FIELD]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=console-hq.sh
source "$here/console-hq.sh"
trap console_stop EXIT

console_start
# The engine's ranking, after the field records above, is what the console must show.
"$ONSITE_HQ" results --data "$console_work/hq" --format csv > "$console_work/results.csv"

export ONSITE_CONSOLE_URL=$console_url
export ONSITE_RESULTS_CSV=$console_work/results.csv
export ONSITE_WEB_TEST_OUTPUT=$console_work/test-results
export ONSITE_WEB_DOWNLOADS=${ONSITE_WEB_DOWNLOADS:-$console_work/downloads}
export ONSITE_SEEDED=$([ -n "${ONSITE_FIELD:-}" ] && echo 1 || echo 0)
export ONSITE_WEB_PHOTOS=$console_work/photos
cd "${ONSITE_WEB_APP:?}"
status=0
node node_modules/@playwright/test/cli.js test tests/console.spec.ts tests/followup.spec.ts tests/sha256.spec.ts tests/leader.spec.ts "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- onsite-hq log (last 40 lines)" >&2
  tail -n 40 "$console_work/serve.log" >&2
  # The page as Playwright last saw it, in the log (all CI keeps); the test results and
  # HQ's log outlive the temporary folder under ONSITE_WEB_FAILURES.
  while IFS= read -r -d '' context; do
    echo "--- $(basename "$(dirname "$context")")/error-context.md (first 120 lines)" >&2
    head -n 120 "$context" >&2
  done < <(find "$ONSITE_WEB_TEST_OUTPUT" -name error-context.md -print0 2>/dev/null)
  kept=${ONSITE_WEB_FAILURES:-$PWD/test-failures}/$(date -u +%Y%m%dT%H%M%S)
  mkdir -p "$kept" && cp -r "$ONSITE_WEB_TEST_OUTPUT" "$console_work/serve.log" "$kept"/ 2>/dev/null || true
  echo "--- failure artifacts kept in $kept" >&2
fi
exit "$status"
