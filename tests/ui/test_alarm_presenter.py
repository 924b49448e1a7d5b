"""The alarm and the full-screen alert end to end: a siren.pp.ua-shaped feed on 127.0.0.1 flips to an alert, the real
AlertService raises the start, and a fake player on PATH (recording its arguments and start time) plays. It repeats
until "I am in a shelter" (Enter), "Dismiss" (Esc) or the all-clear; quiet hours soften it, never below the floor.
No wall-clock limits: order and counts only (the latency is bench/alert_latency.py's)."""

from __future__ import annotations

import gc
import time
from datetime import UTC, datetime

import pytest
from alert_fakes import Clock, RecordingNotifier
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from qt_cleanup import dispose

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S, Episode
from shelterapp.config import AppConfig, SourceOverride
from shelterapp.notify.alarm import Alarm
from shelterapp.notify.base import Urgency
from shelterapp.notify.siren import SoundFiles
from shelterapp.quiet_hours import QUIET_OFF, QuietStatus
from shelterapp.settings import AlarmSettings, Settings
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.shelters.spatial import Hit
from shelterapp.sources.base import Advisory, Threat
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alarm_presenter import AlarmPresenter
from shelterapp.ui.alert_presenter import AlertPresenter
from shelterapp.ui.alert_screen import FullScreenAlert
from shelterapp.ui.main_window import MainWindow

HOSTILE = Shelter("x1", "<b>Укриття</b> & <i>Co</i>", "<b>Shelter</b> & <i>Co</i>", Kind.CIVIL_DEFENCE_SHELTER)
QUIET = QuietStatus(True, datetime(2026, 9, 23, 4, 0, tzinfo=UTC))
DEFAULTS = AlarmSettings()


class FakeTray(QObject):
    in_shelter_requested = Signal()


class Rig:
    """The app's alert path with the alarm: service, window, both presenters, a recording notifier."""

    def __init__(self, qtbot, feed, tmp_path, prefs=DEFAULTS, quiet=QUIET_OFF, hit=None) -> None:
        self.qtbot = qtbot
        self.clock = Clock()
        self.prefs, self.quiet = prefs, quiet
        config = AppConfig(sources={"siren_pp_ua": SourceOverride(url=feed.url)})
        specs = [s for s in build_specs(config) if s.name == "siren_pp_ua"]
        self.history = HistoryStore.open(tmp_path / "history.sqlite")
        self.service = AlertService(specs, HttpClient(), self.history, ("31",), clock=self.clock)
        self.started_at: list[float] = []
        self.service.alert_started.connect(lambda _e: self.started_at.append(time.monotonic()))  # before the alarm
        self.window = MainWindow("en", Settings())
        qtbot.addWidget(self.window)
        self.tray = FakeTray()
        self.notifier = RecordingNotifier()
        self.sheltered: list[bool] = []
        hit = hit if hit is not None else Hit(HOSTILE, 350.0)
        self.alert_presenter = AlertPresenter(
            self.service, self.window, None, self.notifier, lambda: hit, "en", lambda: None
        )
        self.alarm = Alarm(SoundFiles(tmp_path / "sounds"), gap_ms=10)
        self.screens = FullScreenAlert(clock=self.clock)
        self.presenter = AlarmPresenter(
            self.service, self.alarm, self.screens, self.window, self.tray, lambda: self.prefs, lambda: self.quiet,
            lambda: hit, lambda: self.sheltered.append(True), "en", clock=self.clock,
        )  # fmt: skip

    def poll(self) -> None:
        with self.qtbot.waitSignal(self.service.source_health_changed, timeout=10_000):
            self.service.coordinators["siren_pp_ua"].poll_now()

    def alert(self, feed) -> None:
        self.poll()
        feed.set(active=True)
        self.clock.advance(15)
        self.poll()
        assert self.started_at, "the feed's alert did not start"

    def all_clear(self, feed) -> None:
        feed.set(active=False)
        self.clock.advance(15)
        self.poll()
        self.clock.advance(CLEAR_CONFIRM_S + 1)
        self.poll()

    def close(self) -> None:
        self.service.stop()  # no poll of a later test's time lands in this test's closed history
        self.alarm.stop()
        self.screens.close()
        self.history.close()
        dispose(self.presenter, self.alert_presenter, self.screens, self.alarm, self.tray, self.notifier, self.service)


