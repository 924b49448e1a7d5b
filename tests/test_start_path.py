"""The start path: what a person who clicks the icon during an alert waits for before the window is there.

Only what the first frame shows is imported before it; the network stack, the keyring, the geocoder, MQTT, the
spreadsheet reader, the D-Bus client and printing come after it (or never, in a run that does not need them).
The app writes the modules it had at the first frame where SHELTERAPP_MODULES_AT_FIRST_FRAME says (a module
enters sys.modules when its import begins, so an import still running on a worker thread counts too), and
`python -X importtime` shows what came after. No time limit: the machine may be busy; what is imported is not.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from helpers import write_config

# Each of these costs the start tens of milliseconds or more (bench/startup.py, README "Measurements").
NOT_BEFORE_THE_FIRST_FRAME = (
    "requests",  # and urllib3 with it: the first poll and the first tile download import them
    "urllib3",
    "keyring",  # the feeds' keys, read on a worker once the window is up (alerting/feed_start.py)
    "secretstorage",
    "cryptography",
    "geopy",  # the first address lookup
    "paho",  # the organisation's relay (MQTT)
    "openpyxl",  # importing a spreadsheet
    "jeepney",  # the D-Bus notification channel, chosen once the window is up
    "PySide6.QtPrintSupport",  # printing the shelter plan
)
CLOSED_PORT = '[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n[geocoder]\nurl = "http://127.0.0.1:9"\n'


def start(app_home, tmp_path) -> tuple[set[str], set[str]]:
    """One real start with --exit-after-start: the modules present at the first frame, and those imported after."""
    write_config(app_home, extra=CLOSED_PORT)
    at_frame = tmp_path / "modules-at-first-frame.txt"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shelterapp", "--exit-after-start", "--lang", "uk"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one pipe: the "window shown" line falls among the import lines in order
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "SHELTERAPP_MODULES_AT_FIRST_FRAME": str(at_frame)},
    )
    assert result.returncode == 0, result.stdout[-3000:]
    lines = result.stdout.splitlines()
    shown = next(n for n, line in enumerate(lines) if "started: window shown, 52 shelters" in line)
    imported_after = {m[1] for line in lines[shown:] if (m := re.match(r"import time:.*\|\s*(\S+)$", line))}
    return set(at_frame.read_text(encoding="utf-8").split()), imported_after


def loaded(modules: set[str], name: str) -> bool:
    return any(module == name or module.startswith(name + ".") for module in modules)


def test_the_first_frame_waits_for_no_network_keyring_geocoder_mqtt_spreadsheet_dbus_or_printing(app_home, tmp_path):
    at_frame, after = start(app_home, tmp_path)
    assert "shelterapp.ui.main_window" in at_frame  # the record is of a real start
    assert [name for name in NOT_BEFORE_THE_FIRST_FRAME if loaded(at_frame, name)] == []
    # Put off, not dropped: once the window was up the keys were read and the notification channel chosen.
    assert loaded(after, "keyring") and loaded(after, "jeepney")
    # The full-screen alert, the siren and the drill are built after the first frame, before the feeds start.
    assert not loaded(at_frame, "shelterapp.ui.alert_screen") and not loaded(at_frame, "shelterapp.ui.drill_controller")
    assert loaded(after, "shelterapp.ui.alert_screen") and loaded(after, "shelterapp.notify.alarm")
    # The window and its shelters are the first frame; the alert machinery and the tabs it does not show come in
    # the event loop's turn right after it (app.py), still before the feeds start.
    later = [
        "shelterapp.alerting.service",
        "shelterapp.alerting.history",
        "shelterapp.ui.alert_presenter",
        "shelterapp.ui.timer_controller",
        "shelterapp.ui.sources_controller",
        "shelterapp.ui.preparedness_view",
        "shelterapp.ui.advisories_pane",
        "shelterapp.ui.history_pane",
    ]
    assert [name for name in later if loaded(at_frame, name)] == []
    assert [name for name in later if not loaded(after, name)] == []


def test_a_start_without_keys_never_loads_the_keyring(app_home, tmp_path):
    # The first start asks the keyring once whether the feeds have keys (here it finds none) and notes the answer
    # (desktop/secrets.py); the next start does not load the keyring at all.
    start(app_home, tmp_path)
    at_frame, after = start(app_home, tmp_path)
    assert not loaded(at_frame | after, "keyring")
    assert loaded(after, "jeepney")  # the rest of the start did run
