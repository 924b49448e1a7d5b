"""Make a private SHELTERAPP_HOME for screenshots and trials: every feed off (or siren.pp.ua only, at FEED_URL),
map tiles from nowhere (no internet needed). Prints the folder.

    python tools/private_home.py [FEED_URL] [--no-alarm]

--no-alarm: no siren and no full-screen alert (`[alerts] sound/fullscreen = false`), for shots of the window or
the tray during an alert, which the red full-screen alert would cover.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from helpers import write_config  # the tests' config writer: one format, one place


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="shelterapp-home-"))
    args = [arg for arg in sys.argv[1:] if arg != "--no-alarm"]
    feed_url = args[0] if args else ""
    feeds = {"siren_pp_ua": {"url": feed_url, "interval_s": 10.0}} if feed_url else {}
    extra = '[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n'
    if "--no-alarm" in sys.argv[1:]:
        extra += "[alerts]\nsound = false\nfullscreen = false\n"
    write_config(home, feeds, extra=extra)
    print(home)


if __name__ == "__main__":
    main()