@pytest.fixture
def rig(qtbot, feed, tmp_path, fakes):
    made = []

    def make(**options) -> Rig:
        made.append(Rig(qtbot, feed, tmp_path, **options))
        return made[-1]

    yield make
    for r in made:
        r.close()
    made.clear()
    gc.collect()  # here, on the GUI thread: a QObject collected later on a worker thread stops its timers there


def sirens(fakes) -> list[dict]:
    return [p for p in fakes.plays() if "siren-" in p["argv"][0]]


def test_the_alarm_starts_on_the_alert_start_and_repeats_until_acknowledged(rig, feed, fakes, qtbot):
    fakes.install("pw-play")
    r = rig()
    r.alert(feed)
    qtbot.waitUntil(lambda: len(sirens(fakes)) >= 3, timeout=20_000)  # repeats, unacknowledged
    first = sirens(fakes)[0]
    assert first["started"] >= r.started_at[0]  # started by the alert-start event, not before
    assert "siren-v80" in first["argv"][0]
    assert r.alarm.active and r.screens.showing
    assert [n.urgency for n in r.notifier.shown] == [Urgency.CRITICAL]  # the notification, with its sound hint
    assert r.notifier.shown[0].sound == "alarm-clock-elapsed"


def test_enter_on_the_full_screen_means_i_am_in_a_shelter(rig, feed, fakes, qtbot):
    fakes.install("pw-play")
    r = rig()
    r.alert(feed)
    qtbot.waitUntil(lambda: len(sirens(fakes)) >= 1, timeout=20_000)
    window = next(iter(r.screens.windows.values()))
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert r.sheltered == [True]  # the time-to-shelter timer records it
    assert not r.alarm.active and not r.screens.showing
    count = len(sirens(fakes))
    qtbot.wait(400)  # longer than the gap and a fake play: nothing more may start
    assert len(sirens(fakes)) == count


def test_esc_dismisses_without_saying_in_a_shelter(rig, feed, fakes, qtbot):
    fakes.install("pw-play")
    r = rig()
    r.alert(feed)
    qtbot.waitUntil(lambda: len(sirens(fakes)) >= 1, timeout=20_000)
    qtbot.keyClick(next(iter(r.screens.windows.values())), Qt.Key.Key_Escape)
    assert r.sheltered == [] and not r.alarm.active and not r.screens.showing


@pytest.mark.parametrize("where", ["timer bar", "tray"])
def test_i_am_in_a_shelter_elsewhere_silences_too(rig, feed, fakes, qtbot, where):
    fakes.install("pw-play")
    r = rig()
    r.alert(feed)
    qtbot.waitUntil(lambda: len(sirens(fakes)) >= 1, timeout=20_000)
    (r.window.timer_bar.in_shelter_clicked if where == "timer bar" else r.tray.in_shelter_requested).emit()
    assert not r.alarm.active and not r.screens.showing


def test_the_all_clear_stops_the_alarm_closes_the_screens_and_chimes(rig, feed, fakes, qtbot):
    fakes.install("pw-play")
    r = rig()
    r.alert(feed)
    qtbot.waitUntil(lambda: len(sirens(fakes)) >= 2, timeout=20_000)
    with qtbot.waitSignal(r.service.alert_ended, timeout=10_000):
        r.all_clear(feed)
    assert not r.screens.showing
    qtbot.waitUntil(lambda: any("all-clear-" in p["argv"][0] for p in fakes.plays()), timeout=20_000)
    with qtbot.waitSignal(r.alarm.finished, timeout=20_000):
        pass  # the chime plays once and is done
    assert not r.alarm.active
    count = len(sirens(fakes))
    qtbot.wait(400)
    assert len(sirens(fakes)) == count


