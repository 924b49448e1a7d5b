"""The one way the app and the relay talk MQTT: a paho-mqtt 2.x client set up right, and its failures in our words.

paho-mqtt 2.x traps (../shared/research/desktop-alerts.md 1.5), all handled here once:
- `mqtt.Client()` without a callback API version silently picks VERSION1 (and warns); a positional client id
  raises TypeError. We always pass CallbackAPIVersion.VERSION2 and `client_id=` by keyword.
- MQTT v5 only: under 3.1.1 a publish the ACL denies is acknowledged as a success and silently dropped;
  under v5 it is PUBACK 135 "Not authorized", which we can report.
- VERSION2 callbacks get ReasonCode objects: test `.is_failure`, compare `.value`.
- With `loop_start()` the callbacks run on paho's own thread: nothing here touches Qt; callers hand results
  over (the desktop through a queued Qt signal in alerting/pushed.py).
- paho swallows the exception of a failed (re)connect and calls on_connect_fail() without it; `Client` keeps
  it so "certificate not trusted" is told apart from "connection refused".
"""

from __future__ import annotations

import socket
import ssl
import uuid
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from shelterapp.config_relay import BrokerConfig
from shelterapp.sources.errors import FailureKind, SourceError

KEEPALIVE_S = 15  # a silent network loss is noticed after about 2.5 x this (measured)
RECONNECT_MIN_S, RECONNECT_MAX_S = 1, 60  # with 10,000 desktops a broker restart must not bring them all at once
CONNECT_TIMEOUT_S = 10.0
_AUTH_CODES = {134, 135, 138, 140}  # bad user name or password, not authorized, banned, bad auth method


class Client(mqtt.Client):
    """paho's client, remembering why the last connection attempt failed (paho drops the exception)."""

    last_connect_error: BaseException | None = None
    max_packet_bytes: int | None = None  # sent as MQTT v5 Maximum Packet Size on every (re)connect

    def reconnect(self) -> mqtt.MQTTErrorCode:
        try:
            result = super().reconnect()
        except OSError as exc:
            self.last_connect_error = exc
            raise
        self.last_connect_error = None
        return result


def make_client(
    broker: BrokerConfig,
    password: str,
    *,
    role: str,
    will: tuple[str, bytes] | None = None,
    max_packet_bytes: int | None = None,
) -> Client:
    """A configured, not yet connected client. `role` names the generated client id ("relay", "desk");
    `will` is (topic, payload), sent retained at QoS 1 if the connection drops without a goodbye. Raises
    SourceError when the CA file cannot be read."""
    client_id = broker.client_id or f"shelterapp-{role}-{uuid.uuid4().hex[:12]}"
    client = Client(
        mqtt.CallbackAPIVersion.VERSION2,
        client_id=client_id,
        protocol=mqtt.MQTTProtocolVersion.MQTTv5,
        reconnect_on_failure=True,
    )
    if broker.username:
        client.username_pw_set(broker.username, password or None)
    if broker.tls:
        try:  # the org's CA, or the system store; never unverified
            client.tls_set(ca_certs=broker.ca_file or None)
        except (OSError, ssl.SSLError) as exc:
            raise SourceError(
                FailureKind.AUTH, f"ca_file {broker.ca_file} cannot be used ({type(exc).__name__})"
            ) from exc
    client.reconnect_delay_set(RECONNECT_MIN_S, RECONNECT_MAX_S)
    client.connect_timeout = CONNECT_TIMEOUT_S
    if will is not None:
        client.will_set(will[0], will[1], qos=1, retain=True)
    client.max_packet_bytes = max_packet_bytes
    return client


def connect_properties(max_packet_bytes: int | None) -> Properties | None:
    """MQTT v5 Maximum Packet Size: the broker drops bigger messages for us instead of sending them."""
    if max_packet_bytes is None:
        return None
    properties = Properties(PacketTypes.CONNECT)
    properties.MaximumPacketSize = max_packet_bytes
    return properties


def connect_async(client: Client, broker: BrokerConfig) -> None:
    """Start connecting on paho's thread (retries with backoff forever; callbacks report the outcome)."""
    client.connect_async(
        broker.host, broker.port, keepalive=KEEPALIVE_S, properties=connect_properties(client.max_packet_bytes)
    )
    client.loop_start()


def refused(reason_code: Any) -> SourceError:
    """A CONNACK with a failure reason code."""
    value = getattr(reason_code, "value", reason_code)
    name = reason_code.getName() if hasattr(reason_code, "getName") else str(reason_code)
    if value in _AUTH_CODES:
        return SourceError(FailureKind.AUTH, f"the broker refused the login ({value} {name})")
    if value == 151:  # quota exceeded
        return SourceError(FailureKind.RATE_LIMITED, f"the broker asks us to slow down ({value} {name})")
    return SourceError(FailureKind.SERVER_ERROR, f"the broker refused the connection ({value} {name})")


def connect_failure(client: Client, broker: BrokerConfig) -> SourceError:
    """Why the last attempt to reach the broker failed, from the exception paho swallowed."""
    exc = client.last_connect_error
    where = f"{broker.host}:{broker.port}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        why = exc.verify_message or "verification failed"
        return SourceError(FailureKind.AUTH, f"the broker's certificate is not trusted ({why}); check ca_file")
    if isinstance(exc, ssl.SSLError):
        return SourceError(FailureKind.SERVER_ERROR, f"TLS with {where} failed ({exc.reason or type(exc).__name__})")
    if isinstance(exc, TimeoutError | socket.timeout):
        return SourceError(FailureKind.TIMEOUT, f"{where} did not answer in time")
    if isinstance(exc, socket.gaierror):
        return SourceError(FailureKind.OFFLINE, f"cannot find {broker.host}")
    name = type(exc).__name__ if exc is not None else "no connection"
    return SourceError(FailureKind.OFFLINE, f"cannot connect to {where}: {name}")


def lost(reason_code: Any) -> SourceError:
    """The connection dropped (or the broker closed it)."""
    value = getattr(reason_code, "value", reason_code)
    if value in _AUTH_CODES:
        return refused(reason_code)
    name = reason_code.getName() if hasattr(reason_code, "getName") else str(reason_code)
    return SourceError(FailureKind.OFFLINE, f"lost the broker ({name})")


def publish_refused(reason_code: Any) -> SourceError | None:
    """A PUBACK that is not a success (135 = the ACL says no), or None."""
    if reason_code is None or not getattr(reason_code, "is_failure", False):
        return None
    value = getattr(reason_code, "value", reason_code)
    kind = FailureKind.AUTH if value in _AUTH_CODES else FailureKind.SERVER_ERROR
    return SourceError(kind, f"the broker refused the message ({value} {reason_code.getName()})")
