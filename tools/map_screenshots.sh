#!/usr/bin/env bash
# Screenshots of the map under Xvfb: docs/screenshot-map.png (local tile server, the city's 2022 KMZ when
# ../shared/data is present, else the bundled metro list) and docs/screenshot-map-offline.png (no tiles).
# Needs what tools/screenshot.sh needs. Never touches the internet: tiles come from tools/tile_server.py.
set -euo pipefail
cd "$(dirname "$0")/.."
kmz=../shared/data/shelters/kyiv_shelters_kmda_2022.kmz
ports=$(mktemp)
.venv/bin/python tools/tile_server.py --port 0 >"$ports" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$ports"' EXIT
for _ in $(seq 1 50); do [ -s "$ports" ] && break; sleep 0.1; done
port=$(head -1 "$ports" | grep -o '[0-9]\+' | tail -1)

online=$(mktemp -d)
printf '[map]\ntile_url = "http://127.0.0.1:%s/{z}/{x}/{y}.png"\n' "$port" >"$online/config.toml"
if [ -f "$kmz" ]; then SHELTERAPP_HOME=$online .venv/bin/shelterapp-cli import "$kmz" >/dev/null; fi
SHELTERAPP_HOME=$online WAIT=3 tools/screenshot.sh docs/screenshot-map.png --lang uk >/dev/null 2>&1

offline=$(mktemp -d)  # the default OpenStreetMap URL, unreachable here, and an empty tile cache
SHELTERAPP_HOME=$offline WAIT=3 tools/screenshot.sh docs/screenshot-map-offline.png --lang en >/dev/null 2>&1
echo "docs/screenshot-map.png docs/screenshot-map-offline.png"
