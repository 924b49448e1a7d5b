"""The release build's data step: download the official layer and OpenStreetMap's list once, check them exactly as
Update shelters does (updater.fetch_list), and write them where the bundle takes them from (bundled_lists.py).

    python -m shelterapp.shelter_updates.snapshot --out build/bundled-lists [--url NAME=URL ...] [--mode MODE]

URLs: each list's own (sources/shelter_lists.py) unless `--url NAME=URL` or SHELTERAPP_BUNDLE_<NAME>_URL
(SHELTERAPP_BUNDLE_KYIV_OPENDATA_URL, SHELTERAPP_BUNDLE_OSM_URL) names another, such as CI's local stand-in; a
URL given replaces the list's fallback hosts too. Mode (--mode or SHELTERAPP_BUNDLE_LISTS):
  download  (default) a list that cannot be had is left out, said loudly, and the build goes on: without network
            and without a stand-in the bundle starts on our 52 metro stations and fetches the lists when online
  required  any list left out fails the step (exit 1): what a release build uses
  skip      download nothing: a bundle with the metro list only
The folder is emptied first, so an old snapshot is never shipped by mistake. Exit 2 on bad usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from shelterapp.shelter_updates.updater import FetchedList, UpdateFailed, fetch_list
from shelterapp.shelters.bundled import load_bundled
from shelterapp.shelters.bundled_lists import BundledList, write_list, write_manifest
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.store import ShelterStore
from shelterapp.sources.shelter_lists import SHELTER_LISTS, ShelterList, big_file_client, downloader

MODES = ("download", "required", "skip")
LICENCE_URLS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "ODbL 1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}


def env_name(list_name: str) -> str:
    return f"SHELTERAPP_BUNDLE_{list_name.upper()}_URL"


def chosen_sources(overrides: Mapping[str, str], environ: Mapping[str, str]) -> list[ShelterList]:
    """Every list, with a URL from the arguments or the environment in place of its own (and of its fallbacks)."""
    lists = []
    for source in SHELTER_LISTS.values():
        url = overrides.get(source.name) or environ.get(env_name(source.name), "").strip()
        lists.append(replace(source, url=url, fallback_urls=()) if url else source)
    return lists


def snapshot(
    sources: Sequence[ShelterList], out: Path, now: datetime | None = None
) -> tuple[list[BundledList], dict[str, str]]:
    """Downloads and checks each list into `out`; returns the lists written and, by name, why others were not."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    stamp = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    written: list[BundledList] = []
    failed: dict[str, str] = {}
    http = big_file_client()
    with tempfile.TemporaryDirectory(prefix="shelterapp-snapshot-") as work:
        catalog = Catalog(ShelterStore.open(Path(work) / "check.sqlite"), load_bundled())  # for the importer only
        try:
            for source in sources:
                try:
                    fetched = fetch_list(source, catalog, downloader(source, http), Path(work), largest_recent=0)
                except UpdateFailed as failure:
                    failed[source.name] = failure.outcome.error or "no usable answer"
                    continue
                item = _item(fetched, stamp)
                write_list(out, item, fetched.result.shelters)
                written.append(item)
        finally:
            catalog.close()
            http.close()
    if written:
        write_manifest(out, written)
        (out / "README.txt").write_text(_readme(written), encoding="utf-8")
    return written, failed


def _item(fetched: FetchedList, stamp: str) -> BundledList:
    source, result = fetched.source, fetched.result
    return BundledList(
        name=source.name,
        dataset=source.dataset,
        attribution=source.attribution,
        licence=source.licence,
        url=fetched.url,
        updated=result.shelters[0].updated,
        downloaded_at=stamp,
        rows=result.accepted,
        rejected=result.rejected,
        file=f"{source.name}.json",
    )


def _readme(items: Sequence[BundledList]) -> str:
    lines = [
        "Shelter lists bundled with shelterapp, downloaded when this bundle was built and checked as",
        "File > Update shelters checks them. The app imports them at its first start and refreshes them online.",
        "",
    ]
    for item in items:
        lines += [
            f"{item.file}: {item.rows} shelters, data of {item.updated} (downloaded {item.downloaded_at})",
            f"  from {item.url}",
            f"  {item.attribution}; licence {item.licence} {LICENCE_URLS.get(item.licence, '')}".rstrip(),
            "",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    env = os.environ if environ is None else environ
    parser = argparse.ArgumentParser(prog="snapshot", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the bundle's lists (emptied first)")
    parser.add_argument("--url", action="append", default=[], metavar="NAME=URL", help="download NAME from URL")
    parser.add_argument("--mode", choices=MODES, help="download (default), required or skip")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(message)s")  # our summary below says what failed, once
    overrides = dict(pair.split("=", 1) for pair in args.url if "=" in pair)
    unknown = sorted(set(overrides) - set(SHELTER_LISTS)) + [pair for pair in args.url if "=" not in pair]
    mode = args.mode or env.get("SHELTERAPP_BUNDLE_LISTS", "").strip() or "download"
    if unknown or mode not in MODES:
        problem = f"unknown list {', '.join(unknown)}" if unknown else f"unknown mode {mode!r}"
        parser.error(f"{problem}; lists: {', '.join(SHELTER_LISTS)}; modes: {', '.join(MODES)}")
    if mode == "skip":
        snapshot([], args.out)
        print("shelter lists: skipped (SHELTERAPP_BUNDLE_LISTS=skip): the bundle starts on the metro list only")
        return 0
    written, failed = snapshot(chosen_sources(overrides, env), args.out)
    for item in written:
        print(f"shelter lists: {item.name}: {item.rows:,} shelters, data of {item.updated}, from {item.url} "
              f"({item.licence})")  # fmt: skip
    for name, why in failed.items():
        print(f"shelter lists: {name}: NOT bundled ({why})", file=sys.stderr)
    if not written:
        print("shelter lists: none bundled: the bundle starts on the 52 metro stations only and downloads the "
              "lists when it is online", file=sys.stderr)  # fmt: skip
    if failed and mode == "required":
        print("shelter lists: FAILED: SHELTERAPP_BUNDLE_LISTS=required and a list could not be had", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
