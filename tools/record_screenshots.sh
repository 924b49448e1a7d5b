#!/usr/bin/env bash
# Screenshots for issue #16, in Ukrainian and French, for docs/:
#  - the banner when two feeds disagree: tools/demo_feed.py serves siren.pp.ua (alert) and alerts.in.ua (alert for
#    15 s, then clear) on 127.0.0.1; alerts.in.ua's token comes from a file-backed keyring (tests/file_keyring.py);
#    after two polls of each at 10 s the banner names them (about 35 s);
#  - the Alert history tab with 30 days of made-up alerts (tools/seed_history.py), its chart and its summary.
# Needs what tools/screenshot.sh needs.  HISTORY_TAB_UK=x,y HISTORY_TAB_FR=x,y: where the tab is on screen.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$((20000 + RANDOM % 20000))
.venv/bin/python tools/demo_feed.py --port "$port" --state active --ain-clears-after 15 >/dev/null 2>&1 &
feed=$!
trap 'kill $feed 2>/dev/null || true' EXIT
sleep 1

disagreeing_home() {
  local home
  home=$(mktemp -d -t shelterapp-home-XXXX)
  cat > "$home/config.toml" <<EOF
[sources.siren_pp_ua]
url = "http://127.0.0.1:$port/api/v3"
interval_s = 10
[sources.alerts_in_ua]
url = "http://127.0.0.1:$port"
enabled = true
interval_s = 10
[sources.ubilling]
enabled = false
[sources.us_embassy]
enabled = false
[sources.fcdo]
enabled = false
[sources.state_dept]
enabled = false
[sources.canada]
enabled = false
[map]
tile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"
[alerts]
fullscreen = false  # the shot is of the banner, which the red full-screen alert would cover
sound = false
EOF
  echo '{"alerts_in_ua": "a-demo-token"}' > "$home/keyring.json"
  echo "$home"
}

for lang in uk fr; do
  home=$(disagreeing_home)
  # a click on the notification popup closes it, so the banner shows whole
  SHELTERAPP_HOME=$home SHELTERAPP_TEST_KEYRING=$home/keyring.json PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring \
    PYTHONPATH=tests WAIT=${DISAGREE_WAIT:-40} CLICK="1100,100" \
    tools/screenshot.sh "docs/screenshot-disagreement-$lang.png" --lang "$lang"
done

for lang in uk fr; do
  home=$(.venv/bin/python tools/private_home.py)
  .venv/bin/python tools/seed_history.py "$home" >/dev/null
  tab_var="HISTORY_TAB_${lang^^}"
  default_tab=$([ "$lang" = uk ] && echo "355,157" || echo "287,157")
  SHELTERAPP_HOME=$home CLICK="${!tab_var:-$default_tab}" tools/screenshot.sh "docs/screenshot-history-chart-$lang.png" \
    --lang "$lang"
done
