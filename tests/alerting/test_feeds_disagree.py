"""Issue #16, item 1, end to end: siren.pp.ua (Ukraine Alarm's shape) and alerts.in.ua on a local server disagree
about Kyiv city; the banner and the tray's tooltip say so and name them after two polls in a row, not after one;
the merge rule stays (the alert is on)."""

from __future__ import annotations

import pytest
from alert_fakes import AlertsInUaFeed, Clock, Feed, RecordingNotifier

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import State
from shelterapp.config import AppConfig, SourceOverride
from shelterapp.settings import Settings
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alert_presenter import AlertPresenter
from shelterapp.ui.labels import local_time_label
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.tray import Tray

NAMES = ("siren_pp_ua", "alerts_in_ua")


@pytest.fixture
def feeds(httpserver):
    siren, ain = Feed(), AlertsInUaFeed()
    siren.url, ain.url = siren.install(httpserver), ain.install(httpserver)
    return siren, ain


def two_sources(siren, ain):
    config = AppConfig(
        sources={
            # polled by the test only: no poll of the coordinators' own timers can slip in between
            "siren_pp_ua": SourceOverride(url=siren.url, interval_s=3600),
            "alerts_in_ua": SourceOverride(url=ain.url, enabled=True, interval_s=3600),
        }
    )
    return [s for s in build_specs(config, lambda _name: "a-test-token") if s.name in NAMES]


@pytest.fixture
def app(qtbot, feeds, tmp_path):
    siren, ain = feeds
    clock = Clock()
    service = AlertService(two_sources(siren, ain), HttpClient(), HistoryStore.open(tmp_path / "h.sqlite"), ("31",),
                           clock=clock)  # fmt: skip
    window = MainWindow("en", Settings())
    qtbot.addWidget(window)
    tray = Tray("en")
    AlertPresenter(service, window, tray, RecordingNotifier(), lambda: None, "en", lambda: None, parent=window)
    return service, window, tray, clock  # not started: each poll is the test's own


def poll_both(qtbot, service, clock):
    clock.advance(15)
    for name in NAMES:
        with qtbot.waitSignal(service.source_health_changed, timeout=10_000):
            service.coordinators[name].poll_now()
    assert service.merged().healthy == NAMES or set(service.merged().healthy) == set(NAMES)


def test_banner_and_tray_name_the_sources_that_disagree_after_two_polls(qtbot, feeds, app):
    siren, ain = feeds
    service, window, tray, clock = app
    siren.set(True)
    ain.active = True
    poll_both(qtbot, service, clock)
    poll_both(qtbot, service, clock)
    assert window.banner.state == "active" and "disagree" not in window.banner.text()

    ain.active = False  # alerts.in.ua says the alert is over; siren.pp.ua does not
    poll_both(qtbot, service, clock)
    heard_clear = clock.now
    assert service.merged().state is State.ACTIVE  # the merge rule: any healthy alert counts
    assert "disagree" not in window.banner.text() and "disagree" not in tray.icon.toolTip()  # one poll only

    poll_both(qtbot, service, clock)
    expected = (
        "Sources disagree about Kyiv city (siren.pp.ua: alert; alerts.in.ua: no alert since "
        f"{local_time_label(heard_clear)}): treat it as an alert."
    )
    assert service.merged().state is State.ACTIVE and window.banner.state == "active"
    assert expected in window.banner.text() and expected in window.banner.accessibleDescription()
    assert expected in tray.icon.toolTip() and "AIR-RAID ALERT" in tray.icon.toolTip()

    ain.active = True  # they agree again: the line goes at once
    poll_both(qtbot, service, clock)
    assert "disagree" not in window.banner.text() and "disagree" not in tray.icon.toolTip()


def test_status_json_lists_each_healthy_sources_word(qtbot, feeds, app):
    """The app's own view (two polls) as the relay and `status --json` build it: regions.31.disagreement."""
    from shelterapp.alerting.disagreement import disagreement_json

    siren, _ain = feeds
    service, _window, _tray, clock = app
    siren.set(True)
    poll_both(qtbot, service, clock)
    poll_both(qtbot, service, clock)
    assert disagreement_json(service.shown_disagreement()["31"]) == [
        {"source": "siren_pp_ua", "state": "active"},
        {"source": "alerts_in_ua", "state": "clear"},
    ]
