"""A local stand-in for the city's shelter layer and the Overpass API, on 127.0.0.1, for CI's bundle build.

    python tools/shelter_list_server.py --port 0     # prints the port on the first line, then the two URLs

Serves the hand-written fixtures tests/fixtures/shelters/kyiv_layer_small.geojson at /layer (the ArcGIS layer's
field layout, invented rows) and tests/fixtures/shelters/osm_small.json at /api/interpreter (Overpass's JSON
shape, invented elements), whatever the query string. Never a source of real data: .ci/run points the bundle's
data step at it (SHELTERAPP_BUNDLE_KYIV_OPENDATA_URL, SHELTERAPP_BUNDLE_OSM_URL) so the build needs no network.
"""

from __future__ import annotations

import argparse
import contextlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "shelters"
ROUTES = {
    "/layer": (FIXTURES / "kyiv_layer_small.geojson", "application/geo+json"),
    "/api/interpreter": (FIXTURES / "osm_small.json", "application/json"),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        route = ROUTES.get(self.path.split("?", 1)[0])
        if route is None:
            self.send_error(404)
            return
        body = route[0].read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", route[1])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8767, help="0: any free port, printed on the first line")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    if args.port == 0:
        print(port, flush=True)
    print(f"SHELTERAPP_BUNDLE_KYIV_OPENDATA_URL=http://127.0.0.1:{port}/layer", flush=True)
    print(f"SHELTERAPP_BUNDLE_OSM_URL=http://127.0.0.1:{port}/api/interpreter", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
