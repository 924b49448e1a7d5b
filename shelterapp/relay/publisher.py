"""The relay's side of the broker: one MQTT v5 connection with a last will, retained QoS 1 publishes, and the
broker's verdict on each (PUBACK reason codes; see sources/mqtt.py for the paho-mqtt 2.x traps).

Presence on `<prefix>/relay`: the will says "offline" (retained) if the connection drops without a goodbye
(a crash, SIGKILL, a pulled cable once keepalive runs out); on every (re)connect we publish "online"
(retained); on a clean stop we publish "offline" ourselves, because a clean DISCONNECT discards the will.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from shelterapp.config_relay import RelayConfig
from shelterapp.sources import mqtt as mqtt_link
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.relay_format import OFFLINE, ONLINE, PRESENCE

log = logging.getLogger(__name__)

PUBLISH_TIMEOUT_S = 10.0


class Publisher:
    """connect() once; publish() from one thread (the relay loop); close() at the end. `on_reconnected` runs on
    paho's thread after every successful reconnect (not the first connect): the loop re-publishes at once."""

    def __init__(self, config: RelayConfig, password: str, on_reconnected: Callable[[], None] = lambda: None) -> None:
        self.config = config
        self.on_reconnected = on_reconnected
        self.connections = 0
        self._client = mqtt_link.make_client(config, password, role="relay", will=(config.topic(PRESENCE), OFFLINE))
        self._client.on_connect = self._connected
        self._client.on_connect_fail = self._connect_failed
        self._client.on_disconnect = self._disconnected
        self._client.on_publish = self._published
        self._answered = threading.Event()
        self._up = threading.Event()
        self.last_error: SourceError | None = None
        self._acks: dict[int, Any] = {}
        self._acks_lock = threading.Lock()

    @property
    def connected(self) -> bool:
        return self._up.is_set()

    def connect(self, timeout_s: float) -> None:
        """Start connecting; wait for the broker's first answer. Raises SourceError if it refused us or
        could not be reached in time (paho goes on retrying in the background unless close() is called)."""
        mqtt_link.connect_async(self._client, self.config)
        self._answered.wait(timeout_s)
        if not self._up.is_set():
            raise self.last_error or SourceError(FailureKind.TIMEOUT, f"no answer from the broker in {timeout_s:g} s")

    def publish(self, leaf: str, payload: bytes, *, timeout_s: float = PUBLISH_TIMEOUT_S) -> None:
        """Retained, QoS 1; returns once the broker acknowledged it. Raises SourceError otherwise."""
        if not self._up.is_set():
            raise self.last_error or SourceError(FailureKind.OFFLINE, "not connected to the broker")
        info = self._client.publish(self.config.topic(leaf), payload, qos=1, retain=True)
        try:
            info.wait_for_publish(timeout_s)
        except (RuntimeError, ValueError) as exc:  # paho: not connected any more, or its queue is full
            raise SourceError(FailureKind.OFFLINE, f"publish failed: {exc}") from exc
        if not info.is_published():
            raise SourceError(FailureKind.TIMEOUT, f"the broker did not acknowledge within {timeout_s:g} s")
        with self._acks_lock:
            reason = self._acks.pop(info.mid, None)
        refused = mqtt_link.publish_refused(reason)
        if refused is not None:
            raise refused

    def close(self, say_offline: bool = True) -> None:
        """Say "offline" ourselves (a clean disconnect discards the will), then leave. `--once` (run from a timer)
        leaves "online": its state then speaks for itself until it is 3 minutes old (relay_format.STALE_AFTER_S)."""
        if self._up.is_set() and say_offline:
            try:
                self.publish(PRESENCE, OFFLINE, timeout_s=5.0)
            except SourceError as exc:
                log.warning("could not mark the relay offline: %s", exc)
        self._up.clear()
        self._client.disconnect()
        self._client.loop_stop()

    # paho's thread ---------------------------------------------------------------------------------------
    def _connected(self, client: Any, _userdata: Any, _flags: Any, reason_code: Any, _properties: Any) -> None:
        if reason_code.is_failure:
            self.last_error = mqtt_link.refused(reason_code)
            log.error("broker refused the relay: %s", self.last_error)
            self._answered.set()
            return
        self.last_error = None
        client.publish(self.config.topic(PRESENCE), ONLINE, qos=1, retain=True)
        log.info("connected to %s:%d as %s", self.config.host, self.config.port, self.config.username or "anonymous")
        self.connections += 1
        self._up.set()
        self._answered.set()
        if self.connections > 1:
            self.on_reconnected()

    def _connect_failed(self, _client: Any, _userdata: Any) -> None:
        self.last_error = mqtt_link.connect_failure(self._client, self.config)
        log.warning("cannot reach the broker: %s", self.last_error)
        self._answered.set()

    def _disconnected(self, _client: Any, _userdata: Any, _flags: Any, reason_code: Any, _properties: Any) -> None:
        if self._up.is_set():  # else this ends a refused login: keep the refusal as the reason
            log.warning("lost the broker (%s); reconnecting", reason_code)
            self.last_error = mqtt_link.lost(reason_code)
        self._up.clear()

    def _published(self, _client: Any, _userdata: Any, mid: int, reason_code: Any, _properties: Any) -> None:
        with self._acks_lock:
            self._acks[mid] = reason_code
            if len(self._acks) > 1000:  # acks nobody waited for (timeouts): do not keep them forever
                self._acks.pop(next(iter(self._acks)))
