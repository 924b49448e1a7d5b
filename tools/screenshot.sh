#!/usr/bin/env bash
# Real screenshots of shelterapp under Xvfb with a window manager (openbox), as a person sees it.
# Usage: tools/screenshot.sh OUT.png [--lang uk|en] [extra shelterapp args]
#   KEYS="alt+a" tools/screenshot.sh ...   presses keys (xdotool names) in the window before the shot
#   CLICK="215,202" ...                    clicks at these screen coordinates (e.g. a tab) before the shot;
#                                          several points, space-separated, click one after another
#   WAIT=4 ...                             seconds to let the app settle (default 2; feeds need longer)
# Needs: xvfb openbox imagemagick xdotool (Debian packages). Uses a private SHELTERAPP_HOME unless one is set.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/screenshot.sh OUT.png [shelterapp args]}
shift
display=:$((90 + RANDOM % 9))
home=${SHELTERAPP_HOME:-$(mktemp -d)}
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $wm $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display openbox --sm-disable >/dev/null 2>&1 &
wm=$!
sleep 0.5
DISPLAY=$display SHELTERAPP_HOME=$home QT_QPA_PLATFORM=xcb .venv/bin/shelterapp "$@" &
app=$!
for _ in $(seq 1 50); do
  if DISPLAY=$display xdotool search --name shelterapp >/dev/null 2>&1; then break; fi
  sleep 0.2
done
sleep "${WAIT:-2}"
for key in ${KEYS:-}; do
  DISPLAY=$display xdotool search --name shelterapp windowactivate --sync key "$key" >/dev/null 2>&1 || true
  sleep 0.5
done
for point in ${CLICK:-}; do  # several points, space-separated: e.g. a menu, then one of its items
  DISPLAY=$display xdotool mousemove "${point%,*}" "${point#*,}" click 1
  sleep 0.7
done
DISPLAY=$display import -window root "$out"
echo "screenshot: $out"
