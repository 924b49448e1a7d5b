"""Issue #16, item 3 in the window: the app records when it learnt each alert's start and end, File -> Export
history writes CSV or JSON (chosen in the save dialog) that reads back exactly, and the Alert history tab draws
the last 30 days with the same figures as text."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from alert_fakes import Clock, RecordingNotifier

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.record import parse_record_json
from shelterapp.alerting.record_csv import parse_record_csv
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S, Episode
from shelterapp.config import AppConfig, SourceOverride
from shelterapp.settings import Settings
from shelterapp.sources.base import Level, Threat
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alert_presenter import AlertPresenter
from shelterapp.ui.history_export import HistoryExport, export_format
from shelterapp.ui.main_window import MainWindow

FEED_START = datetime(2026, 9, 22, 18, 58, 39, 824902, tzinfo=UTC)  # Kyiv city's alert in the fixture


def build(qtbot, feed, history_path, clock):
    config = AppConfig(sources={"siren_pp_ua": SourceOverride(url=feed.url, interval_s=3600)})  # the test polls
    specs = [s for s in build_specs(config) if s.name == "siren_pp_ua"]
    service = AlertService(specs, HttpClient(), HistoryStore.open(history_path), ("31",), clock=clock)
    window = MainWindow("en", Settings())
    qtbot.addWidget(window)
    AlertPresenter(service, window, None, RecordingNotifier(), lambda: None, "en", lambda: None, parent=window)
    service.start()
    return service, window


def poll(qtbot, service, clock, seconds=15.0):
    clock.advance(seconds)
    with qtbot.waitSignal(service.source_health_changed, timeout=10_000):
        service.coordinators["siren_pp_ua"].poll_now()


def test_learnt_times_are_recorded_and_exported_as_csv_and_json(qtbot, feed, tmp_path):
    clock, history = Clock(), tmp_path / "history.sqlite"
    service, window = build(qtbot, feed, history, clock)
    poll(qtbot, service, clock)
    feed.set(True)
    poll(qtbot, service, clock)
    learnt_start = clock.now
    feed.set(False)
    for _ in range(3):
        poll(qtbot, service, clock, CLEAR_CONFIRM_S / 2 + 1)
    exporter = HistoryExport(window, history, parent=window)
    for kind in ("csv", "json"):
        target = tmp_path / f"export.{kind}"
        with qtbot.waitSignal(exporter.finished, timeout=10_000):
            exporter.export(target, kind)
        data = target.read_bytes()
        record = parse_record_csv(data) if kind == "csv" else parse_record_json(data.decode("utf-8"))
        (alert,) = record.alerts
        assert alert.started == FEED_START  # as the feed gave it ...
        assert alert.learnt_start == learnt_start  # ... and when this computer heard it: 21 min later
        assert alert.learnt_end is not None and alert.learnt_end > alert.ended >= learnt_start
        assert alert.sources == ("siren_pp_ua",) and alert.level == "red" and alert.threats == ("air_raid",)
        assert "History exported to" in window.notice.text() and "(alerts: 1, advisories: 0)" in window.notice.text()


@pytest.mark.parametrize(
    ("typed", "chosen", "expected"),
    [
        ("/tmp/a.json", "CSV, for spreadsheets (*.csv)", ("/tmp/a.json", "json")),  # the name typed wins
        ("/tmp/a", "JSON (*.json)", ("/tmp/a.json", "json")),  # else the type chosen, extension added
        ("/tmp/a", "CSV, for spreadsheets (*.csv)", ("/tmp/a.csv", "csv")),
        ("/tmp/a.CSV", "JSON (*.json)", ("/tmp/a.CSV", "csv")),
    ],
)
def test_the_save_dialog_chooses_the_format(typed, chosen, expected):
    path, kind = export_format(typed, chosen)
    assert (str(path), kind) == expected


def test_a_failed_export_says_so_and_keeps_the_app(qtbot, tmp_path):
    window = MainWindow("en", Settings())
    qtbot.addWidget(window)
    history = tmp_path / "history.sqlite"
    HistoryStore.open(history).close()
    exporter = HistoryExport(window, history, parent=window)
    with qtbot.waitSignal(exporter.finished, timeout=10_000):
        exporter.export(tmp_path, "csv")  # a folder: it cannot be replaced by a file
    assert "could not be exported" in window.notice.text() and window.export_history_action.isEnabled()


def test_the_chart_has_its_figures_as_text(qtbot, tmp_path):
    clock = Clock()  # 22 Sep 2026, 22:20 in Kyiv
    store = HistoryStore.open(tmp_path / "history.sqlite")
    for days_ago, hour, minutes in [(0, 19, 30), (0, 20, 90), (1, 19, 45), (40, 3, 60)]:
        started = clock.now.replace(hour=hour - 3, minute=0, second=0) - timedelta(days=days_ago)  # UTC = Kyiv - 3
        store.save_episode(Episode(started, ("31",), (Threat.AIR_RAID,), Level.RED, ("siren_pp_ua",),
                                   started + timedelta(minutes=minutes)))  # fmt: skip
    store.close()
    feed_free = AppConfig(sources={})
    service = AlertService([s for s in build_specs(feed_free) if s.name == "none"], HttpClient(),
                           HistoryStore.open(tmp_path / "history.sqlite"), ("31",), clock=clock)  # fmt: skip
    window = MainWindow("en", Settings())
    qtbot.addWidget(window)
    AlertPresenter(service, window, None, RecordingNotifier(), lambda: None, "en", lambda: None, parent=window)
    window.tabs.setCurrentWidget(window.history)  # the pane fills when it is looked at
    pane = window.history
    summary = pane.summary.text()
    assert summary.startswith("Last 30 days: 3 alerts, 2 h 45 min under alert in all.")  # 40 days ago is out
    assert "Busiest day: 22.09.2026, 2 alerts, 2 h 00 min under alert." in summary
    assert "Alerts began most often between 19:00 and 20:00." in summary
    description = pane.chart.accessibleDescription()
    assert summary in description and re.search(r"\n22\.09\.2026 +2  2 h 00 min\n", description)
    assert re.search(r"\n19:00–20:00 +2\n", description) and re.search(r"\n20:00–21:00 +1\n", description)
    assert pane.chart.accessibleName() and pane.figures_text.isHidden()
    pane.figures_button.click()
    assert not pane.figures_text.isHidden() and re.search(
        r"\n21\.09\.2026 +1  45 min\n", pane.figures_text.toPlainText()
    )
    assert [d.alerts for d in pane.chart.figures.days[-2:]] == [1, 2]
