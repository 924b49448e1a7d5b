"""config.toml's `[relay]` (the organisation's relay process) and `[sources.relay]` (a desktop that follows it).

Contract (issue #15):
    [relay]
    broker = "mqtts://broker.example.org:8883"   # mqtt:// only to loopback, or with insecure = true
    topic_prefix = "shelterapp/kyiv"
    username = "relay"
    ca_file = "/etc/shelterapp/ca.crt"           # the organisation's CA; absent = the system's CA store
    client_id = "shelterapp-relay"
    webhook_listen = "0.0.0.0:8080"              # optional: Ukraine Alarm webhook calls wake the relay
    webhook_url = "https://relay.example.org"     # optional: the public base URL registered with Ukraine Alarm

    [sources.relay]
    url = "mqtts://broker.example.org:8883"
    topic_prefix = "shelterapp/kyiv"
    username = "desktop"
    ca_file = "/etc/shelterapp/ca.crt"

Passwords never live here (the keyring, or SHELTERAPP_RELAY_PASSWORD for the relay). A bad value is one
problem sentence and that section (or key) is ignored; the rest of the file still loads.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_TOPIC_PREFIX = "shelterapp/kyiv"
_BROKER_KEYS = {"topic_prefix", "username", "ca_file", "client_id", "insecure"}
RELAY_KEYS = _BROKER_KEYS | {"broker", "webhook_listen", "webhook_url"}
RELAY_SOURCE_KEYS = _BROKER_KEYS | {"url", "enabled"}
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


@dataclass(frozen=True)
class BrokerConfig:
    """Where an MQTT broker is and how to reach it (the password comes from elsewhere)."""

    url: str
    topic_prefix: str = DEFAULT_TOPIC_PREFIX
    username: str = ""
    ca_file: str = ""
    client_id: str = ""
    insecure: bool = False

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def tls(self) -> bool:
        return urlsplit(self.url).scheme == "mqtts"

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or (8883 if self.tls else 1883)

    def topic(self, leaf: str) -> str:
        return f"{self.topic_prefix}/{leaf}"


@dataclass(frozen=True)
class RelayConfig(BrokerConfig):
    webhook_listen: str = ""  # "host:port"; empty = no webhook listener
    webhook_url: str = ""  # public base URL the Ukraine Alarm API calls; empty = do not register

    @property
    def listen_address(self) -> tuple[str, int] | None:
        return split_listen(self.webhook_listen)


@dataclass(frozen=True)
class RelaySourceConfig(BrokerConfig):
    enabled: bool = True


def is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def split_listen(value: str) -> tuple[str, int] | None:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    host = host.strip("[]")
    return (host or "0.0.0.0", int(port))


def read_relay(table: Any, problems: list[str]) -> RelayConfig | None:
    """`[relay]`: None (with a problem sentence) when it cannot be used."""
    if not isinstance(table, dict):
        problems.append("[relay] must be a table; ignored")
        return None
    _unknown_keys("relay", table, RELAY_KEYS, problems)
    fields = _broker_fields("relay", table.get("broker"), "broker", table, problems)
    if fields is None:
        return None
    listen = table.get("webhook_listen", "")
    if listen and (not isinstance(listen, str) or split_listen(listen) is None):
        problems.append('relay.webhook_listen must be "host:port" such as "0.0.0.0:8080"; no webhook listener')
        listen = ""
    public = table.get("webhook_url", "")
    if public and not _http_url(public):
        problems.append("relay.webhook_url must be an http(s) URL; the webhook is not registered")
        public = ""
    if public and not listen:
        problems.append("relay.webhook_url needs relay.webhook_listen; the webhook is not registered")
        public = ""
    return RelayConfig(**fields, webhook_listen=listen, webhook_url=str(public).rstrip("/"))


def read_relay_source(table: Any, problems: list[str]) -> RelaySourceConfig | None:
    """`[sources.relay]`: None (with a problem sentence) when it cannot be used."""
    if not isinstance(table, dict):
        problems.append("[sources.relay] must be a table; ignored")
        return None
    _unknown_keys("sources.relay", table, RELAY_SOURCE_KEYS, problems)
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):
        problems.append("sources.relay.enabled must be true or false; the relay is followed")
        enabled = True
    if "url" not in table:
        if enabled and table:
            problems.append('sources.relay needs url = "mqtts://broker:8883"; the relay is not followed')
        return None
    fields = _broker_fields("sources.relay", table.get("url"), "url", table, problems)
    if fields is None:
        return None
    return RelaySourceConfig(**fields, enabled=enabled)


def _unknown_keys(section: str, table: dict[str, Any], known: set[str], problems: list[str]) -> None:
    for key in table:
        if key == "password":
            problems.append(
                f"{section}.password ignored: passwords never go in config.toml "
                "(use the keyring, or SHELTERAPP_RELAY_PASSWORD for the relay)"
            )
        elif key not in known:
            problems.append(f"unknown key {section}.{key} ignored")


def _broker_fields(
    section: str, url: Any, url_key: str, table: dict[str, Any], problems: list[str]
) -> dict[str, Any] | None:
    insecure = table.get("insecure", False)
    if not isinstance(insecure, bool):
        problems.append(f"{section}.insecure must be true or false; taken as false")
        insecure = False
    parts = urlsplit(url) if isinstance(url, str) else None
    try:
        port_ok = parts is not None and (parts.port is None or 0 < parts.port < 65536)
    except ValueError:
        port_ok = False
    if parts is None or parts.scheme not in ("mqtt", "mqtts") or not parts.hostname or not port_ok:
        problems.append(f'{section}.{url_key} must be "mqtts://host:port" (or mqtt:// on this machine); ignored')
        return None
    if parts.username or parts.password or (parts.path not in ("", "/")) or parts.query:
        problems.append(f"{section}.{url_key} must be only scheme, host and port (no user, path or query); ignored")
        return None
    if parts.scheme == "mqtt" and not insecure and not is_loopback(parts.hostname):
        problems.append(
            f"{section}.{url_key}: plain mqtt:// would send the password in clear; use mqtts:// "
            "(or set insecure = true); ignored"
        )
        return None
    prefix = table.get("topic_prefix", DEFAULT_TOPIC_PREFIX)
    if not _valid_prefix(prefix):
        problems.append(
            f'{section}.topic_prefix must be topic levels such as "shelterapp/kyiv" (no +, #, empty levels); '
            f"{DEFAULT_TOPIC_PREFIX} is used"
        )
        prefix = DEFAULT_TOPIC_PREFIX
    username = table.get("username", "")
    if not isinstance(username, str) or any(c in username for c in "\r\n\0"):
        problems.append(f"{section}.username must be text; none is sent")
        username = ""
    ca_file = table.get("ca_file", "")
    if not isinstance(ca_file, str):
        problems.append(f"{section}.ca_file must be a file path; the system's certificates are used")
        ca_file = ""
    elif ca_file and not Path(ca_file).expanduser().is_file():
        problems.append(f"{section}.ca_file {ca_file} does not exist; connecting will fail until it does")
    client_id = table.get("client_id", "")
    if client_id and (not isinstance(client_id, str) or not _CLIENT_ID.match(client_id)):
        problems.append(f"{section}.client_id must be 1-64 letters, digits or . _ : -; a generated one is used")
        client_id = ""
    return {
        "url": f"{parts.scheme}://{parts.netloc}",
        "topic_prefix": prefix,
        "username": username,
        "ca_file": str(Path(ca_file).expanduser()) if ca_file else "",
        "client_id": client_id,
        "insecure": insecure,
    }


def _valid_prefix(prefix: object) -> bool:
    if not isinstance(prefix, str) or not 0 < len(prefix) <= 200:
        return False
    levels = prefix.split("/")
    return all(levels) and not any(c in prefix for c in "+#\0") and not prefix.startswith("$")


def _http_url(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
