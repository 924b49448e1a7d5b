#!/usr/bin/env bash
# Builds the PyInstaller one-folder bundle dist/shelterapp/ (shelterapp + shelterapp-cli sharing _internal/) from
# packaging/pyinstaller/shelterapp.spec, then smoke-tests it offline. Exits non-zero on any failure.
# Usage: packaging/build_bundle.sh        (from anywhere; uses .venv, creating it if missing)
# Needs: binutils (objdump) and the Qt runtime libraries of packaging/debian-packages.txt.
# Shelter lists: first downloads the city's layer and OpenStreetMap's list into build/bundled-lists/ (never into
# the repository) for the bundle to start on offline. SHELTERAPP_BUNDLE_LISTS=download (default: a list that
# cannot be had is left out, said loudly) | required (release builds: fail instead) | skip (metro list only);
# SHELTERAPP_BUNDLE_KYIV_OPENDATA_URL / SHELTERAPP_BUNDLE_OSM_URL point the step elsewhere (CI: a local stand-in,
# tools/shelter_list_server.py).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "build_bundle: FAILED: $*" >&2
  exit 1
}

python=.venv/bin/python
if [ ! -x "$python" ]; then
  python3 -m venv .venv
fi
if ! "$python" -c "import PyInstaller, shelterapp" 2>/dev/null; then
  echo "installing .[bundle] into .venv"
  "$python" -m pip install -q -e '.[bundle]'
fi
command -v objdump >/dev/null || fail "objdump not found: install binutils (packaging/debian-test-packages.txt)"
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' shelterapp/__init__.py)
[ -n "$version" ] || fail "cannot read __version__ from shelterapp/__init__.py"

echo "-- shelter lists (SHELTERAPP_BUNDLE_LISTS=${SHELTERAPP_BUNDLE_LISTS:-download})"
lists=$PWD/build/bundled-lists
"$python" -m shelterapp.shelter_updates.snapshot --out "$lists" || fail "the shelter lists' data step (see above)"
export SHELTERAPP_BUNDLE_LISTS_DIR=$lists

echo "-- pyinstaller $("$python" -m PyInstaller --version), shelterapp $version"
rm -rf build/pyinstaller dist/shelterapp
mkdir -p build
log=build/pyinstaller.log
start=$(date +%s.%N)
if ! "$python" -m PyInstaller --noconfirm --clean --log-level WARN --workpath build/pyinstaller --distpath dist \
  packaging/pyinstaller/shelterapp.spec >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  fail "pyinstaller (full log: $log)"
fi
build_s=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
bundle=dist/shelterapp
echo "-- built $bundle in ${build_s} s"

echo "-- contents"
internal=$bundle/_internal
for path in shelterapp shelterapp-cli \
  _internal/PySide6/Qt/plugins/platforms/libqxcb.so \
  _internal/PySide6/Qt/plugins/platforms/libqwayland.so \
  _internal/PySide6/Qt/plugins/platforms/libqoffscreen.so \
  _internal/PySide6/Qt/plugins/imageformats/libqsvg.so \
  _internal/PySide6/Qt/plugins/iconengines/libqsvgicon.so \
  _internal/PySide6/Qt/translations/qtbase_uk.qm \
  _internal/PySide6/Qt/translations/qtbase_fr.qm; do
  [ -e "$bundle/$path" ] || fail "$bundle/$path is missing"
done
# Every run-time resource (all of resources/ but the translation sources) where shelterapp/resources.py finds it.
while IFS= read -r file; do
  [ -f "$internal/shelterapp/_resources/${file#resources/}" ] || fail "$file is not in the bundle"
done < <(find resources -type f ! -name '*.ts' ! -name '*.tsv' ! -name '.*')
if find "$internal" -name 'libcups.so*' | grep -q .; then
  fail "libcups is in the bundle: the print dialog must use the host's (recipe.HOST_LIBRARIES)"
