"""shelterapp-cli plan: a printable A4 shelter plan, as a PDF, for a saved place or a point.

Contract (issue #16): `plan (--place NAME | --lat LAT --lon LON) --pdf FILE [--lang uk|en|fr]`; exit 0 when the
file is written, 1 when it cannot be (unwritable file, no shelter near the point), 2 for bad usage (including a
place name that is not saved). The language defaults to the interface's (settings, then the system's).

It draws with Qt (fonts, QPdfWriter) but opens no window and needs no display: the QGuiApplication always uses
the offscreen platform, so the command works the same on a server with no X or Wayland, in a cron job, over ssh,
and on a desktop, where it leaves the display alone. The place and its coordinates are never logged.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shelterapp.cli.shelters import PROG, _latitude, _longitude
from shelterapp.settings import LANGUAGES

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType
    from PySide6.QtGui import QGuiApplication

    from shelterapp.paths import Paths
    from shelterapp.shelters.catalog import Catalog

log = logging.getLogger(__name__)


def add_command(commands: Any) -> None:
    plan = commands.add_parser(
        "plan",
        help="a printable A4 shelter plan (PDF) for a saved place or a point",
        epilog="example: shelterapp-cli plan --lat 50.4501 --lon 30.5234 --pdf plan.pdf --lang en",
    )
    plan.add_argument(
        "--place", metavar="NAME", help="a place saved in the app (Settings > My places), e.g. --place Home"
    )
    plan.add_argument("--lat", type=_latitude, help="latitude in degrees (WGS84), with --lon")
    plan.add_argument("--lon", type=_longitude, help="longitude in degrees (WGS84), with --lat")
    plan.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="where to write the PDF")
    languages = [code for code in LANGUAGES if code != "auto"]  # i18n.SUPPORTED, without importing Qt for --help
    plan.add_argument("--lang", choices=languages, help="language of the plan (default: the interface's)")


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the choice of point, in one sentence for argparse's error line; None when it is fine."""
    has_point = args.lat is not None or args.lon is not None
    if args.place is not None and has_point:
        return "plan: give either --place NAME or --lat and --lon, not both"
    if args.place is None and not has_point:
        return "plan: give --place NAME or --lat LAT --lon LON"
    if has_point and (args.lat is None or args.lon is None):
        return "plan: --lat and --lon go together"
    if args.place is not None and not args.place.strip():
        return "plan: --place needs a name"
    return None


def run_plan(args: argparse.Namespace, catalog: Catalog, paths: Paths) -> int:
    from shelterapp.config import load_config
    from shelterapp.i18n import choose_language
    from shelterapp.map.tile_cache import TileCache
    from shelterapp.places import find_place
    from shelterapp.plan.content import NoShelterNearby, gather_plan
    from shelterapp.plan.pdf import write_plan_pdf
    from shelterapp.plan.render import PlanError
    from shelterapp.plan.texts import PlanTexts
    from shelterapp.settings import load_settings

    settings = load_settings(paths.settings_file).settings
    if args.place is not None:
        place = find_place(settings.places, args.place)
        if place is None:
            saved = ", ".join(p.label for p in settings.places) or "none"
            print(
                f"{PROG}: error: plan: no saved place is called {args.place!r} (saved places: {saved})", file=sys.stderr
            )
            return 2
        lat, lon, name = place.lat, place.lon, place.label
    else:
        lat, lon, name = args.lat, args.lon, ""
    language = args.lang or choose_language(settings.language)
    app = gui_application()  # kept alive while the page is drawn
    try:
        data = gather_plan(catalog, lat, lon, name, language)
    except NoShelterNearby as exc:
        print(f"{PROG}: error: plan: {exc}", file=sys.stderr)
        return 1
    config = load_config(paths.config_file)
    tiles = TileCache(paths.cache_dir / "tiles", config.tile_cache_mb * 1024 * 1024)
    try:
        stats = write_plan_pdf(args.pdf, data, PlanTexts(language), tiles.get, tiles.__contains__)
    except OSError as exc:
        print(f"{PROG}: error: plan: cannot write {args.pdf}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except PlanError as exc:
        print(f"{PROG}: error: plan: {exc}", file=sys.stderr)
        return 1
    finally:
        del app
    log.info(
        "shelter plan written: %d shelters, language %s, map tiles %d, %.0f ms",
        stats.shelters,
        language,
        stats.map.tiles_drawn,
        stats.ms,
    )
    print(f"Shelter plan written to {args.pdf}: {stats.shelters} shelters on one A4 page ({language}).")
    return 0


def gui_application() -> QGuiApplication:
    """The running Qt application, or a new one on the offscreen platform whose messages go to our log
    (not the terminal: scripts read our one-line errors there)."""
    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication

    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    qInstallMessageHandler(_qt_message_to_log)
    return QGuiApplication([PROG, "-platform", "offscreen"])


def _qt_message_to_log(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    log.warning("Qt (%s): %s", kind.name, message)
