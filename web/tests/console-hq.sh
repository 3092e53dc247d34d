# Sourced by tests/run-e2e.sh and scripts/screenshots: a temporary HQ data folder with
# the sample campaign, its paper scores, console passwords and (when onsite-field is
# given) a few field records with photos, served by a real onsite-hq on a free port.
#
# Needs: ONSITE_HQ (onsite-hq), ONSITE_WEB_ROOT (built bundle), ONSITE_WEB_APP (the web
# project with node_modules), ONSITE_SAMPLE_CAMPAIGN_DIR; optional ONSITE_FIELD.
# Sets: console_work, console_url, console_pid. Passwords: "<account>-console".

console_accounts=(kpb.admin kpb.wang g1.li g2.yang g3.xu g1.zhang dc.liaison)

console_start() {
  local hq=${ONSITE_HQ:?ONSITE_HQ names the onsite-hq binary}
  local fixtures=${ONSITE_SAMPLE_CAMPAIGN_DIR:?ONSITE_SAMPLE_CAMPAIGN_DIR names the sample campaign}
  local web_root=${ONSITE_WEB_ROOT:?ONSITE_WEB_ROOT names the built console}
  [ -f "$web_root/index.html" ] || { echo "console: $web_root/index.html is missing; build the onsite_web target" >&2; return 1; }
  console_work=$(mktemp -d)
  local data="$console_work/hq"
  "$hq" init --data "$data" >/dev/null
  "$hq" import-campaign "$fixtures" --data "$data" >/dev/null
  "$hq" import-scores "$fixtures/scores-paper.csv" --data "$data" >/dev/null
  local account
  for account in "${console_accounts[@]}"; do
    echo "${account}-console" | "$hq" set-password "$account" --data "$data" >/dev/null
  done
  "$hq" serve --data "$data" --listen 127.0.0.1:0 --web-root "$web_root" > "$console_work/serve.log" 2>&1 &
  console_pid=$!
  local _
  for _ in $(seq 100); do grep -q listening "$console_work/serve.log" && break; sleep 0.1; done
  console_url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$console_work/serve.log" | head -n1)
  console_url=${console_url%/}
  if [ -z "$console_url" ]; then
    echo "console: onsite-hq did not start:" >&2
    cat "$console_work/serve.log" >&2
    return 1
  fi
  if [ -n "${ONSITE_FIELD:-}" ]; then console_seed_field "$data"; fi
}

# Two tablets record evidence for DC and the group leader gives a final value; synced.
console_seed_field() {
  local field=$ONSITE_FIELD zhang="$console_work/zhang" li="$console_work/li" photos="$console_work/photos"
  (cd "${ONSITE_WEB_APP:?}" && node tests/make-photos.mjs "$photos")
  "$field" login --server "$console_url" --user g1.zhang --password g1.zhang-console --data "$zhang" >/dev/null
  local visit photo1 photo2
  visit=$("$field" visit DC-01 --notes '座谈支部书记和两名党员，党员活动室正常开放' --data "$zhang" | sed -n 's/.*记录编号 \([^，。（ ]*\).*/\1/p')
  photo1=$("$field" photo "$photos/site-hall.jpg" --unit DC --indicator 2.1 --visit "$visit" --data "$zhang" | sed -n 's/.*编号 \([^，。（ ]*\).*/\1/p')
  photo2=$("$field" photo "$photos/ledger.jpg" --unit DC --indicator 2.2 --visit "$visit" --data "$zhang" | sed -n 's/.*编号 \([^，。（ ]*\).*/\1/p')
  "$field" photo "$photos/board.jpg" --unit DC --indicator 5.2 --visit "$visit" --data "$zhang" >/dev/null
  "$field" finding --unit DC --site DC-01 --indicator 2.2 --kind 问题 --photo "$photo2" \
    --description '党员参学率台账未按月统计' --suggestion '建立按月统计的参学台账，支部书记每月签字' --data "$zhang" >/dev/null
  "$field" finding --unit DC --site DC-01 --indicator 5.2 --kind 短板 \
    --description '党员活动室开放时间未公示' --suggestion '在门口公示开放时间和联系人' --data "$zhang" >/dev/null
  "$field" highlight --unit DC --site DC-01 --title '“红色管家”进小区' \
    --description '社区党支部牵头组建红色物业服务队，群众满意度明显提升' --data "$zhang" >/dev/null
  "$field" sync --data "$zhang" >/dev/null
  [ -n "$photo1" ] || { echo "console: could not read the photo id from onsite-field" >&2; return 1; }
  "$field" login --server "$console_url" --user g1.li --password g1.li-console --data "$li" >/dev/null
  "$field" visit DC-03 --notes '抽查近半年任免干部档案 6 卷' --data "$li" >/dev/null
  "$field" score DC 1.2 4.5 --final --reason '核实干部统计报表后核定' --data "$li" >/dev/null
  "$field" finding --unit SM --indicator 1.3 --kind 弱项 \
    --description '巡视反馈问题整改台账更新不及时' --suggestion '明确专人每周更新整改台账' --data "$li" >/dev/null
  "$field" sync --data "$li" >/dev/null
}

console_stop() {
  if [ -n "${console_pid:-}" ]; then
    kill "$console_pid" 2>/dev/null || true
    wait "$console_pid" 2>/dev/null || true
  fi
  [ -n "${console_work:-}" ] && rm -rf "$console_work"
}
