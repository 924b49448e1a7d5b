"""config.toml: where each feed and shelter list lives, whether it is on, how often it is fetched, what to watch.

Contract (issues #3, #4): `[sources.NAME]` tables with `url`, `enabled`, `interval_s` for NAME in SOURCE_NAMES
(alert and advisory feeds, polled every interval_s; and the downloadable shelter lists SHELTER_LIST_SOURCES,
refreshed every interval_s, default 7 days), `[[sources.cap]]` entries with `url`, `[alerts] regions = ["31"]`
(and, issue #14, `sound = true|false`, `fullscreen = true|false`, `quiet_hours = "23:00-07:00"`),
`[map] tile_url` (an http(s) template with {z}/{x}/{y}) and `tile_cache_mb` (whole MB, 0 = no disk cache),
`[geocoder] url` (a Nominatim-compatible server), `[alerts] nearby = true|false` (issue #16: the quiet notice
for the raions next to Kyiv; wins over the setting in the app), and (issue #15, config_relay.py) `[relay]` for the
organisation's relay process and `[sources.relay]` for a desktop that follows it. Values override the
defaults; an unknown key or a bad value is reported (one sentence each) and the rest still loads.
Secrets never live here: tokens go to the OS keyring (secrets.py). A source that sends the user's key
(KEYED_SOURCES), or any URL with credentials written into it, must use https: plain http is refused (the key
would cross the network in clear) unless it goes to this machine (loopback: tests, a local relay).
"""

from __future__ import annotations

import logging
import math
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from shelterapp.quiet_hours import BadSchedule, parse_schedule  # a pure leaf: the one schedule parser
from shelterapp.settings import AlarmSettings
from shelterapp.urls import in_clear

if TYPE_CHECKING:  # read only when config.toml has a relay section (config_relay.py): most never do
    from shelterapp.config_relay import RelayConfig, RelaySourceConfig

log = logging.getLogger(__name__)

ALERT_SOURCES = ("siren_pp_ua", "ukraine_alarm", "alerts_in_ua", "ubilling")
ADVISORY_SOURCES = ("us_embassy", "fcdo", "state_dept", "canada")
FEED_SOURCES = ALERT_SOURCES + ADVISORY_SOURCES  # polled feeds (sources/registry.py builds these)
SHELTER_LIST_SOURCES = ("kyiv_opendata", "osm")  # downloadable shelter lists (sources/shelter_lists.py)
SOURCE_NAMES = FEED_SOURCES + SHELTER_LIST_SOURCES
KEYED_SOURCES = ("ukraine_alarm", "alerts_in_ua")  # send the user's key with every request (NEEDS_TOKEN)
DEFAULT_REGIONS = ("31",)  # Kyiv city
# Kyiv city, Kyiv oblast and its raions (same ids in Ukraine Alarm and alerts.in.ua).
KNOWN_REGIONS = {
    "31": "Kyiv city",
    "14": "Kyiv oblast",
    "73": "Bila Tserkva raion",
    "74": "Vyshhorod raion",
    "75": "Bucha raion",
    "76": "Obukhiv raion",
    "77": "Fastiv raion",
    "78": "Boryspil raion",
    "79": "Brovary raion",
}
_SOURCE_KEYS = {"url", "enabled", "interval_s"}
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_CACHE_MB = 200
MAX_TILE_CACHE_MB = 100_000
DEFAULT_GEOCODER_URL = "https://nominatim.openstreetmap.org"
_SECTIONS = {"sources", "alerts", "map", "geocoder", "relay"}
RELAY_SOURCE = "relay"  # [sources.relay]: pushed by an MQTT broker, not polled (config_relay.py)


@dataclass(frozen=True)
class SourceOverride:
    url: str | None = None
    enabled: bool | None = None
    interval_s: float | None = None


@dataclass
class AppConfig:
    sources: dict[str, SourceOverride] = field(default_factory=dict)
    cap_urls: list[str] = field(default_factory=list)
    regions: tuple[str, ...] = DEFAULT_REGIONS
    regions_in_file: bool = False  # [alerts] regions given: it wins over the choice made in the app
    nearby: bool | None = None  # [alerts] nearby given: it wins over the setting in the app
    sound: bool | None = None  # [alerts] sound/fullscreen/quiet_hours given: they win over Settings
    fullscreen: bool | None = None
    quiet_hours: str | None = None  # normalised "23:00-07:00", or "" for none
    tile_url: str = DEFAULT_TILE_URL
    tile_cache_mb: int = DEFAULT_TILE_CACHE_MB
    geocoder_url: str = DEFAULT_GEOCODER_URL
    relay: RelayConfig | None = None  # [relay]: what `shelterapp-cli relay` publishes to
    relay_source: RelaySourceConfig | None = None  # [sources.relay]: the relay this desktop follows
    problems: list[str] = field(default_factory=list)  # one sentence each, for the UI and the log
    path: Path | None = None


