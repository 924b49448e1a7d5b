#!/usr/bin/env bash
# Screenshots of the Preparedness tab in Ukrainian and French, of the time-to-shelter strip during an
# alert (a local demo feed in the alert state) and of the high-contrast theme, for docs/.
# Needs what tools/screenshot.sh needs.
#   UK_TAB=x,y FR_TAB=x,y   where the Preparedness tab is on screen (its title differs per language)
set -euo pipefail
cd "$(dirname "$0")/.."
private_home() { .venv/bin/python tools/private_home.py "$@"; }  # feeds off, or siren.pp.ua only at $1
SHELTERAPP_HOME=$(private_home) CLICK="${UK_TAB:-150,157}" tools/screenshot.sh docs/screenshot-preparedness-uk.png --lang uk
SHELTERAPP_HOME=$(private_home) CLICK="${FR_TAB:-140,157}" tools/screenshot.sh docs/screenshot-preparedness-fr.png --lang fr

# During an alert: the demo feed serves the recorded "active" payload on 127.0.0.1.
port=$((20000 + RANDOM % 20000))
.venv/bin/python tools/demo_feed.py --port "$port" --state active >/dev/null 2>&1 &
feed=$!
trap 'kill $feed 2>/dev/null || true' EXIT
sleep 1
# a click on the notification popup (dunst) closes it, so the strip under the banner shows whole
SHELTERAPP_HOME=$(private_home "http://127.0.0.1:$port/api/v3" --no-alarm) WAIT=${ALERT_WAIT:-6} CLICK="1100,100" \
  tools/screenshot.sh docs/screenshot-timer-uk.png --lang uk
# The high-contrast theme during the same alert.
SHELTERAPP_HOME=$(private_home "http://127.0.0.1:$port/api/v3" --no-alarm) WAIT=${ALERT_WAIT:-6} CLICK="1100,100" \
  tools/screenshot.sh docs/screenshot-high-contrast.png --lang en --theme high_contrast
