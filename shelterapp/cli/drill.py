"""shelterapp-cli drill: run the alert chain once with a DRILL and report each link.

JSON contract (issue #14): {"ok": bool, "links": [{"name", "ok", "detail", "advice"}]} with name among feeds,
shelters, notifications, sound (the window's Help → Run a drill adds fullscreen and tray); exit 0 when every
link is ok, 1 when any failed. Extend, never rename.

What it does: polls every enabled feed once (no alert state, no history: a drill never counts as an alert),
reads the shelter list, asks the notification service who it is and sends it one notification marked DRILL,
and plays the siren once through the first sound player that works. Texts are English, like the rest of the CLI.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when the drill runs: --help and --version stay free of requests and keyring
    from shelterapp.notify import drill, server_info
    from shelterapp.paths import Paths
    from shelterapp.settings import Settings

DRILL_TITLE = "DRILL: air-raid alert (not a real alert)"
DRILL_BODY = "This is a drill of shelterapp's alert chain, started from the command line. There is no alert."


def add_command(commands: Any) -> None:
    command = commands.add_parser(
        "drill",
        help="test the alert chain: feeds, shelters, notifications, sound (marked DRILL; no real alert)",
        epilog="example: shelterapp-cli drill --json",
    )
    command.add_argument("--json", action="store_true", help="print JSON")


def run_drill(args: argparse.Namespace, paths: Paths) -> int:
    from shelterapp.config import effective_alarm, load_config
    from shelterapp.notify import drill
    from shelterapp.settings import load_settings

    settings = load_settings(paths.settings_file).settings
    config = load_config(paths.config_file)
    alarm = effective_alarm(config, settings.alarm)
    now = datetime.now(UTC)
    links = [
        feeds(paths, settings, now),
        shelters(paths, settings),
        drill.notifications_link(notifications()),
        sound_check(paths, alarm.sound, alarm.volume),
    ]
    report = drill.report_json(links)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report)
    return 0 if report["ok"] else 1


def feeds(paths: Paths, settings: Settings, now: datetime) -> drill.DrillLink:
    from shelterapp.alerting.poll_once import poll_with_own_client
    from shelterapp.alerting.tracker import trusted_for_s
    from shelterapp.config import effective_regions, load_config
    from shelterapp.desktop.secrets import TokenStore
    from shelterapp.notify import drill
    from shelterapp.sources.registry import build_specs

    config = load_config(paths.config_file)
    specs = build_specs(config, TokenStore().get)
    snapshot = poll_with_own_client(specs, effective_regions(config, settings.regions), now)
    intervals = {spec.name: spec.interval_s for spec in specs}
    probes = [
        drill.FeedProbe(
            result.name,
            result.kind,
            result.error.value if result.error else "",
            result.updated,
            trusted_for_s(intervals[result.name]),
        )
        for result in snapshot.results.values()
    ]
    return drill.feeds_link(probes, datetime.now(UTC))


def shelters(paths: Paths, settings: Settings) -> drill.DrillLink:
    from shelterapp.notify import drill
    from shelterapp.shelters.catalog import Catalog
    from shelterapp.shelters.store import StoreError

    try:
        catalog = Catalog.open(paths.database)
    except (OSError, StoreError) as exc:
        return drill.shelters_link(drill.ShelterFacts(error=str(exc)))
    try:
        nearest = ""
        if settings.location is not None:
            hits = catalog.nearest(settings.location.lat, settings.location.lon, 1)
            if hits:
                hit = hits[0]
                nearest = f"{hit.shelter.display_name('en')}, {hit.distance_m:.0f} m, ≈ {hit.walk_min} min on foot"
        return drill.shelters_link(drill.shelter_facts(catalog, nearest))
    finally:
        catalog.close()


def notifications() -> server_info.NotificationProbe:
    from shelterapp.notify import drill, server_info

    key = f"drill:{datetime.now(UTC).isoformat()}"
    probe = server_info.probe(server_info.drill_notification(key, DRILL_TITLE, DRILL_BODY))
    if probe.server is not None and drill.is_mate(probe.server):
        dnd = server_info.mate_do_not_disturb()
        if dnd:
            return server_info.NotificationProbe(
                probe.server, probe.notification_id, probe.problem, probe.detail, extra={"dnd": dnd}
            )
    return probe


def sound_check(paths: Paths, enabled: bool, volume: int) -> drill.DrillLink:
    from shelterapp.notify import drill, sound
    from shelterapp.notify.alarm_policy import volume_step
    from shelterapp.notify.siren import SoundFiles

    players = sound.find_players()
    outcomes: list[sound.PlayOutcome] = []
    if players:
        try:
            siren = SoundFiles(paths.cache_dir / "sounds").siren(volume_step(volume))
        except OSError as exc:
            outcomes = [sound.PlayOutcome(players[0].name, -1, f"cannot write the sound file: {exc}")]
        else:
            outcomes = sound.play_first_working(players, siren)
    return drill.sound_link(sound.looked_for(), [p.name for p in players], outcomes, enabled)


def print_report(report: dict[str, Any]) -> None:
    print("DRILL of the alert chain (no real alert): " + ("every link works" if report["ok"] else "SOME LINKS FAILED"))
    for link in report["links"]:
        print(f"{'ok  ' if link['ok'] else 'FAIL'} {link['name']}: {link['detail']}")
        if link["advice"]:
            print(f"     what to do: {link['advice']}")
