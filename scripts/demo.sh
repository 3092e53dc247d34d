#!/usr/bin/env bash
# The main job: build; a fresh HQ data folder loaded with the sample campaign and its
# paper scores; the ranking; demo passwords; the HQ service on 127.0.0.1:8080; and the
# tablet app at sign-in. Without a display the HQ keeps serving until Ctrl-C.
#   ONSITE_DEMO_PORT=8080   port of the local HQ
#   ONSITE_DEMO_NO_SERVE=1  stop after printing the ranking (used by scripts and CI)
set -euo pipefail
cd "$(dirname "$0")/.."

hq=build/server/onsite-hq
app=build/qml/onsite
fixtures=${ONSITE_SAMPLE:-../shared/fixtures/campaign-2026h1}
data=${ONSITE_DEMO_DATA:-build/demo-hq}
device=build/demo-device
port=${ONSITE_DEMO_PORT:-8080}

echo "== build"
cmake --preset default >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)"
echo

rm -rf "$data" "$device"
"$hq" init --data "$data"
"$hq" import-campaign "$fixtures" --data "$data"
"$hq" import-scores "$fixtures/scores-paper.csv" --data "$data"
echo
"$hq" results --data "$data" --format table

[ "${ONSITE_DEMO_NO_SERVE:-}" = "1" ] && exit 0

echo
echo "== demo accounts (password = account + '-demo')"
printf '  %-12s %s\n' g1.zhang "张海燕，第一检查组 检查组员（评 DC、BH、SM）" \
                      g1.li    "李建国，第一检查组 检查组长（可核定、提交）" \
                      g3.hu    "胡斌，第三检查组 检查组员（来自 XC：XC 显示为回避）" \
                      dc.liaison "DC 联络员（只看本单位问题）" \
                      kpb.admin  "考评办（全部）"
for account in g1.zhang g1.li g3.hu dc.liaison kpb.admin; do
  echo "${account}-demo" | "$hq" set-password "$account" --data "$data" >/dev/null
done

echo
if [ -f build/share/onsite-hq/web/index.html ]; then
  echo "== HQ console (考评办控制台): open http://127.0.0.1:$port/ in a browser, sign in as kpb.admin / kpb.admin-demo"
  echo "   (a group leader: g1.li / g1.li-demo sees the first group's units, read only)"
else
  echo "== HQ console not built (needs Node.js and npm; see README)"
fi
"$hq" serve --data "$data" --listen "127.0.0.1:$port" &
hq_pid=$!
trap 'kill "$hq_pid" 2>/dev/null || true' EXIT
sleep 1
echo
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "== opening the app: server http://127.0.0.1:$port, sign in as g1.zhang / g1.zhang-demo"
  "$app" --server "http://127.0.0.1:$port" --data "$device"
else
  echo "== no display: open the app elsewhere with"
  echo "   $app --server http://127.0.0.1:$port --data $device"
  echo "   and sign in as g1.zhang / g1.zhang-demo. HQ keeps serving; Ctrl-C stops it."
  wait "$hq_pid"
fi