def load_config(path: Path) -> AppConfig:
    config = AppConfig(path=path)
    if not path.exists():
        return config
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        config.problems.append(f"{path.name} cannot be read ({exc}); the defaults are in use")
    else:
        _read(raw, config)
    for problem in config.problems:
        log.warning("config: %s", problem)
    return config


def _read(raw: dict[str, Any], config: AppConfig) -> None:
    for key in raw:
        if key not in _SECTIONS:
            config.problems.append(f"unknown section [{key}] ignored")
    _read_map(raw.get("map", {}), config)
    _read_geocoder(raw.get("geocoder", {}), config)
    if "relay" in raw:
        from shelterapp.config_relay import read_relay

        config.relay = read_relay(raw["relay"], config.problems)
    sources = raw.get("sources", {})
    if not isinstance(sources, dict):
        config.problems.append("[sources] must be a table; ignored")
        sources = {}
    for name, table in sources.items():
        if name == "cap":
            config.cap_urls = _cap_urls(table, config.problems)
        elif name == RELAY_SOURCE:
            from shelterapp.config_relay import read_relay_source

            config.relay_source = read_relay_source(table, config.problems)
        elif name not in SOURCE_NAMES:
            known = ", ".join((*SOURCE_NAMES, "cap", RELAY_SOURCE))
            config.problems.append(f"unknown source [sources.{name}] ignored (known: {known})")
        elif not isinstance(table, dict):
            config.problems.append(f"[sources.{name}] must be a table; ignored")
        else:
            config.sources[name] = _override(name, table, config.problems)
    alerts = raw.get("alerts", {})
    if not isinstance(alerts, dict):
        config.problems.append("[alerts] must be a table; ignored")
        return
    for key in alerts:
        if key not in ("regions", "nearby", "sound", "fullscreen", "quiet_hours"):
            config.problems.append(f"unknown key alerts.{key} ignored")
    if "regions" in alerts:
        config.regions = _regions(alerts["regions"], config.problems)
        config.regions_in_file = True
    if "nearby" in alerts:
        if isinstance(alerts["nearby"], bool):
            config.nearby = alerts["nearby"]
        else:
            config.problems.append("alerts.nearby must be true or false; the setting in the app is used")
    _read_alarm(alerts, config)


def _read_alarm(alerts: dict[str, Any], config: AppConfig) -> None:
    for key in ("sound", "fullscreen"):
        if key in alerts:
            if isinstance(alerts[key], bool):
                setattr(config, key, alerts[key])
            else:
                config.problems.append(f"alerts.{key} must be true or false; the setting in the app is used")
    if "quiet_hours" in alerts:
        value = alerts["quiet_hours"]
        if value == "":
            config.quiet_hours = ""  # none, whatever the app says
        else:
            try:
                config.quiet_hours = str(parse_schedule(value))
            except BadSchedule as exc:
                config.problems.append(f"alerts.quiet_hours: {exc}; the setting in the app is used")


def _read_map(table: Any, config: AppConfig) -> None:
    if not isinstance(table, dict):
        config.problems.append("[map] must be a table; ignored")
        return
    for key in table:
        if key not in ("tile_url", "tile_cache_mb"):
            config.problems.append(f"unknown key map.{key} ignored")
    if "tile_url" in table:
        url = table["tile_url"]
        if _valid_url(url) and in_clear(url, keyed=False):
            config.problems.append(_CLEAR_CREDENTIALS.format(key="map.tile_url") + "; the default is in use")
        elif _valid_url(url) and all(part in url for part in ("{z}", "{x}", "{y}")):
            config.tile_url = url
        else:
            config.problems.append("map.tile_url must be an http(s) URL with {z}, {x} and {y}; the default is in use")
    if "tile_cache_mb" in table:
        size = table["tile_cache_mb"]
        if isinstance(size, int) and not isinstance(size, bool) and 0 <= size <= MAX_TILE_CACHE_MB:
            config.tile_cache_mb = size
        else:
            config.problems.append(
                f"map.tile_cache_mb must be a whole number from 0 to {MAX_TILE_CACHE_MB}; the default is in use"
            )


