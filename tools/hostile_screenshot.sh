#!/usr/bin/env bash
# docs/screenshot-hostile-name.png: the details pane of a shelter named `<b>Bold</b> <img src="x.png">` (an
# address and a saved location with markup too), which must read literally, not bold and without a picture.
# Needs what tools/screenshot.sh needs; map tiles from a local tile server, nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot-hostile-name.png}
ports=$(mktemp)
.venv/bin/python tools/tile_server.py --port 0 >"$ports" 2>/dev/null &
server=$!
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$ports" "$work"' EXIT
for _ in $(seq 1 50); do [ -s "$ports" ] && break; sleep 0.1; done
port=$(head -1 "$ports" | grep -o '[0-9]\+' | tail -1)

home=$(.venv/bin/python tools/private_home.py)
sed -i "s|^tile_url = .*|tile_url = \"http://127.0.0.1:$port/{z}/{x}/{y}.png\"|" "$home/config.toml"
cat >"$work/hostile.json" <<'JSON'
{"elements": [{"type": "node", "id": 1, "lat": 50.4502, "lon": 30.5236,
  "tags": {"amenity": "shelter", "shelter_type": "basement", "name": "<b>Bold</b> <img src=\"x.png\">",
           "addr:full": "<i>вул. Хрещатик</i>, 22 & <img src=\"/dev/zero\">", "opening_hours": "24/7"}}]}
JSON
SHELTERAPP_HOME=$home .venv/bin/shelterapp-cli import "$work/hostile.json" >/dev/null
printf '{"version": 1, "location": {"lat": 50.4501, "lon": 30.5234, "label": "<u>Home</u> <img src=\\"x.png\\">"}}\n' \
  >"$home/settings.json"
SHELTERAPP_HOME=$home WAIT=3 tools/screenshot.sh "$out" --lang en >/dev/null 2>&1
echo "$out"
