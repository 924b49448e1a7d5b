"""The feeds join the alert service once the window is up (alerting/feed_start.py): the feeds that need no key
poll at once, the others once the keyring has answered, and nothing is lost or repeated on the way."""

from __future__ import annotations

import logging
import threading

from alert_fakes import Clock, RecordingNotifier
from helpers import write_config

from shelterapp.alerting.feed_setup import FeedSetup
from shelterapp.alerting.feed_start import start_feeds
from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.config import load_config
from shelterapp.desktop.secrets import TokenStore
from shelterapp.settings import Settings
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alert_presenter import AlertPresenter
from shelterapp.ui.main_window import MainWindow


class SlowKeyring(TokenStore):
    """A keyring that answers when the test says so (a locked one waits for the person), or fails."""

    def __init__(self, tokens: dict[str, str], fails: bool = False) -> None:
        super().__init__()
        self.tokens = tokens
        self.fails = fails
        self.answer = threading.Event()
        self.asked_on: list[threading.Thread] = []

    def get(self, source: str) -> str:
        self.asked_on.append(threading.current_thread())
        if not self.answer.wait(20):
            raise TimeoutError("the test never let the keyring answer")
        if self.fails:
            raise RuntimeError("the keyring's backend broke")
        return self.tokens.get(source, "")


def the_app(qtbot, app_home, tmp_path, feed, keyring, feeds_on):
    """The service as app.py builds it (feeds not known yet), with its window and presenter."""
    path = write_config(app_home, feeds_on(feed))
    service = AlertService(None, HttpClient(), HistoryStore.open(tmp_path / "history.sqlite"), ("31",), clock=Clock())
    window = MainWindow("en", Settings())
    qtbot.addWidget(window)
    AlertPresenter(service, window, None, RecordingNotifier(), lambda: None, "en", lambda: None, parent=window)
    window.destroyed.connect(service.stop)
    service.start()
    return service, window, FeedSetup(path, keyring), load_config(path)


def siren_and_ukraine_alarm(feed):
    return {"siren_pp_ua": {"url": feed.url}, "ukraine_alarm": {"url": "https://127.0.0.1:9"}}  # a closed port


def test_the_feeds_without_a_key_poll_before_the_keyring_answers(qtbot, app_home, tmp_path, feed):
    keyring = SlowKeyring({"ukraine_alarm": "my-key"})
    service, window, feeds, config = the_app(qtbot, app_home, tmp_path, feed, keyring, siren_and_ukraine_alarm)
    assert window.banner.state == "unknown"  # feeds still to come: not "no alert feed configured"

    start_feeds(service, feeds, config, ("31",))
    siren = service.coordinators["siren_pp_ua"]
    with qtbot.waitSignal(service.source_health_changed, timeout=10_000):
        pass  # siren.pp.ua answered while the keyring is still silent
    assert set(service.coordinators) == {"siren_pp_ua"} and not service.feeds_known
    assert siren.last_report is not None and window.banner.state == "clear"

    keyring.answer.set()
    qtbot.waitUntil(lambda: service.feeds_known, timeout=10_000)
    assert set(service.coordinators) == {"siren_pp_ua", "ukraine_alarm"}
    assert service.coordinators["ukraine_alarm"].spec.settings.token == "my-key"
    assert service.coordinators["siren_pp_ua"] is siren  # polling on, undisturbed: no second first poll
    assert all(thread is not threading.main_thread() for thread in keyring.asked_on)  # never on the GUI thread
    assert [spec.name for spec in service.specs][:2] == ["siren_pp_ua", "ukraine_alarm"]  # the dialog's order


def test_a_keyring_that_fails_leaves_the_feeds_without_a_key_running(qtbot, app_home, tmp_path, feed, caplog):
    keyring = SlowKeyring({}, fails=True)
    service, window, feeds, config = the_app(qtbot, app_home, tmp_path, feed, keyring, siren_and_ukraine_alarm)
    start_feeds(service, feeds, config, ("31",))
    keyring.answer.set()
    qtbot.waitUntil(lambda: service.feeds_known, timeout=10_000)
    assert set(service.coordinators) == {"siren_pp_ua"}
    assert any(r.levelno == logging.ERROR and "could not read the feeds' keys" in r.message for r in caplog.records)
    qtbot.waitUntil(lambda: window.banner.state == "clear", timeout=10_000)  # the alerts go on


def test_settings_saved_before_the_keyring_answered_are_kept(qtbot, app_home, tmp_path, feed):
    # The person opened Settings > Alert sources in the first moments and saved a new key: newer than the start's.
    keyring = SlowKeyring({"ukraine_alarm": "old-key"})
    service, _window, feeds, config = the_app(qtbot, app_home, tmp_path, feed, keyring, siren_and_ukraine_alarm)
    joined: list[list[str]] = []
    join = service.add_feeds
    service.add_feeds = lambda specs, all_known=True: (joined.append([s.name for s in specs]), join(specs, all_known))
    start_feeds(service, feeds, config, ("31",))
    saved = build_specs(config, lambda name: "new-key" if name == "ukraine_alarm" else "")
    service.reconfigure(saved, ("31",))  # what the dialog's Save does
    keyring.answer.set()  # then the start's own reading comes back, with the old key
    qtbot.waitUntil(lambda: len(joined) == 2, timeout=10_000)
    assert service.coordinators["ukraine_alarm"].spec.settings.token == "new-key"


def test_no_feed_at_all_is_said_once_it_is_known(qtbot, app_home, tmp_path, feed):
    keyring = SlowKeyring({})
    service, window, feeds, config = the_app(qtbot, app_home, tmp_path, feed, keyring, lambda _feed: {})
    start_feeds(service, feeds, config, ("31",))
    assert window.banner.state == "unknown"  # a feed with a key may still come
    keyring.answer.set()
    qtbot.waitUntil(lambda: window.banner.state == "unconfigured", timeout=10_000)
