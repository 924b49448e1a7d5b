"""Which sources exist, and each one's effective settings: module defaults, then config.toml, then the token."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING

from shelterapp.config import ALERT_SOURCES, FEED_SOURCES, RELAY_SOURCE, AppConfig
from shelterapp.sources.base import AdvisoryReport, AlertReport, SourceSettings
from shelterapp.sources.errors import FailureKind, SourceError

if TYPE_CHECKING:
    from shelterapp.sources.http import HttpClient


@dataclass(frozen=True)
class SourceSpec:
    """One configured source: its module (the Source interface) and its settings."""

    name: str  # "siren_pp_ua", ..., "cap:1" for the first CAP feed
    module: ModuleType
    settings: SourceSettings

    @property
    def kind(self) -> str:
        return str(self.module.KIND)

    @property
    def interval_s(self) -> float:
        return max(self.settings.interval_s, float(getattr(self.module, "MIN_INTERVAL_S", 1.0)))

    @property
    def pushed(self) -> bool:
        """Pushed to us (the relay over MQTT) rather than polled: `module.subscribe()` instead of a coordinator."""
        return bool(getattr(self.module, "PUSHED", False))

    @property
    def needs_token(self) -> bool:
        return bool(self.module.NEEDS_TOKEN)

    @property
    def attribution(self) -> str:
        return str(self.module.ATTRIBUTION)

    def fetch(
        self,
        http: HttpClient,
        regions: tuple[str, ...],
        state: dict[str, object],
        now: datetime,
        watch: tuple[str, ...] = (),
    ) -> AlertReport | AdvisoryReport:
        """One poll of this source (blocking: call it off the GUI thread). `state` is the module's memory
        between polls of one coordinator. Raises SourceError; a missing token is AUTH before any request.
        `watch`: more regions to report (the raions next to Kyiv, alerting/nearby.py), taken from the same answer:
        no request and no history is spent on them."""
        if self.needs_token and not self.settings.token:
            raise SourceError(FailureKind.AUTH, "no token entered")
        if self.kind == "alerts":
            report: AlertReport | AdvisoryReport = self.module.fetch(http, self.settings, regions, state, now)
            if watch and isinstance(report, AlertReport):
                report = with_watched(report, state.get(FULL_ANSWER), watch)
        else:
            report = self.module.fetch(http, self.settings, state, now)
        return report


FULL_ANSWER = "last_full"  # where an alert module keeps its last whole answer (every region) in its `state`


def with_watched(report: AlertReport, full: object, watch: tuple[str, ...]) -> AlertReport:
    """The report with the watched regions the module's whole answer can speak for added (never replaced)."""
    if not isinstance(full, AlertReport):
        return report
    extra = {r: said for r in watch if r not in report.regions and (said := full.state_of(r)) is not None}
    return replace(report, regions={**report.regions, **extra}) if extra else report


def module_for(name: str) -> ModuleType:
    return importlib.import_module(f"shelterapp.sources.{name.split(':', 1)[0]}")


def build_specs(config: AppConfig, token_for: Callable[[str], str] = lambda _name: "") -> list[SourceSpec]:
    """Every known feed, enabled or not, in a stable order: alert feeds first (shelter lists are not feeds)."""
    specs = []
    for name in FEED_SOURCES:
        module = module_for(name)
        override = config.sources.get(name)
        token = token_for(name) if module.NEEDS_TOKEN else ""
        # A source that needs the user's own key is on once a key is entered, unless config.toml says no.
        default_on = bool(token) if module.NEEDS_TOKEN else module.ENABLED_BY_DEFAULT
        enabled = default_on if override is None or override.enabled is None else override.enabled
        settings = SourceSettings(
            url=(override.url if override and override.url else module.DEFAULT_URL),
            enabled=bool(enabled),
            interval_s=float(override.interval_s if override and override.interval_s else module.DEFAULT_INTERVAL_S),
            token=token,
        )
        specs.append(SourceSpec(name, module, settings))
    cap = module_for("cap")
    for number, url in enumerate(config.cap_urls, 1):
        specs.append(SourceSpec(f"cap:{number}", cap, SourceSettings(url, True, float(cap.DEFAULT_INTERVAL_S))))
    if config.relay_source is not None:  # [sources.relay]: the organisation's relay; its password from the keyring
        relay = module_for(RELAY_SOURCE)
        specs.append(SourceSpec(RELAY_SOURCE, relay, relay.settings_for(config.relay_source, token_for(RELAY_SOURCE))))
    return specs


def is_alert_source(name: str) -> bool:
    return name in ALERT_SOURCES or name == RELAY_SOURCE
