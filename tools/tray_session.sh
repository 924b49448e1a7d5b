#!/usr/bin/env bash
# What a person with a tray sees during an alert: Xvfb + openbox + trayer (tray host) + dunst (notification
# daemon) on a private session bus, the app started hidden against a local demo feed in the alert state.
# Saves OUT.png with the tray menu open (time to shelter at its top) and prints what dunst showed.
# Usage: tools/tray_session.sh OUT.png [--lang uk|en|fr]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/tray_session.sh OUT.png [shelterapp args]}
shift
display=:$((80 + RANDOM % 9))
port=$((20000 + RANDOM % 20000))
home=$(.venv/bin/python tools/private_home.py "http://127.0.0.1:$port/api/v3" --no-alarm)
.venv/bin/python tools/demo_feed.py --port "$port" --state active >/dev/null 2>&1 &
feed=$!
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
eval "$(dbus-launch --sh-syntax)"  # a private session bus: our notifications go to this dunst only
trap 'kill $app $tray $dunst $wm $feed $xvfb $DBUS_SESSION_BUS_PID 2>/dev/null || true' EXIT
export DISPLAY=$display
openbox --sm-disable >/dev/null 2>&1 &
wm=$!
trayer --edge bottom --align right --widthtype pixel --width 120 --height 28 --transparent false >/dev/null 2>&1 &
tray=$!
dunst >/dev/null 2>&1 &
dunst=$!
sleep 1.5
SHELTERAPP_HOME=$home QT_QPA_PLATFORM=xcb .venv/bin/shelterapp --hidden "$@" >/dev/null 2>&1 &
app=$!
sleep "${WAIT:-8}"
dunstctl close-all || true
# right-click the tray icon (trayer sits at the bottom right) to open its menu
xdotool mousemove 1268 786 click 3
sleep 1
import -window root "$out"
echo "screenshot: $out"
echo "dunst history:"
dunstctl history | .venv/bin/python -c '
import json, sys
for n in json.load(sys.stdin)["data"][0]:
    print(" -", n["summary"]["data"], "|", n["body"]["data"].replace("\n", " / "))'
