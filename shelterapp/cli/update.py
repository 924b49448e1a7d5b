"""shelterapp-cli update: download the city's official shelter list and OpenStreetMap's, check them, swap them in.

JSON contract (issue #4): {"sources": [{"source", "ok", "rows", "rejected", "unpositioned", "attribution",
"licence", "url", "updated", "error", "reasons", "failure"}, ...], "config_problems": [...]}. Field names are
relied on by scripts: extend, never rename. Exit 0 when every list was updated, 1 when any failed (its previous
rows stay). `--source NAME` updates NAME even when config.toml turns its automatic refresh off (enabled = false);
without it every enabled list is updated.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from shelterapp.cli.progress import TerminalProgress
from shelterapp.config import SHELTER_LIST_SOURCES, load_config
from shelterapp.paths import Paths

if TYPE_CHECKING:  # imported when the command runs: --help and --version stay free of requests
    from shelterapp.shelter_updates.updater import UpdateOutcome
    from shelterapp.shelters.catalog import Catalog


def add_command(commands: Any) -> None:
    update = commands.add_parser(
        "update",
        help="download the official and OpenStreetMap shelter lists",
        epilog="example: shelterapp-cli update --source kyiv_opendata",
    )
    update.add_argument(
        "--source",
        choices=SHELTER_LIST_SOURCES,
        metavar="NAME",
        help=f"only this list, even if config.toml disables it: {', '.join(SHELTER_LIST_SOURCES)}",
    )
    update.add_argument("--json", action="store_true", help="print JSON (no progress on stderr)")


def outcome_json(outcome: UpdateOutcome) -> dict[str, Any]:
    return dataclasses.asdict(outcome)


def run_update(args: argparse.Namespace, catalog: Catalog, paths: Paths) -> int:
    from shelterapp.shelter_updates.updater import update_list
    from shelterapp.sources.shelter_lists import big_file_client, configured, downloader

    config = load_config(paths.config_file)
    lists = configured(config)
    chosen = [s for s in lists if s.name == args.source] if args.source else [s for s in lists if s.enabled]
    progress = TerminalProgress.for_command(args.json)
    http = big_file_client()
    outcomes = []
    try:
        for source in chosen:
            progress.start(source.name)
            try:
                outcomes.append(update_list(source, catalog, downloader(source, http), paths.cache_dir, progress))
            finally:
                progress.finish()
    finally:
        http.close()
    if args.json:
        data = {"sources": [outcome_json(o) for o in outcomes], "config_problems": config.problems}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if not chosen:
            print("Every shelter list is disabled in config.toml; name one with --source NAME.")
        for outcome in outcomes:
            print(_line(outcome))
        for problem in config.problems:
            print(f"config.toml: {problem}")
    return 0 if all(o.ok for o in outcomes) else 1


def _line(o: UpdateOutcome) -> str:
    if not o.ok:
        return f"{o.source}: not updated ({o.error}); the previous data stays"
    host = urlsplit(o.url).netloc
    return (
        f"{o.source}: {o.rows:,} shelters ({o.rejected:,} rejected, {o.unpositioned:,} without position) "
        f"from {host} — {o.attribution}, {o.licence}"
    )
