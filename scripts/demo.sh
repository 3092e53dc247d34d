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
# Only what the demo runs: HQ, the field client, the app and (with npm) the console;
# the test suites are built by scripts/test.sh.
targets=(onsite-hq onsite-field)
known=$(ninja -C build -t targets all 2>/dev/null || true)
for optional in onsite onsite_web; do
  grep -q "^$optional:" <<<"$known" && targets+=("$optional")
done
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}"
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
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done

# A tablet of the first group records two problems at DC and syncs; HQ releases DC's
# findings to its liaison as rectification items (整改台账).
field=build/sync/onsite-field
fielddata=build/demo-field
rm -rf "$fielddata"
"$field" login --server "http://127.0.0.1:$port" --user g1.zhang --password g1.zhang-demo --data "$fielddata" >/dev/null
"$field" finding --unit DC --site DC-01 --indicator 2.2 --kind 问题 \
  --description '党员参学率台账未按月统计' --suggestion '建立按月统计的参学台账，支部书记每月签字' --data "$fielddata" >/dev/null
"$field" finding --unit DC --site DC-01 --indicator 5.2 --kind 短板 \
  --description '党员活动室开放时间未公示' --suggestion '在门口公示开放时间和联系人' --data "$fielddata" >/dev/null
"$field" sync --data "$fielddata" >/dev/null
"$hq" release-findings DC --data "$data"
echo "== follow-up (整改): open http://127.0.0.1:$port/ on a phone-sized browser as dc.liaison / dc.liaison-demo"
echo "   to see DC's problems, fill in measures and report with a photo; kpb.admin closes them (销号)"
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
