#!/usr/bin/env bash
# The printed shelter plan's first page as PNG, for the README: docs/plan-uk.png and docs/plan-fr.png.
# Each comes from `shelterapp-cli plan --place NAME` on a private home (every feed off, no map tiles saved, so the
# map is the plain offline drawing) with the bundled metro list, rendered by pdftoppm (poppler-utils) at 100 dpi.
# Usage: tools/plan_screenshots.sh        (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftoppm >/dev/null || { echo "pdftoppm not found: install poppler-utils" >&2; exit 1; }
for lang in uk fr; do
  home=$(.venv/bin/python tools/private_home.py)
  name=$([ "$lang" = uk ] && echo "Дім" || echo "Bureau")
  # a saved place near Zoloti Vorota, as Settings → My places writes it
  printf '{"version": 1, "places": [{"lat": 50.4483, "lon": 30.5135, "label": "%s"}]}\n' "$name" >"$home/settings.json"
  SHELTERAPP_HOME=$home .venv/bin/shelterapp-cli plan --place "$name" --pdf "$home/plan.pdf" --lang "$lang"
  pdftoppm -png -r 100 -f 1 -singlefile "$home/plan.pdf" "docs/plan-$lang"
  echo "docs/plan-$lang.png: $(stat -c %s "docs/plan-$lang.png") bytes (PDF $(stat -c %s "$home/plan.pdf") bytes)"
  rm -rf "$home"
done
