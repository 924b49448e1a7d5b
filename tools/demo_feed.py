"""A local stand-in for the alert and advisory feeds, on 127.0.0.1, serving the recorded fixture shapes.

Used by the screenshot script and the latency benchmark (never by the app itself):
    python tools/demo_feed.py --port 8765 --state active     # then point config.toml at it
It answers the siren.pp.ua / Ukraine Alarm paths (/api/v3/alerts, /alerts/status, /alerts/regionHistory),
alerts.in.ua's (/v1/alerts/active.json, /v1/regions/ID/alerts/month_ago.json: with --ain-clears-after S it says
alert for S seconds, then clear, whatever the other feed says: two feeds that disagree) and the advisory
feeds (/embassy.rss, /fcdo.json, /state_dept.json, /canada.json). POST /flip toggles
the alert, POST /set?active=0|1&since=ISO sets it with its start; GET /state tells it.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
ALERTS = {
    True: (FIXTURES / "alerts" / "ukrainealarm_alerts.json").read_bytes(),
    False: (FIXTURES / "alerts" / "ukrainealarm_alerts_quiet.json").read_bytes(),
}
AIN = {
    True: (FIXTURES / "alerts" / "alerts_in_ua_active.json").read_bytes(),
    False: (FIXTURES / "alerts" / "alerts_in_ua_active_quiet.json").read_bytes(),
}
ADVISORIES = {
    "/embassy.rss": ("advisories/us_embassy_ukraine_alerts.rss", "application/rss+xml"),
    "/fcdo.json": ("advisories/fcdo_ukraine_content.json", "application/json"),
    "/state_dept.json": ("advisories/state_dept_travel_advisories.json", "application/json"),
    "/canada.json": ("advisories/canada_travel_index.json", "application/json"),
}


class DemoFeed:
    """The feed in a background thread; `flip()` changes the alert state at a known instant."""

    def __init__(self, port: int = 0, active: bool = False, ain_clears_after: float | None = None) -> None:
        self.active = active
        self.ain_clears_at = None if ain_clears_after is None else time.monotonic() + ain_clears_after
        self.index = 1_000_000
        self.flipped_at = time.monotonic()
        self.started_at = datetime.now(UTC) - timedelta(minutes=14)  # a demo alert that began a while ago
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path.endswith("/alerts/status"):
                    self._send(json.dumps({"lastActionIndex": feed.index}).encode(), "application/json")
                elif path == "/v1/alerts/active.json":
                    self._send(feed.ain_body(), "application/json")
                elif path.startswith("/v1/regions/"):
                    self._send(b'{"alerts": []}', "application/json")
                elif path.endswith("/alerts/regionHistory"):
                    self._send(b"[]", "application/json")
                elif path.endswith("/alerts"):
                    self._send(feed.alerts_body(), "application/json")
                elif path == "/state":
                    self._send(json.dumps({"active": feed.active}).encode(), "application/json")
                elif path in ADVISORIES:
                    name, kind = ADVISORIES[path]
                    self._send((FIXTURES / name).read_bytes(), kind)
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                if self.path == "/flip":
                    flipped = feed.flip()
                    answer = {"active": feed.active, "flipped_monotonic": flipped}
                    self._send(json.dumps(answer).encode(), "application/json")
                elif self.path.startswith("/set?"):  # ?active=0|1&since=ISO: a run with its own (simulated) clock
                    query = parse_qs(urlsplit(self.path).query)
                    since = datetime.fromisoformat(query["since"][0]) if "since" in query else datetime.now(UTC)
                    feed.set(query.get("active", ["0"])[0] == "1", since)
                    self._send(json.dumps({"active": feed.active}).encode(), "application/json")
                else:
                    self.send_error(404)

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def alerts_body(self) -> bytes:
        """The fixture with its evening of 22 Sep 2026 moved to when this alert began, so ages look real."""
        started = self.started_at.strftime("%Y-%m-%dT%H:%M:%S")
        return re.sub(rb"2026-09-22T\d\d:\d\d:\d\d(\.\d+)?", started.encode(), ALERTS[self.active])

    def ain_body(self) -> bytes:
        """alerts.in.ua: as the other feed, or (--ain-clears-after) alert until then and clear after."""
        active = self.active if self.ain_clears_at is None else time.monotonic() < self.ain_clears_at
        started = self.started_at.strftime("%Y-%m-%dT%H:%M:%S")
        return re.sub(rb"2026-09-22T\d\d:\d\d:\d\d(\.\d+)?", started.encode(), AIN[active])

    def start(self) -> DemoFeed:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def flip(self) -> float:
        """Toggle the alert; returns the monotonic instant of the change."""
        return self.set(not self.active, datetime.now(UTC))

    def set(self, active: bool, started_at: datetime) -> float:
        """This state, said to have begun at `started_at`; returns the monotonic instant of the change."""
        self.active = active
        self.index += 1
        self.flipped_at = time.monotonic()
        self.started_at = started_at
        return self.flipped_at

    def config_toml(self, alert_interval_s: float = 10.0) -> str:
        """A config.toml that points the app at this feed and nowhere else."""
        return "\n".join(
            [
                "[sources.siren_pp_ua]",
                f'url = "{self.base}/api/v3"',
                f"interval_s = {alert_interval_s}",
                "[sources.us_embassy]",
                f'url = "{self.base}/embassy.rss"',
                "[sources.fcdo]",
                f'url = "{self.base}/fcdo.json"',
                "[sources.state_dept]",
                f'url = "{self.base}/state_dept.json"',
                "[sources.canada]",
                f'url = "{self.base}/canada.json"',
                "[sources.ubilling]",
                "enabled = false",
                "",
            ]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765, help="0: any free port, printed on the first line")
    parser.add_argument("--state", choices=("active", "quiet"), default="quiet")
    parser.add_argument("--print-config", action="store_true", help="print a config.toml for this feed")
    parser.add_argument("--ain-clears-after", type=float, metavar="S", help="alerts.in.ua: alert S s, then clear")
    args = parser.parse_args()
    feed = DemoFeed(args.port, active=args.state == "active", ain_clears_after=args.ain_clears_after)
    if args.port == 0:
        print(feed.port, flush=True)
    if args.print_config:
        print(feed.config_toml(), flush=True)
    feed.server.serve_forever()


if __name__ == "__main__":
    main()
