#!/usr/bin/env bash
# Renders each console page at 1440x900 and 390x844 into OUT_DIR/web-<page>-<w>x<h>.png,
# against a real onsite-hq with the sample campaign and a few field records.
#   web/tests/screenshots.sh [OUT_DIR]     (called by scripts/screenshots; needs build/)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${ONSITE_BUILD_DIR:-build}
out=$(realpath -m "${1:-docs/screenshots}")
export ONSITE_HQ=$PWD/$build/server/onsite-hq
export ONSITE_FIELD=$PWD/$build/sync/onsite-field
export ONSITE_WEB_ROOT=$PWD/$build/share/onsite-hq/web
export ONSITE_WEB_APP=$PWD/$build/web/app
export ONSITE_SAMPLE_CAMPAIGN_DIR=${ONSITE_SAMPLE_CAMPAIGN_DIR:-$(realpath -m ../shared/fixtures/campaign-2026h1)}
for need in "$ONSITE_HQ" "$ONSITE_FIELD" "$ONSITE_WEB_ROOT/index.html" "$ONSITE_WEB_APP/node_modules/@playwright/test"; do
  [ -e "$need" ] || { echo "screenshots: $need is missing; build first (needs Node.js for the console)" >&2; exit 1; }
done
# shellcheck source=console-hq.sh
source web/tests/console-hq.sh
trap console_stop EXIT
console_start
mkdir -p "$out"
export ONSITE_CONSOLE_URL=$console_url ONSITE_SCREENSHOTS_DIR=$out ONSITE_SCREENSHOT_PUBLISH=1
export ONSITE_WEB_TEST_OUTPUT=$console_work/test-results
export ONSITE_WEB_PHOTOS=$console_work/photos
(cd "$ONSITE_WEB_APP" && node node_modules/@playwright/test/cli.js test tests/screenshots.spec.ts)
echo "screenshots: console pages written to $out"