def _read_geocoder(table: Any, config: AppConfig) -> None:
    if not isinstance(table, dict):
        config.problems.append("[geocoder] must be a table; ignored")
        return
    for key in table:
        if key != "url":
            config.problems.append(f"unknown key geocoder.{key} ignored")
    if "url" in table:
        if _valid_url(table["url"]) and in_clear(table["url"], keyed=False):
            config.problems.append(_CLEAR_CREDENTIALS.format(key="geocoder.url") + "; the default is in use")
        elif _valid_url(table["url"]):
            config.geocoder_url = table["url"]
        else:
            config.problems.append("geocoder.url must be an http(s) URL; the default is in use")


def effective_regions(config: AppConfig, chosen: tuple[str, ...]) -> tuple[str, ...]:
    """config.toml's [alerts] regions if given, else what the person chose in the app, else Kyiv city."""
    if config.regions_in_file:
        return config.regions
    known = tuple(r for r in chosen if r in KNOWN_REGIONS)
    return known or DEFAULT_REGIONS


def effective_nearby(config: AppConfig, chosen: bool) -> bool:
    """config.toml's [alerts] nearby if given, else the setting in the app (on by default)."""
    return chosen if config.nearby is None else config.nearby


def effective_alarm(config: AppConfig, chosen: AlarmSettings) -> AlarmSettings:
    """What the person chose in Settings, with config.toml's [alerts] sound, fullscreen and quiet_hours on top."""
    return replace(
        chosen,
        sound=chosen.sound if config.sound is None else config.sound,
        fullscreen=chosen.fullscreen if config.fullscreen is None else config.fullscreen,
        quiet_hours=chosen.quiet_hours if config.quiet_hours is None else config.quiet_hours,
    )


def _override(name: str, table: dict[str, Any], problems: list[str]) -> SourceOverride:
    for key in table:
        if key not in _SOURCE_KEYS:
            problems.append(f"unknown key sources.{name}.{key} ignored")
    url = table.get("url")
    if url is not None and not _valid_url(url):
        problems.append(f"sources.{name}.url must be an http(s) URL; the default is in use")
        url = None
    elif url is not None and in_clear(url, keyed=name in KEYED_SOURCES):
        what = "its key" if name in KEYED_SOURCES else "the credentials in it"
        problems.append(
            f"sources.{name}.url must use https: over plain http {what} would cross the network in clear "
            "(http is only allowed to this machine); the default is in use"
        )
        url = None
    enabled = table.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        problems.append(f"sources.{name}.enabled must be true or false; the default is in use")
        enabled = None
    interval = table.get("interval_s")
    if interval is not None and (
        isinstance(interval, bool)
        or not isinstance(interval, int | float)
        or not math.isfinite(interval)
        or interval <= 0
    ):
        problems.append(f"sources.{name}.interval_s must be a positive number of seconds; the default is in use")
        interval = None
    return SourceOverride(url=url, enabled=enabled, interval_s=float(interval) if interval is not None else None)


def _cap_urls(entries: Any, problems: list[str]) -> list[str]:
    if not isinstance(entries, list):
        problems.append("[[sources.cap]] must be a list of tables with a url; ignored")
        return []
    urls = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not _valid_url(entry.get("url")):
            problems.append(f'CAP feed #{number} needs url = "http(s)://..."; ignored')
            continue
        if in_clear(entry["url"], keyed=False):
            problems.append(_CLEAR_CREDENTIALS.format(key=f"CAP feed #{number}'s url") + "; ignored")
            continue
        for key in entry:
            if key not in _SOURCE_KEYS:
                problems.append(f"unknown key {key} in CAP feed #{number} ignored")
        urls.append(entry["url"])
    return urls


def _regions(value: Any, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        problems.append('alerts.regions must be a non-empty list such as ["31"]; Kyiv city is watched')
        return DEFAULT_REGIONS
    regions = []
    for item in value:
        text = str(item).strip() if isinstance(item, str | int) and not isinstance(item, bool) else ""
        if text not in KNOWN_REGIONS:
            problems.append(f"unknown region {item!r} ignored (known: {', '.join(KNOWN_REGIONS)})")
        elif text not in regions:
            regions.append(text)
    return tuple(regions) or DEFAULT_REGIONS


_CLEAR_CREDENTIALS = (
    "{key} has credentials in it and must use https: over plain http they would cross the network in clear"
)


def _valid_url(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
