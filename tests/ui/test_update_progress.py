"""Shelter data → Update now: the progress bar moves with the bytes while a list downloads, fed from the worker by
queued signals (the GUI thread alone touches the widgets), a few times a second at most."""

from __future__ import annotations

import time
from pathlib import Path

from helpers import write_config
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from test_places_and_data import make_data
from werkzeug import Response

from shelterapp.ui import data_controller

LAYER = Path(__file__).resolve().parents[1] / "fixtures" / "shelters" / "kyiv_layer_small.geojson"
PIECES = 8


def streamed_layer(httpserver, app_home: Path) -> bytes:
    """The city's layer padded to 256 KB (JSON allows trailing white space) and sent in 8 pieces with pauses,
    the way a slow server sends a big list."""
    body = LAYER.read_bytes().rstrip() + b" " * (256 * 1024)
    size = -(-len(body) // PIECES)

    def pieces():
        for start in range(0, len(body), size):
            time.sleep(0.1)
            yield body[start : start + size]

    httpserver.expect_request("/layer").respond_with_handler(
        lambda _request: Response(pieces(), headers={"Content-Length": str(len(body))}, mimetype="application/json")
    )
    write_config(app_home, {"kyiv_opendata": {"url": httpserver.url_for("/layer")}})
    return body


def test_the_bar_moves_with_the_bytes_during_a_download(qtbot, catalog, settings, app_home, httpserver, monkeypatch):
    monkeypatch.setattr(data_controller, "PROGRESS_INTERVAL_S", 0.0)  # every network read reaches the bar
    body = streamed_layer(httpserver, app_home)
    window, data = make_data(qtbot, catalog, settings, app_home)
    data.show_dialog()
    dialog = data.dialog
    assert dialog is not None and dialog.update_progress.isHidden()
    seen: list[tuple[int, int, str, bool]] = []
    show = dialog.show_update_progress

    def record(progress):  # type: ignore[no-untyped-def]
        show(progress)
        bar = dialog.update_progress
        on_gui_thread = QThread.currentThread() is QApplication.instance().thread()
        seen.append((bar.value(), bar.maximum(), dialog.update_status.text(), on_gui_thread))

    dialog.show_update_progress = record  # type: ignore[method-assign]
    data.update([s for s in data.lists if s.name == "kyiv_opendata"])
    assert dialog.update_progress.isVisible()
    qtbot.waitUntil(lambda: not data.running, timeout=30000)

    assert seen and all(on_gui for *_, on_gui in seen)  # widgets touched on the GUI thread only
    downloading = [(value, maximum) for value, maximum, text, _ in seen if "Downloading" in text]
    values = [value for value, _ in downloading]
    assert {maximum for _, maximum in downloading} == {1000}  # the total was known: a real bar, not a busy one
    assert values == sorted(values) and values[-1] == 1000
    assert len({v for v in values if 0 < v < 1000}) >= 2  # it moved while the list was still coming
    assert any(f"of {len(body) / 1000:.0f} kB" in text for *_, text, _ in seen)
    assert any("rows read" in text for *_, text, _ in seen)  # then the rows, once the list is being read
    assert dialog.update_progress.isHidden() and "5 shelters updated" in dialog.update_status.text()
    assert "5 shelters updated" in window.notice.text()


def test_a_burst_of_reads_is_coalesced_before_it_reaches_the_gui(qtbot):
    parent = data_controller.QObject()
    reporter = data_controller._FetchProgress("osm", parent)
    emitted: list[tuple[str, int, int, int]] = []
    reporter.changed.connect(lambda *args: emitted.append(args))
    started = time.monotonic()
    for received in range(1, 2001):  # 2,000 network reads, as fast as this machine goes
        reporter.bytes_received(received * 1000, None)
    elapsed = time.monotonic() - started
    assert emitted[0] == ("osm", 1000, -1, -1)  # the first shows at once
    assert len(emitted) <= 1 + elapsed / data_controller.PROGRESS_INTERVAL_S  # then at most 4 a second
    assert len(emitted) < 2000
