"""Where the person is stays private in the log (issue 12, item 7): a damaged saved place was logged word for
word, and the log file was readable by every user of the machine. Places, my location and what I typed into
the address search never reach the log; the log and its rotated copies are the owner's only (0600)."""

from __future__ import annotations

import json
import logging
import stat

import pytest
from helpers import write_config
from PySide6.QtWidgets import QApplication

from shelterapp.app import build
from shelterapp.launcher import parse_args
from shelterapp.logs import setup_logging
from shelterapp.paths import default_paths
from shelterapp.settings import Location, load_settings
from shelterapp.ui.places_controller import PlacesController

# Digits and names only this test's places have: any of them in the log is a leak.
SECRETS = ("50.41234", "30.61234", "50.43456", "30.54567", "50.47891", "30.39876", "Secret")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_damaged_saved_places_are_not_logged_word_for_word(app_home, caplog):
    settings = app_home / "settings.json"
    settings.write_text(
        json.dumps(
            {
                "location": {"lat": 50.41234, "lon": "30.61234 east", "label": "Secret Home"},
                "places": [{"lat": "50.43456x", "lon": 30.54567, "label": "Secret Work"}, "Secret 50.47891"],
            }
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.INFO):
        report = load_settings(settings)
    assert report.settings.location is None and report.settings.places == ()
    assert "unreadable" in caplog.text  # the fact is logged ...
    assert not [secret for secret in SECRETS if secret in caplog.text], caplog.text  # ... the place is not


def test_log_file_and_rotated_copies_are_private(app_home):
    paths = default_paths()
    paths.log_dir.mkdir(parents=True)
    old = paths.log_file.with_name("shelterapp.log.2")
    for path in (paths.log_file, old):  # written by an earlier version with the default umask
        path.write_text("old\n", encoding="utf-8")
        path.chmod(0o644)
    setup_logging(paths)
    try:
        assert mode(paths.log_file) == 0o600 and mode(old) == 0o600
        assert mode(paths.log_dir) == 0o700
        chunk = "x" * 10_000
        for _ in range(120):  # past the 1 MB cap: the file rotates
            logging.getLogger("shelterapp.test").warning(chunk)
        rotated = paths.log_file.with_name("shelterapp.log.1")
        assert rotated.exists() and mode(rotated) == 0o600 and mode(paths.log_file) == 0o600
    finally:
        _drop_file_handlers()


def _drop_file_handlers() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_shelterapp", False):
            root.removeHandler(handler)
            handler.close()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_a_session_with_places_and_searches_leaves_no_trace_of_them_in_the_log(qtbot, app_home):
    write_config(
        app_home,
        extra='[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n[geocoder]\nurl = "http://127.0.0.1:9"\n',
    )
    (app_home / "settings.json").write_text(
        json.dumps(
            {
                "location": {"lat": 50.41234, "lon": 30.61234, "label": "Secret Home"},
                "places": [
                    {"lat": 50.43456, "lon": 30.54567, "label": "Secret Work"},
                    {"lat": "50.47891?", "lon": 30.39876, "label": "Secret Damaged"},
                ],
                "online_search": True,
            }
        ),
        encoding="utf-8",
    )
    controller = build(QApplication.instance(), parse_args(["--lang", "en"]))
    qtbot.addWidget(controller.window)
    try:
        controller.set_location(Location(50.47891, 30.39876, "Secret Chosen"))
        qtbot.waitUntil(lambda: controller.findChild(PlacesController) is not None)  # built after the first frame
        places = controller.findChild(PlacesController)  # owned by the controller, as app.py builds it
        places.go_to_place("Secret Work")
        places.search("Secret Street 5", True)  # the geocoder is unreachable: it fails and says so
        qtbot.waitUntil(controller.window.location_bar.search_button.isEnabled, timeout=30_000)
        controller.quit()
    finally:
        controller.catalog.close()
        _drop_file_handlers()
    log = default_paths().log_file.read_text(encoding="utf-8")
    assert "address search failed" in log  # the session did log
    assert not [secret for secret in SECRETS if secret in log], log


def test_a_tile_that_cannot_be_kept_does_not_say_where_the_map_was(tmp_path, caplog):
    from shelterapp.map.tile_cache import PNG_MAGIC, TileCache

    root = tmp_path / "tiles"
    root.mkdir()
    (root / "16").write_bytes(b"")  # a file where the zoom folder belongs: every write fails
    cache = TileCache(root, 10_000_000)
    with caplog.at_level(logging.WARNING):
        assert cache.put(16, 38_301, 22_017, PNG_MAGIC + bytes(64)) is False
    assert "cannot write a zoom-16 tile" in caplog.text
    assert "38301" not in caplog.text and "22017" not in caplog.text  # a street-level tile is a place
