"""The `shelterapp` command's entry point: parses the arguments before anything heavy is imported.

`shelterapp --help` and `--version` answer from here without importing Qt or the network libraries (a
person checking the version should not wait for a GUI toolkit to load); only a real start imports app.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from shelterapp import __version__
from shelterapp.help_text import GUI_EXIT_CODES, epilog
from shelterapp.settings import THEMES


def qt_free_start() -> tuple[ModuleType, ...]:
    """What the window's start needs that uses no Qt, imported before Qt: PySide6 reads the source of every module
    imported after it (its __feature__ import hook looks for the word "PySide6" in each), 2% of the start's work
    to the first frame for these (callgrind). tests/test_start_path.py checks that none is left for after."""
    import heapq
    import html
    import zoneinfo

    from shelterapp import config, jsonload, logs, paths
    from shelterapp.desktop import autostart, relaunch
    from shelterapp.map import clusters, viewport
    from shelterapp.shelters import catalog, geocode_cache, geocode_job
    from shelterapp.sources import tiles
    from shelterapp.storage import atomic

    first = (heapq, html, zoneinfo, config, jsonload, logs, paths, autostart, relaunch, clusters, viewport)
    return (*first, catalog, geocode_cache, geocode_job, tiles, atomic)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shelterapp",
        description="Kyiv shelters and alerts on the desktop. The command line is shelterapp-cli.",
        epilog=epilog(["shelterapp --lang uk --theme high_contrast"], GUI_EXIT_CODES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"shelterapp {__version__}")
    parser.add_argument(
        "--lang", choices=("uk", "en", "fr"), help="interface language (default: settings, then system)"
    )
    parser.add_argument("--hidden", action="store_true", help="start in the tray without showing the window")
    parser.add_argument(
        "--theme", choices=THEMES, help="system or high_contrast for this run (default: settings); not saved"
    )
    # Start, show the window, print one line and quit: a smoke test for bundles and benchmarks, not for people.
    parser.add_argument("--exit-after-start", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """The gui script's entry point (pyproject: shelterapp.launcher:main)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    qt_free_start()
    from shelterapp.app import run  # Qt and everything else: only now that a window is wanted

    return run(args)
