"""shelterapp-cli status / sources: poll the configured feeds once and print the merged alert state.

JSON contract (issue #3, built in alerting/status_json.py): status -> {"state", "regions": {...}, "sources": {NAME:
{"ok", "error", "updated"}}, "advisories": [...]}; exit 0 whatever the state. `sources.relay` (issue #15) adds
"seq", "published_at" and "relay_state". Field names are relied on by scripts: extend, never rename.
Issue #12 added: sources.NAME "stale" (failed now: "updated" and "regions" are its last good answer) and, for
alert sources, "regions"; each advisory's "received" and "stale" (listed from its failing source's last good
answer); "history_problem". `status` reads and records the window's history (paths.history_database) but
never notifies and never marks anything announced.
"""

from __future__ import annotations

import argparse
import json
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from shelterapp.config import AppConfig, load_config
from shelterapp.paths import Paths
from shelterapp.urls import redact

if TYPE_CHECKING:  # imported when a command runs: --help and --version stay free of requests and keyring
    from shelterapp.alerting.history import HistoryStore
    from shelterapp.alerting.poll_once import Snapshot, SourceResult
    from shelterapp.sources.registry import SourceSpec

log = logging.getLogger(__name__)


def add_commands(commands: Any) -> None:
    status = commands.add_parser(
        "status",
        help="poll every enabled source once and print the alert state",
        epilog="example: shelterapp-cli status --json",
    )
    status.add_argument("--json", action="store_true", help="print JSON")
    sources = commands.add_parser(
        "sources",
        help="list sources: enabled or not, intervals, URLs and health",
        epilog="example: shelterapp-cli sources --no-check",
    )
    sources.add_argument("--json", action="store_true", help="print JSON")
    sources.add_argument("--no-check", action="store_true", help="do not poll; configuration only")


def _iso(moment: datetime | None) -> str | None:  # alerting/status_json.iso, without importing the alerting core
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _setup(paths: Paths) -> tuple[AppConfig, list[SourceSpec]]:
    from shelterapp.desktop.secrets import TokenStore
    from shelterapp.sources.registry import build_specs

    config = load_config(paths.config_file)
    tokens = TokenStore()
    return config, build_specs(config, tokens.get)


def status_json(snapshot: Snapshot, config: AppConfig) -> dict[str, Any]:
    from shelterapp.alerting.status_json import status_json as alerting_status_json
    from shelterapp.sources.relay_format import RelayReport

    data = alerting_status_json(snapshot, config.problems)
    for name, result in snapshot.results.items():
        data["sources"][name].update(_kept_json(result))
        if isinstance(result.report, RelayReport):  # what the relay itself published (issue #15)
            report = result.report
            data["sources"][name].update(
                seq=report.seq, published_at=_iso(report.published_at), relay_state=report.relay_state
            )
    for item, entry in zip(data["advisories"], snapshot.listed, strict=False):  # the same items, same order
        item.update(received=_iso(entry.received), stale=entry.stale)
    data["history_problem"] = snapshot.history_problem or None
    return data


def _kept_json(result: SourceResult) -> dict[str, Any]:
    """Issue #12: whether what is shown is the source's last good answer (it failed now), and for an alert source
    that answer's regions."""
    from shelterapp.sources.base import AlertReport

    data: dict[str, Any] = {"stale": result.stale}
    if result.kind == "alerts":
        report = result.report if isinstance(result.report, AlertReport) else None
        regions = report.regions.items() if report else ()
        data["regions"] = {
            rid: {"state": "active" if r.active else "clear", "since": _iso(r.since)} for rid, r in regions
        }
    return data


def _open_history(paths: Paths) -> HistoryStore | None:
    """The window's history, shared (WAL, a busy timeout); without it the poll still stands on its own."""
    import sqlite3

    from shelterapp.alerting.history import HistoryStore
    from shelterapp.storage.dbfile import NewerSchema

    try:
        return HistoryStore.open(paths.history_database)
    except (sqlite3.Error, NewerSchema, OSError) as exc:
        log.warning("status without the history %s: %s", paths.history_database, exc)
        return None


def run_status(args: argparse.Namespace, paths: Paths) -> int:
    from shelterapp.alerting.poll_once import poll_once
    from shelterapp.sources.http import HttpClient

    config, specs = _setup(paths)
    http = HttpClient()
    history = _open_history(paths)
    try:
        snapshot = poll_once(specs, http, config.regions, datetime.now(UTC), history)
    finally:
        http.close()
        if history is not None:
            history.close()
    data = status_json(snapshot, config)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"Alert state: {data['state'].upper()}")
    for region in data["regions"].values():
        extra = ", ".join(filter(None, [", ".join(region["threats"]), region["level"], region["since"]]))
        print(f"  {region['name']}: {region['state']}" + (f" ({extra})" if extra else ""))
    print("Sources:")
    for name, source in data["sources"].items():
        health = "ok" if source["ok"] else f"FAILED: {source['error']} ({source['detail']})"
        if source["stale"]:
            health += f"; last good answer {source['updated']}"
        print(f"  {name}: {health}")
    if data["advisories"]:
        print("Advisories (newest first):")
        for advisory in data["advisories"][:5]:
            kept = f" (kept from {advisory['received']}: its source is failing)" if advisory["stale"] else ""
            print(f"  [{advisory['source']}] {advisory['published'][:10]} {advisory['title']}{kept}")
    for problem in config.problems:
        print(f"config.toml: {problem}")
    return 0


def run_sources(args: argparse.Namespace, paths: Paths) -> int:
    from shelterapp.alerting.poll_once import poll_once
    from shelterapp.sources.http import HttpClient

    config, specs = _setup(paths)
    results: dict[str, Any] = {}
    if not args.no_check:
        http = HttpClient()
        try:
            results = poll_once(specs, http, config.regions, datetime.now(UTC)).results
        finally:
            http.close()
    rows: list[dict[str, Any]] = []
    for spec in specs:
        result = results.get(spec.name)
        rows.append(
            {
                "name": spec.name,
                "kind": spec.kind,
                "enabled": spec.settings.enabled,
                "interval_s": spec.interval_s,
                "url": redact(spec.settings.url),  # credentials written into a URL are never printed
                "needs_token": spec.needs_token,
                "token_set": bool(spec.settings.token) if spec.needs_token else None,
                "attribution": spec.attribution,
                "health": None
                if result is None
                else {
                    "ok": result.ok,
                    "error": result.error.value if result.error else None,
                    "updated": _iso(result.updated),
                },
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        health = row["health"]
        state = "not checked" if health is None else ("ok" if health["ok"] else f"failed: {health['error']}")
        token = "" if row["token_set"] is None else (", token set" if row["token_set"] else ", NO TOKEN")
        on = "on " if row["enabled"] else "off"
        print(f"{on} {row['name']:<12} every {row['interval_s']:>6.0f} s  {row['url']}  [{state}{token}]")
    return 0
