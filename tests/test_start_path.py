"""The start path: what a person who clicks the icon during an alert waits for before the window is there.

Only what the first frame shows is imported before it; the network stack, the keyring, the geocoder, MQTT, the
spreadsheet reader, the D-Bus client and printing come after it (or never, in a run that does not need them).
The app writes the modules it had at the first frame where SHELTERAPP_MODULES_AT_FIRST_FRAME says (a module
enters sys.modules when its import begins, so an import still running on a worker thread counts too), and
`python -X importtime` shows what came after. No time limit: the machine may be busy; what is imported is not.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import write_config

from shelterapp.launcher import qt_free_start

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
PACKAGE = Path(__file__).resolve().parents[1] / "shelterapp"
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


def imports_qt(module: str, seen: set[str] | None = None) -> bool:
    """Whether importing `module` (one of ours) imports PySide6: its top-level imports, its packages' and theirs.
    Imports inside functions or under TYPE_CHECKING do not run on import and are not followed."""
    seen = set() if seen is None else seen
    if module in seen:
        return False
    seen.add(module)
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    names: list[str] = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    parents = [module.rsplit(".", depth)[0] for depth in range(1, module.count(".") + 1)]
    return any(name.split(".")[0] == "PySide6" for name in names) or any(
        imports_qt(name, seen) for name in {*names, *parents} if name.startswith("shelterapp") and known(name)
    )


def known(module: str) -> bool:
    path = PACKAGE.parent / module.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


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


def test_what_the_start_needs_without_qt_is_imported_before_qt(app_home, tmp_path):
    # PySide6 reads the source of every module imported after it (its __feature__ hook looks for "PySide6" in it):
    # the launcher imports the start's Qt-free modules first (launcher.qt_free_start), 2% of the start's work.
    write_config(app_home, extra=CLOSED_PORT)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shelterapp", "--exit-after-start", "--lang", "uk"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:]
    names = []
    for line in result.stdout.splitlines():
        if "started: window shown" in line:
            break
        if match := re.match(r"import time:.*\|\s*(\S+)$", line):
            names.append(match[1])
    qt = next(n for n, name in enumerate(names) if name.split(".")[0] in ("PySide6", "shiboken6"))
    before, after = names[:qt], names[qt:]
    assert "shelterapp.shelters.catalog" in before and "shelterapp.ui.main_window" in after  # a real record
    ours_after = [name for name in after if name.startswith("shelterapp.") and not name.startswith("shelterapp.ui")]
    assert [name for name in ours_after if not imports_qt(name)] == []  # (the window's package is Qt's anyway)
    assert [m.__name__ for m in qt_free_start() if m.__name__.startswith("shelterapp") and imports_qt(m.__name__)] == []
