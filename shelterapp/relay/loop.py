"""The relay's loop: poll (relay/poller.py), publish what changed (relay/publisher.py), re-publish at least
every REPUBLISH_S so desktops can tell a live relay from a stuck one, and poll at once when a webhook call
(relay/webhook.py) or a reconnect asks for it. One thread runs it; the others only set flags and wake it.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shelterapp.alerting.status_json import advisories_json, iso, status_json
from shelterapp.config import AppConfig
from shelterapp.config_relay import RelayConfig
from shelterapp.relay.memory import RelayMemory
from shelterapp.relay.poller import RelayPoller
from shelterapp.relay.publisher import Publisher
from shelterapp.relay.webhook import PATH_PREFIX, WebhookListener
from shelterapp.sources import ualarm_webhook
from shelterapp.sources.errors import RATE_LIMIT_FLOOR_S, FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec
from shelterapp.sources.relay_format import ADVISORIES, MAX_STATE_BYTES, STATE

log = logging.getLogger(__name__)

REPUBLISH_S = 60.0
RETRY_PUBLISH_S = 5.0
_VOLATILE = ("checked_at", "seq", "published_at")


@dataclass(frozen=True)
class Publication:
    topic: str
    payload: dict[str, Any]


def change_key(state: dict[str, Any]) -> str:
    """What a desktop would notice: everything but the timestamps that move at every poll."""
    stable = {k: v for k, v in state.items() if k not in _VOLATILE}
    stable["sources"] = {n: {k: v for k, v in s.items() if k != "updated"} for n, s in state["sources"].items()}
    return json.dumps(stable, sort_keys=True, ensure_ascii=False)


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class WebhookRegistrar:
    """Keeps the webhook URL registered with the Ukraine Alarm API (sources/ualarm_webhook.py)."""

    def __init__(self, http: HttpClient, spec: SourceSpec, hook_url: str, state: dict[str, object]) -> None:
        self._http, self._spec, self._url, self._state = http, spec, hook_url, state
        self.due = 0.0  # monotonic
        self.registered = False

    def step(self, now_mono: float, now: datetime) -> None:
        if now_mono < self.due:
            return
        try:
            method = ualarm_webhook.register(self._http, self._spec.settings, self._url, self._state, now)
        except SourceError as exc:
            wait = RATE_LIMIT_FLOOR_S if exc.kind is FailureKind.RATE_LIMITED else ualarm_webhook.RETRY_S
            log.warning("webhook registration failed (%s); trying again in %.0f min", exc, wait / 60)
            self.due = now_mono + wait
            return
        log.info(
            "webhook registered with Ukraine Alarm (%s); renewed every %.0f h", method, ualarm_webhook.RENEW_S / 3600
        )
        self.registered = True
        self.due = now_mono + ualarm_webhook.RENEW_S


class RelayLoop:
    def __init__(
        self,
        poller: RelayPoller,
        publisher: Publisher,
        memory: RelayMemory,
        problems: list[str],
        registrar: WebhookRegistrar | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.poller = poller
        self.publisher = publisher
        self.memory = memory
        self.problems = problems
        self.registrar = registrar
        self._clock = clock
        self._monotonic = monotonic
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._hurry = False
        self._republish_all = False
        self._keys: dict[str, str] = {}
        self._published_regions: Any = None
        self._last_state_at = -1e18
        self._retry_at: float | None = None
        self.on_publish: Callable[[Publication], None] = lambda _p: None

    # called from other threads ----------------------------------------------------------------------
    def wake_for_webhook(self) -> None:
        with self._lock:
            self._hurry = True
        self._wake.set()

    def republish_soon(self) -> None:
        """After a (re)connect: the broker may have lost its retained messages (a restart without persistence)."""
        with self._lock:
            self._republish_all = True
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    # the loop's own thread ----------------------------------------------------------------------------
    def run_once(self) -> list[Publication]:
        """Poll every source once and publish both topics (`shelterapp-cli relay --once`). Raises SourceError."""
        self.poller.poll_due(every=True)
        return self.publish(force=True)

    def run(self) -> None:
        self.poller.poll_due(every=True)
        self._publish_safely(force=True)
        while not self._stop.is_set():
            self._wake.wait(self._seconds_to_next())
            self._wake.clear()
            if self._stop.is_set():
                break
            with self._lock:
                hurry, self._hurry = self._hurry, False
                everything, self._republish_all = self._republish_all, False
            if hurry:
                self.poller.hurry()
            self.poller.poll_due()
            if self.registrar is not None:
                self.registrar.step(self._monotonic(), self._clock())
            heartbeat = self._monotonic() - self._last_state_at >= REPUBLISH_S
            self._publish_safely(force=everything, heartbeat=heartbeat)

    def _seconds_to_next(self) -> float:
        now = self._monotonic()
        waits = [self.poller.seconds_to_next(), self._last_state_at + REPUBLISH_S - now]
        if self._retry_at is not None:
            waits.append(self._retry_at - now)
        if self.registrar is not None:
            waits.append(self.registrar.due - now)
        return max(0.0, min(waits))

    def _publish_safely(self, force: bool, heartbeat: bool = False) -> None:
        try:
            self.publish(force=force, heartbeat=heartbeat)
            self._retry_at = None
        except SourceError as exc:
            log.warning("publishing failed (%s); trying again", exc)
            self._retry_at = self._monotonic() + RETRY_PUBLISH_S

    def publish(self, force: bool = False, heartbeat: bool = False) -> list[Publication]:
        """Publish the state when it changed (or `heartbeat`/`force`), the advisories when they changed (or
        `force`). Raises SourceError when the broker did not take a message (it is tried again later)."""
        snapshot = self.poller.snapshot()
        now = self._clock()
        disagreement = self.poller.disagreement.current(snapshot.merged.healthy)
        state = status_json(snapshot, self.problems, now, disagreement)
        advisories = advisories_json(snapshot.advisories)
        done: list[Publication] = []
        state_key = change_key(state)
        if force or heartbeat or state_key != self._keys.get(STATE):
            done.append(self._send(STATE, self._fit(state), now))
            self._keys[STATE] = state_key
            self._last_state_at = self._monotonic()
            if state["regions"] != self._published_regions:
                self.poller.calm()  # the news a webhook announced has arrived
            self._published_regions = state["regions"]
        advisories_key = json.dumps(advisories, sort_keys=True, ensure_ascii=False)
        if force or advisories_key != self._keys.get(ADVISORIES):
            done.append(self._send(ADVISORIES, {"advisories": advisories}, now))
            self._keys[ADVISORIES] = advisories_key
        return done

    def _send(self, leaf: str, payload: dict[str, Any], now: datetime) -> Publication:
        payload = {**payload, "seq": self.memory.next_seq(), "published_at": iso(now)}
        self.publisher.publish(leaf, encode(payload))
        publication = Publication(self.publisher.config.topic(leaf), payload)
        log.info("published %s seq %d%s", leaf, payload["seq"], f" ({payload['state']})" if "state" in payload else "")
        self.on_publish(publication)
        return publication

    def _fit(self, state: dict[str, Any]) -> dict[str, Any]:
        """Under the desktops' size cap: advisories are dropped from the state first (they have their own topic)."""
        while len(encode(state)) > MAX_STATE_BYTES - 1024 and state["advisories"]:
            state = {**state, "advisories": state["advisories"][: len(state["advisories"]) // 2]}
        return state


def webhook_url(config: RelayConfig, memory: RelayMemory) -> str:
    return config.webhook_url + PATH_PREFIX + memory.webhook_secret() if config.webhook_url else ""


def build(
    config: AppConfig,
    relay: RelayConfig,
    specs: list[SourceSpec],
    http: HttpClient,
    password: str,
    regions: tuple[str, ...],
    data_dir: Path,
) -> tuple[RelayLoop, WebhookListener | None]:
    """Every piece wired; nothing connected or started yet (the caller connects the publisher, starts the
    listener, then runs the loop)."""
    memory = RelayMemory(data_dir / "relay.json")
    poller = RelayPoller(specs, http, regions)
    publisher = Publisher(relay, password)
    registrar = None
    hook = webhook_url(relay, memory)
    if hook:
        ualarm = next((s for s in specs if s.name == "ukraine_alarm"), None)
        polled = next((s for s in poller.sources if s.spec.name == "ukraine_alarm"), None)
        if ualarm is None or not ualarm.settings.token:
            log.warning("relay.webhook_url is set but there is no Ukraine Alarm key: the webhook is not registered")
        else:
            registrar = WebhookRegistrar(http, ualarm, hook, polled.state if polled else {})
    loop = RelayLoop(poller, publisher, memory, config.problems, registrar)
    publisher.on_reconnected = loop.republish_soon
    listener = None
    address = relay.listen_address
    if address is not None:
        listener = WebhookListener(address, memory.webhook_secret(), loop.wake_for_webhook)
    return loop, listener
