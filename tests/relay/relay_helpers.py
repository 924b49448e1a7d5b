"""Helpers for the relay tests: config.toml for a relay or a desktop, a relay in this process, a desktop
subscription that queues what it hears, and a raw MQTT client for what a hostile account would send."""

from __future__ import annotations

import json
import queue
import threading
import time
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from helpers import write_config
from mqtt_broker import DESK_PASSWORD, DESK_USER, PREFIX, RELAY_PASSWORD, RELAY_USER, PrivateBroker

from shelterapp.config import load_config
from shelterapp.config_relay import RelaySourceConfig
from shelterapp.relay.loop import Publication, RelayLoop, build
from shelterapp.relay.webhook import WebhookListener
from shelterapp.sources import relay as relay_source
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.sources.relay_format import Outcome, Pushed, RelayReport


def relay_config(home: Path, broker: PrivateBroker, feed_url: str, interval_s: float = 0.5, extra: str = "") -> Path:
    relay = f'[relay]\nbroker = "{broker.url}"\nusername = "{RELAY_USER}"\nca_file = "{broker.ca_file}"\n'
    feeds = {"siren_pp_ua": {"url": feed_url, "interval_s": interval_s}}
    return write_config(home, feeds, extra=relay + extra + '\n[alerts]\nregions = ["31"]\n')


def desk_source(broker: PrivateBroker, **overrides: Any) -> RelaySourceConfig:
    fields = {"url": broker.url, "topic_prefix": PREFIX, "username": DESK_USER, "ca_file": str(broker.ca_file)}
    return RelaySourceConfig(**{**fields, **overrides})


class InProcessRelay:
    """`shelterapp-cli relay` without the process: the same build(), its loop on a thread."""

    def __init__(self, home: Path, password: str = RELAY_PASSWORD) -> None:
        config = load_config(home / "config.toml")
        assert config.relay is not None, config.problems
        specs = [s for s in build_specs(config) if not s.pushed]
        self.http = HttpClient()
        self.loop: RelayLoop
        self.listener: WebhookListener | None
        self.loop, self.listener = build(
            config, config.relay, specs, self.http, password, config.regions, home / "data"
        )
        self.published: queue.Queue[Publication] = queue.Queue()
        self.loop.on_publish = self.published.put
        self._thread = threading.Thread(target=self.loop.run, daemon=True)

    def start(self) -> InProcessRelay:
        self.loop.publisher.connect(10)
        if self.listener is not None:
            self.listener.start()
        self._thread.start()
        return self

    def next_state(self, timeout: float = 15.0) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            publication = self.published.get(timeout=max(0.01, end - time.monotonic()))
            if publication.topic.endswith("/state"):
                return publication.payload
        raise AssertionError("the relay published no state")

    def stop(self) -> None:
        self.loop.stop()
        self._thread.join(10)
        if self.listener is not None:
            self.listener.close()
        self.loop.publisher.close()
        self.http.close()


class Desk:
    """A desktop's subscription (sources/relay.py) whose outcomes land in a queue."""

    def __init__(self, broker: PrivateBroker, password: str = DESK_PASSWORD, **overrides: Any) -> None:
        settings = relay_source.settings_for(desk_source(broker, **overrides), password)
        self.outcomes: queue.Queue[Outcome] = queue.Queue()
        self.threads: set[int] = set()
        self.subscription = relay_source.subscribe(settings, self._put)

    def _put(self, outcome: Outcome) -> None:
        self.threads.add(threading.get_ident())
        self.outcomes.put(outcome)

    def next(self, kind: type, timeout: float = 15.0, predicate: Any = None) -> Any:
        """The next outcome of `kind` (skipping others), e.g. Pushed with a RelayReport."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                outcome = self.outcomes.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if isinstance(outcome, kind) and (predicate is None or predicate(outcome)):
                return outcome
        raise AssertionError(f"no {kind.__name__} outcome within {timeout} s")

    def next_state(self, timeout: float = 15.0) -> RelayReport:
        pushed = self.next(Pushed, timeout, lambda o: isinstance(o.report, RelayReport))
        return pushed.report

    def drain(self) -> list[Outcome]:
        found = []
        while True:
            try:
                found.append(self.outcomes.get_nowait())
            except queue.Empty:
                return found

    def close(self) -> None:
        self.subscription.close()


def raw_client(broker: PrivateBroker, user: str, password: str) -> tuple[mqtt.Client, dict[int, Any]]:
    """A bare paho client, connected (MQTT v5); returns it and a dict mid -> PUBACK reason code."""
    acks: dict[int, Any] = {}
    connected = threading.Event()
    client = mqtt.Client(
        mqtt.CallbackAPIVersion.VERSION2,
        client_id=f"raw-{user}-{time.monotonic_ns()}",
        protocol=mqtt.MQTTProtocolVersion.MQTTv5,
    )
    client.username_pw_set(user, password)
    client.tls_set(ca_certs=str(broker.ca_file))
    client.on_connect = lambda *_a: connected.set()
    client.on_publish = lambda _c, _u, mid, rc, _p: acks.__setitem__(mid, rc)
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    assert connected.wait(10)
    return client, acks


def state_payload(seq: int, state: str = "clear", published_at: str | None = None, **extra: Any) -> bytes:
    """A state message as the relay writes it (only the fields a desktop reads)."""
    stamp = published_at or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    region = {"state": state, "threats": ["air_raid"] if state == "active" else [], "level": None, "since": None}
    payload = {"state": state, "regions": {"31": region}, "sources": {}, "seq": seq, "published_at": stamp, **extra}
    return json.dumps(payload).encode()