def test_quiet_hours_soften_the_alarm_but_never_below_the_floor(rig, feed, fakes, qtbot):
    fakes.install("pw-play")
    r = rig(quiet=QUIET)
    r.alert(feed)
    qtbot.waitUntil(lambda: not r.alarm.active and len(sirens(fakes)) == 1, timeout=20_000)
    (play,) = sirens(fakes)
    assert "siren-v30" in play["argv"][0]  # soft: 30 % instead of 80 %, once
    assert not r.screens.showing  # no full screen during quiet hours
    assert [n.urgency for n in r.notifier.shown] == [Urgency.CRITICAL]  # the floor: the critical notification
    qtbot.wait(400)
    assert len(sirens(fakes)) == 1  # not repeated
    with qtbot.waitSignal(r.service.alert_ended, timeout=10_000):
        r.all_clear(feed)
    qtbot.wait(300)
    assert not any("all-clear-" in p["argv"][0] for p in fakes.plays())  # good news waits for the morning


def test_sound_off_and_no_full_screen_as_chosen(rig, feed, fakes, qtbot):
    fakes.install("pw-play")
    r = rig(prefs=AlarmSettings(sound=False, fullscreen=False))
    r.alert(feed)
    qtbot.wait(300)
    assert fakes.plays() == [] and not r.screens.showing and r.notifier.shown


def test_no_player_at_all_is_said_in_the_window_and_nothing_crashes(rig, feed, fakes, qtbot):
    r = rig()
    r.alert(feed)
    qtbot.waitUntil(
        lambda: r.screens.showing, timeout=5000
    )  # the full screen and the notification still carry the alert
    assert "No sound player was found" in r.window.notice.text() and "pipewire-bin" in r.window.notice.text()
    assert r.presenter.trouble is not None and r.presenter.trouble.found == ()


def test_advisories_and_missed_alerts_raise_no_alarm(rig, fakes, qtbot):
    fakes.install("pw-play")
    r = rig()
    now = datetime(2026, 9, 22, 19, 0, tzinfo=UTC)
    r.service.advisory_new.emit(Advisory("fcdo", "1", "Travel advice", "Do not travel", "https://x.test", now))
    r.service.missed_alert.emit(Episode(now, ("31",), (Threat.AIR_RAID,), ended=now))
    qtbot.wait(300)
    assert fakes.plays() == [] and not r.screens.showing and not r.alarm.active


def test_the_full_screen_says_what_where_since_when_and_shows_outside_names_as_plain_text(rig, feed, fakes, qtbot):
    r = rig()
    r.alert(feed)
    qtbot.waitUntil(lambda: r.screens.showing, timeout=5000)
    assert len(r.screens.windows) == len(QGuiApplication.screens())
    window = next(iter(r.screens.windows.values()))
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.title.text() == "AIR-RAID ALERT"
    assert window.where.text().startswith("Kyiv city")
    assert window.since.text().startswith("Since ") and window.since.text().endswith(" ago")
    assert window.shelter.text() == "<b>Shelter</b> & <i>Co</i>"
    for label in window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert window.walk.text() == "350 m · ≈ 7 min on foot"  # the detour factor and the first 500 m
    assert window.drill_top.isHidden()
    before = window.since.text()
    r.clock.advance(65)
    r.screens._refresh()
    assert window.since.text() != before  # the time since the start runs


def test_a_screen_plugged_in_during_an_alert_gets_its_own_window(rig, feed, fakes, qtbot):
    r = rig()
    r.alert(feed)
    qtbot.waitUntil(lambda: r.screens.showing, timeout=5000)
    screen = QGuiApplication.primaryScreen()
    r.screens._screen_removed(screen)  # as QGuiApplication.screenRemoved would
    assert screen not in r.screens.windows
    r.screens._screen_added(screen)  # and screenAdded when it comes back
    qtbot.waitUntil(r.screens.windows[screen].isFullScreen, timeout=5000)
    r.screens.close()
    r.screens._screen_added(screen)  # no alert showing: nothing opens
    assert r.screens.windows == {}


def test_the_siren_is_made_ready_on_a_worker_not_the_windows_thread(rig, fakes, qtbot, tmp_path):
    # Written once the window idles, so the first alert does not wait for it; its synthesis (20-30 ms of CPU)
    # is not paid by the thread that draws the window.
    import threading

    r = rig()
    threads: list[threading.Thread] = []
    prepare = r.alarm.prepare
    r.alarm.prepare = lambda volume: (threads.append(threading.current_thread()), prepare(volume))
    r.presenter._prepare()
    qtbot.waitUntil(lambda: bool(threads) and any((tmp_path / "sounds").glob("siren-*.wav")), timeout=10_000)
    assert threads[0] is not threading.main_thread()
