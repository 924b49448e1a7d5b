#!/usr/bin/env bash
# Real screenshots of the full-screen alert on two X screens (Ukrainian and French) and of the drill report,
# for docs/. The app itself runs under Xvfb with two X screens (1280x800 and 1024x768) and an openbox on each,
# against tools/demo_feed.py on 127.0.0.1: in the alert state for the full screen (the alert starts at the
# app's first poll), quiet for the drill (a drill does not start during an alert), with dunst on a private
# session bus and trayer for the drill's notifications and tray links. No sound server: the report says so.
# Usage: tools/alert_screenshots.sh [OUT_DIR]   (default docs/)
# Needs: xvfb openbox x11-utils xdotool imagemagick dbus-daemon dunst trayer (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs}
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

start_x() {  # two X screens and a window manager on each; prints the display
  local number
  for _ in $(seq 1 30); do
    number=$((300 + RANDOM % 200))
    [ -e "/tmp/.X${number}-lock" ] || break
  done
  Xvfb ":$number" -noreset -nolisten tcp -screen 0 1280x800x24 -screen 1 1024x768x24 >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do xprop -display ":$number" -root >/dev/null 2>&1 && break; sleep 0.2; done
  DISPLAY=":$number.0" openbox --sm-disable >/dev/null 2>&1 &
  pids+=($!)
  DISPLAY=":$number.1" openbox --sm-disable >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
  display=":$number"
}

start_feed() {  # $1: active|quiet; sets feed_url
  local port=$((20000 + RANDOM % 20000))
  .venv/bin/python tools/demo_feed.py --port "$port" --state "$1" >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
  feed_url="http://127.0.0.1:$port/api/v3"
}

fullscreen_shot() {  # $1: language
  local lang=$1 home
  start_x
  start_feed active
  home=$(.venv/bin/python tools/private_home.py "$feed_url")
  DISPLAY=$display SHELTERAPP_HOME=$home QT_QPA_PLATFORM=xcb DBUS_SESSION_BUS_ADDRESS=disabled: \
    .venv/bin/shelterapp --lang "$lang" >/dev/null 2>&1 &
  pids+=($!)
  sleep "${WAIT:-10}"
  import -display "$display.0" -window root "/tmp/alert-$lang-0.png"
  import -display "$display.1" -window root "/tmp/alert-$lang-1.png"
  # both screens side by side, as they stand on a desk
  convert "/tmp/alert-$lang-0.png" -size 24x800 xc:"#303030" "/tmp/alert-$lang-1.png" -background "#303030" \
    -gravity north +append "$out/screenshot-fullscreen-$lang.png"
  echo "screenshot: $out/screenshot-fullscreen-$lang.png"
  cleanup
  pids=()
}

drill_shot() {
  local home
  start_x
  start_feed quiet
  home=$(.venv/bin/python tools/private_home.py "$feed_url")
  eval "$(dbus-launch --sh-syntax)"  # a private session bus: the drill's notification goes to this dunst only
  pids+=("$DBUS_SESSION_BUS_PID")
  DISPLAY=$display.0 dunst >/dev/null 2>&1 &
  pids+=($!)
  DISPLAY=$display.0 trayer --edge bottom --align right --widthtype pixel --width 120 --height 28 \
    --transparent false >/dev/null 2>&1 &
  pids+=($!)
  sleep 1.5
  DISPLAY=$display SHELTERAPP_HOME=$home QT_QPA_PLATFORM=xcb .venv/bin/shelterapp --lang uk >/dev/null 2>&1 &
  pids+=($!)
  sleep "${WAIT:-10}"
  # Help (Довідка) -> Run a drill (Провести навчання), where they are in the Ukrainian window
  local help=${HELP_MENU:-192,28} item=${DRILL_ITEM:-230,52}
  DISPLAY=$display.0 xdotool mousemove "${help%,*}" "${help#*,}" click 1
  sleep 0.7
  DISPLAY=$display.0 xdotool mousemove "${item%,*}" "${item#*,}" click 1
  sleep "${DRILL_WAIT:-16}"  # the drill's full screen closes itself after 8 s; the report is under it
  DISPLAY=$display.0 dunstctl close-all >/dev/null 2>&1 || true
  sleep 0.5
  import -display "$display.0" -window root "$out/screenshot-drill-uk.png"
  echo "screenshot: $out/screenshot-drill-uk.png"
  cleanup
  pids=()
}

[ -n "${ONLY_DRILL:-}" ] || fullscreen_shot uk
[ -n "${ONLY_DRILL:-}" ] || fullscreen_shot fr
drill_shot
