"""The organisation's relay as a source: an MQTT broker pushes what the relay merged (relay_format.py).

Same interface as the polled feeds (NAME, KIND, ...; `fetch` for a one-shot read such as `shelterapp-cli
status`), plus `subscribe()` for the app: the broker pushes, nothing is polled. Health (relay_format): broker
unreachable, login refused, the relay's last will "offline", or no state newer than 3 minutes makes the source
unhealthy; with no other healthy source the app then says *unknown*, never *clear*.

Settings come from `[sources.relay]` (config_relay.RelaySourceConfig); the password from the keyring
(desktop/secrets.py, under the name "relay"), never from config.toml.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from shelterapp.config_relay import RelaySourceConfig
from shelterapp.sources import mqtt as mqtt_link
from shelterapp.sources.base import AlertReport, SourceSettings
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.relay_format import (
    ADVISORIES,
    MAX_PACKET_BYTES,
    PRESENCE,
    STALE_AFTER_S,
    STATE,
    Lost,
    Outcome,
    Pushed,
    RelayFollower,
    RelayReport,
)

log = logging.getLogger(__name__)

NAME = "relay"
KIND = "alerts"
PUSHED = True
DEFAULT_URL = ""
# The tracker trusts a source for 2.5 intervals + 10 s after its last good data: 68 s gives STALE_AFTER_S.
DEFAULT_INTERVAL_S = (STALE_AFTER_S - 10.0) / 2.5
MIN_INTERVAL_S = DEFAULT_INTERVAL_S
ATTRIBUTION = "your organisation's shelterapp relay"
NEEDS_TOKEN = False  # the password is optional (a broker may allow anonymous reads)
ENABLED_BY_DEFAULT = False
FETCH_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class RelaySettings(SourceSettings):
    """SourceSettings with the broker to follow; `token` holds the password."""

    broker: RelaySourceConfig | None = None


def settings_for(config: RelaySourceConfig, password: str) -> RelaySettings:
    return RelaySettings(config.url, config.enabled, DEFAULT_INTERVAL_S, token=password, broker=config)


def utc_now() -> datetime:
    return datetime.now(UTC)


class RelaySubscription:
    """A live subscription on paho's thread; every outcome goes to `deliver` (called on paho's thread: it
    must only hand the outcome over, e.g. emit a queued Qt signal). `close()` stops it; no call after."""

    def __init__(
        self, settings: RelaySettings, deliver: Callable[[Outcome], None], clock: Callable[[], datetime] = utc_now
    ) -> None:
        broker = settings.broker
        if broker is None:
            raise ValueError("RelaySubscription needs [sources.relay] settings")
        self._broker = broker
        self._deliver = deliver
        self._clock = clock
        self._closed = False
        self.follower = RelayFollower(broker.topic_prefix)
        self._client: mqtt_link.Client | None = None
        try:
            self._client = mqtt_link.make_client(broker, settings.token, role="desk", max_packet_bytes=MAX_PACKET_BYTES)
        except SourceError as error:  # an unreadable ca_file: said once, nothing started, the app goes on
            deliver(self.follower.link_lost(error))
            return
        self._client.on_connect = self._on_connect
        self._client.on_connect_fail = self._on_connect_fail
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message
        mqtt_link.connect_async(self._client, broker)

    def close(self) -> None:
        self._closed = True
        if self._client is not None:
            self._client.disconnect()
            self._client.loop_stop()

    def _hand_over(self, outcome: Outcome | None) -> None:
        if outcome is None or self._closed:
            return
        try:
            self._deliver(outcome)
        except RuntimeError:  # the receiver is gone (app quitting): nobody waits for it
            log.debug("relay outcome dropped: its receiver is gone")

    def _on_connect(self, client: Any, _userdata: Any, _flags: Any, reason_code: Any, _properties: Any) -> None:
        if reason_code.is_failure:
            self._hand_over(self.follower.link_lost(mqtt_link.refused(reason_code)))
            return
        topics = [(self._broker.topic(leaf), 1) for leaf in (PRESENCE, STATE, ADVISORIES)]
        client.subscribe(topics)  # in on_connect: after a reconnect the retained messages come again

    def _on_connect_fail(self, client: Any, _userdata: Any) -> None:
        self._hand_over(self.follower.link_lost(mqtt_link.connect_failure(client, self._broker)))

    def _on_disconnect(self, _client: Any, _userdata: Any, _flags: Any, reason_code: Any, _properties: Any) -> None:
        if not self._closed:
            self._hand_over(self.follower.link_lost(mqtt_link.lost(reason_code)))

    def _on_message(self, _client: Any, _userdata: Any, message: Any) -> None:
        outcome = self.follower.message(message.topic, bytes(message.payload), bool(message.retain), self._clock())
        self._hand_over(outcome)


def subscribe(
    settings: SourceSettings, deliver: Callable[[Outcome], None], clock: Callable[[], datetime] = utc_now
) -> RelaySubscription:
    if not isinstance(settings, RelaySettings):
        raise TypeError("the relay source needs RelaySettings")
    return RelaySubscription(settings, deliver, clock)


def fetch(
    _http: HttpClient, settings: SourceSettings, _regions: tuple[str, ...], _state: dict[str, object], now: datetime
) -> AlertReport:
    """One read for `shelterapp-cli status`: connect, take the retained state, leave. Raises SourceError."""
    outcomes: queue.Queue[Outcome] = queue.Queue()
    subscription = subscribe(settings, outcomes.put)
    deadline = threading.Event()
    timer = threading.Timer(FETCH_TIMEOUT_S, deadline.set)
    timer.start()
    last_problem: SourceError | None = None
    try:
        while not deadline.is_set():
            try:
                outcome = outcomes.get(timeout=0.1)
            except queue.Empty:
                continue
            if isinstance(outcome, Pushed) and isinstance(outcome.report, RelayReport):
                return outcome.report
            if isinstance(outcome, Lost):
                if outcome.error.kind is FailureKind.AUTH or subscription.follower.offline:
                    raise outcome.error
                last_problem = outcome.error
            elif not isinstance(outcome, Pushed) and not outcome.quiet:
                raise outcome.error  # a stale or malformed retained state: no better one is coming soon
    finally:
        timer.cancel()
        subscription.close()
    if last_problem is not None:
        raise last_problem
    raise SourceError(FailureKind.TIMEOUT, f"no state from the relay within {FETCH_TIMEOUT_S:g} s")