fi
if [ -f "$lists/manifest.json" ]; then
  for file in "$lists"/*; do
    [ -f "$internal/shelterapp/_resources/lists/$(basename "$file")" ] || fail "bundled list file $file is not in the bundle"
  done
fi

echo "-- --version"
out=$("$bundle/shelterapp" --version)
echo "$out"
[ "$out" = "shelterapp $version" ] || fail "shelterapp --version printed '$out', expected 'shelterapp $version'"
out=$("$bundle/shelterapp-cli" --version)
[ "$out" = "shelterapp $version" ] || fail "shelterapp-cli --version printed '$out', expected 'shelterapp $version'"

# An empty home whose config.toml turns every feed and shelter list off and points the map and the geocoder at a
# closed local port: the smoke start must not touch the internet. Where unshare works (root, Linux) the app also
# runs in a network namespace of its own with no interfaces up.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
"$python" - "$home/config.toml" <<'EOF'
import sys

from shelterapp.config import SOURCE_NAMES

lines = [f"[sources.{name}]\nenabled = false\n" for name in SOURCE_NAMES]
lines.append('[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n')
lines.append('[geocoder]\nurl = "http://127.0.0.1:9"\n')
with open(sys.argv[1], "w", encoding="utf-8") as config:
    config.write("\n".join(lines))
EOF
offline=()
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
fi
export SHELTERAPP_HOME=$home QT_QPA_PLATFORM=offscreen

echo "-- shelterapp-cli sources --no-check (every feed must be off)"
sources=$("${offline[@]}" "$bundle/shelterapp-cli" sources --no-check)
echo "$sources"
if grep -v '^off ' <<<"$sources" | grep -q .; then
  fail "a feed is still on in the smoke config: the smoke start could reach the internet"
fi

echo "-- smoke start: shelterapp --exit-after-start ${offline[*]:+(in its own network namespace)}"
err=$home/smoke.stderr
set +e
smoke_start=$(date +%s.%N)
out=$(timeout 60 "${offline[@]}" "$bundle/shelterapp" --exit-after-start 2>"$err")
code=$?
set -e
echo "$out"
echo "(wall time $(awk -v s="$smoke_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }') s, first start on an empty home)"
if [ "$code" -ne 0 ] || ! grep -q '^shelterapp .*started: window shown' <<<"$out" || grep -q Traceback "$err"; then
  cat "$err" >&2
  [ -f "$home/logs/shelterapp.log" ] && tail -n 30 "$home/logs/shelterapp.log" >&2
  fail "smoke start (exit $code): expected exit 0, a 'shelterapp ... started: window shown' line, no traceback"
fi

echo "-- shelterapp-cli nearest --lat 50.45 --lon 30.52 --json"
out=$("${offline[@]}" "$bundle/shelterapp-cli" nearest --lat 50.45 --lon 30.52 -n 3 --json 2>"$err") ||
  { cat "$err" >&2; fail "shelterapp-cli nearest"; }
grep -q Traceback "$err" && { cat "$err" >&2; fail "shelterapp-cli nearest wrote a traceback"; }
"$python" -c '
import json, sys
hits = json.loads(sys.argv[1])
assert isinstance(hits, list) and hits, "no shelters"
assert all({"name", "distance_m", "walk_min", "lat", "lon"} <= hit.keys() for hit in hits), "fields missing"
first = hits[0]
print(len(hits), "shelters, nearest", first["name_en"] or first["name"], "at", first["distance_m"], "m")
' "$out" || fail "shelterapp-cli nearest --json did not print the expected JSON: $out"

echo "-- first start on the bundled shelter lists: shelterapp-cli info --json (new empty home, every feed off, offline)"
first=$(mktemp -d)
cp "$home/config.toml" "$first/config.toml"
out=$(SHELTERAPP_HOME=$first "${offline[@]}" "$bundle/shelterapp-cli" info --json 2>"$err") ||
  { cat "$err" >&2; fail "shelterapp-cli info"; }
"$python" - "$out" "$lists/manifest.json" <<'EOF' || fail "the first start does not hold the bundled lists: $out"
import json, pathlib, sys
info = json.loads(sys.argv[1])
manifest = pathlib.Path(sys.argv[2])
lists = json.loads(manifest.read_text(encoding="utf-8"))["lists"] if manifest.is_file() else []
stored = {source["source"]: source for source in info["sources"]}
for item in lists:
    source = stored.get(item["dataset"])
    assert source, f"{item['dataset']} is not in the store"
    assert source["rows"] == item["rows"] and source["licence"] == item["licence"], source
    assert source["attribution"] == item["attribution"] and source["updated"] == item["updated"], source
    print(f"{item['dataset']}: {source['rows']} rows, data of {source['updated']}, {source['attribution']}, {source['licence']}")
if not lists:
    assert set(stored) == {"bundled"}, stored
    print(f"no shelter list bundled: the first start has the metro list only ({stored['bundled']['rows']} stations)")
EOF
rm -rf "$first"

echo "-- shelterapp-cli plan (the printed plan, drawn headless by the frozen command line)"
SHELTERAPP_HOME=$home "${offline[@]}" env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
  "$bundle/shelterapp-cli" plan --lat 50.4501 --lon 30.5234 --pdf "$home/plan.pdf" --lang uk 2>"$err" ||
  { cat "$err" >&2; fail "shelterapp-cli plan"; }
if [ -s "$err" ]; then cat "$err" >&2; fail "shelterapp-cli plan wrote to stderr"; fi
if command -v pdftotext >/dev/null; then
  text=$(pdftotext "$home/plan.pdf" -)  # not piped into grep -q: with pipefail, its early exit fails the pipe
  grep -q "Майдан Незалежності" <<<"$text" || fail "the plan's PDF lacks the Ukrainian names"
  echo "plan: $(stat -c %s "$home/plan.pdf") bytes, Ukrainian text readable (pdftotext)"
fi

echo "-- alert notification from the bundle (local feed in 'alert', private D-Bus, fake notification server)"
# Proves the frozen app's whole alert path: requests and feed parsing, the alert state machine, and the D-Bus notifier
# (jeepney on Qt's event loop, exact types on the wire). Needs dbus-daemon, and jeepney for the fake server.
if command -v dbus-daemon >/dev/null && "$python" -c "import jeepney" 2>/dev/null; then
  alert_check=(env PYTHONPATH=tests "$python" - "$bundle/shelterapp")
  if unshare -n true 2>/dev/null && command -v ip >/dev/null; then
    # feed, bus and app share a network namespace with only loopback up: nothing can leave the machine
    alert_check=(unshare -n sh -c 'ip link set lo up && exec "$@"' sh "${alert_check[@]}")
  fi
  "${alert_check[@]}" <<'EOF' || fail "the bundle did not deliver the alert notification over D-Bus"
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fake_notifications import FakeNotifications

from shelterapp.config import SOURCE_NAMES

feed = subprocess.Popen(
    [sys.executable, "tools/demo_feed.py", "--port", "0", "--state", "active"], stdout=subprocess.PIPE, text=True
)
home = Path(tempfile.mkdtemp())
try:
    base = f"http://127.0.0.1:{feed.stdout.readline().strip()}"
    config = [f"[sources.{name}]\nenabled = false" for name in SOURCE_NAMES if name != "siren_pp_ua"]
    config += [f'[sources.siren_pp_ua]\nurl = "{base}/api/v3"', '[geocoder]\nurl = "http://127.0.0.1:9"']
    config += ['[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"']
    (home / "config.toml").write_text("\n".join(config) + "\n", encoding="utf-8")
    with FakeNotifications() as fake:
        env = dict(os.environ, SHELTERAPP_HOME=str(home), DBUS_SESSION_BUS_ADDRESS=fake.address)
        app = subprocess.Popen([sys.argv[1], "--lang", "en"], env=env, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not fake.notifications():
            time.sleep(0.2)
        notes, rejected = fake.notifications(), fake.rejected()
        app.terminate()
        _out, err = app.communicate(timeout=20)
    assert "Traceback" not in err, err
    assert not rejected, f"the server rejected {rejected}"
    assert notes, "no notification within 30 s"
    note = notes[0]
    assert note["hints"]["urgency"] == ["y", 2], note["hints"]  # critical, as a D-Bus byte
    print(f"delivered: {note['summary']!r}, urgency byte 2, actions {note['actions'][::2]}")
finally:
    feed.terminate()
    shutil.rmtree(home, ignore_errors=True)
EOF
else
  echo "skipped: needs dbus-daemon and jeepney (pip install -e '.[test]')"
fi

echo "-- bundle size: $(du -sh "$bundle" | cut -f1) ($bundle), built in ${build_s} s"
echo "build_bundle: OK"
