"""The relay as a desktop's source, through the alert service: a broker that goes away, a relay killed with
SIGKILL, and webhook calls that wake the relay but never tell it what to say."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest
from alert_fakes import ALERTS
from helpers import REPO
from mqtt_broker import DESK_PASSWORD, RELAY_PASSWORD, free_port
from relay_helpers import Desk, InProcessRelay, desk_source, relay_config

from shelterapp.alerting import service as service_module
from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import State
from shelterapp.sources import relay as relay_source
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec
from shelterapp.sources.relay_format import RelayReport


def desktop_service(tmp_path, broker, monkeypatch) -> AlertService:
    """A desktop whose only alert source is the relay."""
    monkeypatch.setattr(service_module, "TICK_MS", 200)
    spec = SourceSpec("relay", relay_source, relay_source.settings_for(desk_source(broker), DESK_PASSWORD))
    history = HistoryStore.open(tmp_path / "desk-history.sqlite")
    return AlertService([spec], HttpClient(), history, ("31",))


def wait_state(qtbot, service, state, timeout=20_000):
    qtbot.waitUntil(lambda: service.merged().state is state, timeout=timeout)


def test_pushed_data_reaches_the_service_on_the_gui_thread(
    qtbot, broker, feed, fast_feed, app_home, tmp_path, monkeypatch
):
    relay = InProcessRelay(relay_config(app_home, broker, feed.url).parent).start()
    service = desktop_service(tmp_path, broker, monkeypatch)
    handled_on = []
    service.coordinators["relay"].updated.connect(lambda *_args: handled_on.append(threading.get_ident()))
    service.start()
    try:
        wait_state(qtbot, service, State.CLEAR)
    finally:
        service.stop()
        relay.stop()
    assert handled_on and set(handled_on) == {threading.get_ident()}  # paho's thread never touched Qt objects
    assert service.merged().healthy == ("relay",) and service.merged().regions["31"].sources == ("relay",)


def test_broker_down_means_unknown_never_clear(qtbot, broker, feed, fast_feed, app_home, tmp_path, monkeypatch):
    relay = InProcessRelay(relay_config(app_home, broker, feed.url).parent).start()
    service = desktop_service(tmp_path, broker, monkeypatch)
    service.start()
    try:
        wait_state(qtbot, service, State.CLEAR)
        broker.stop()
        wait_state(qtbot, service, State.UNKNOWN)
        coordinator = service.coordinators["relay"]
        assert coordinator.last_error is not None and coordinator.last_error.kind.value == "offline"
        broker.start()  # same port and accounts: the desktop and the relay come back by themselves
        wait_state(qtbot, service, State.CLEAR, timeout=90_000)
    finally:
        service.stop()
        relay.stop()


def test_relay_killed_with_sigkill_gives_the_last_will_and_unknown(
    qtbot, broker, feed, app_home, tmp_path, monkeypatch
):
    relay_config(app_home, broker, feed.url, interval_s=15)
    env = {**os.environ, "SHELTERAPP_RELAY_PASSWORD": RELAY_PASSWORD, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "shelterapp.cli", "relay"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    service = desktop_service(tmp_path, broker, monkeypatch)
    service.start()
    try:
        wait_state(qtbot, service, State.CLEAR, timeout=60_000)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        wait_state(qtbot, service, State.UNKNOWN)
        error = service.coordinators["relay"].last_error
        assert error is not None and "last will" in error.detail
    finally:
        service.stop()
        if process.poll() is None:
            process.kill()
            process.wait(10)
        process.stderr.close()


def _post(url, body: bytes, method="POST"):
    request = urllib.request.Request(url, data=body if method == "POST" else None, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def status_polls(httpserver) -> int:
    return sum(1 for request, _response in httpserver.log if request.path.endswith("/alerts/status"))


@pytest.fixture
def hooked_relay(broker, feed, fast_feed, app_home):
    port = free_port()
    # a regular poll only every 10 minutes: any poll seen within the test was the webhook's doing
    relay_config(app_home, broker, feed.url, interval_s=600, extra=f'webhook_listen = "127.0.0.1:{port}"\n')
    relay = InProcessRelay(app_home).start()
    relay.next_state()
    yield relay, f"http://127.0.0.1:{port}{relay.listener.path}"
    relay.stop()


def test_a_webhook_call_makes_the_relay_poll_at_once(qtbot, hooked_relay, httpserver, feed):
    relay, url = hooked_relay
    before = status_polls(httpserver)
    feed.set(active=True)  # what the webhook announces has really happened upstream
    assert _post(url, (ALERTS / "ukrainealarm_webhook_event.json").read_bytes()) == 200
    state = relay.next_state()
    assert state["state"] == "active" and status_polls(httpserver) > before


def test_a_forged_webhook_body_changes_nothing_by_itself(qtbot, hooked_relay, httpserver, broker):
    relay, url = hooked_relay
    desk = Desk(broker)
    try:
        assert desk.next_state().relay_state == "clear"
        _drain(relay.published)
        before = status_polls(httpserver)
        forged = (ALERTS / "ukrainealarm_webhook_event.json").read_bytes()  # Kyiv red, while the feed is quiet
        assert _post(url, forged) == 200
        qtbot.waitUntil(lambda: status_polls(httpserver) > before, timeout=10_000)  # it polled to confirm...
        relay.loop.stop()  # ...and, once the loop has finished that poll, nothing was published:
        relay._thread.join(10)
        assert [p.topic for p in _drain(relay.published)] == []
        assert [o for o in desk.drain() if isinstance(getattr(o, "report", None), RelayReport)] == []
    finally:
        desk.close()
    assert json.loads(forged)["regionId"] == "31"


def _drain(published) -> list:
    found = []
    while not published.empty():
        found.append(published.get_nowait())
    return found


def test_webhook_calls_are_checked_and_rate_limited(hooked_relay):
    relay, url = hooked_relay
    base = url.rsplit("/", 1)[0]
    assert _post(base + "/guessed-secret", b"{}") == 404  # the path's random part is the only way in
    assert _post(url, b"", method="GET") == 405
    answers = [_post(url, b"{}") for _ in range(12)]
    assert answers[:5] == [200] * 5 and 429 in answers  # a burst, then one every few seconds
    assert relay.listener.calls <= 6
