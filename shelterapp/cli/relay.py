"""shelterapp-cli relay [--once] [--json]: the organisation relay (issue #15).

Reads `[relay]` in config.toml (config_relay.py). The broker password comes from SHELTERAPP_RELAY_PASSWORD or
the keyring (name "relay_publisher"); the feeds' keys from SHELTERAPP_TOKEN_<SOURCE> (e.g.
SHELTERAPP_TOKEN_UKRAINE_ALARM, for servers without a keyring) or the keyring, as the app reads them.
`--once` polls once, publishes, prints what it published and exits 0, or 1 on failure. Without it the relay
runs until SIGTERM/SIGINT, logging to stderr (the journal under systemd); with --json it prints one JSON line
per message published.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

from shelterapp.paths import Paths

if TYPE_CHECKING:  # imported when the command runs: --help and --version stay free of requests and keyring
    from shelterapp.desktop.secrets import TokenStore
    from shelterapp.relay.loop import Publication

log = logging.getLogger(__name__)

PASSWORD_ENV = "SHELTERAPP_RELAY_PASSWORD"
PASSWORD_KEYRING_NAME = "relay_publisher"
CONNECT_TIMEOUT_S = 15.0


def add_command(commands: Any) -> None:
    relay = commands.add_parser(
        "relay",
        help="poll the feeds for everyone and publish to an MQTT broker ([relay] in config.toml)",
        description="The organisation relay: polls the feeds with the organisation's keys, merges them as the app "
        "does, and publishes the state to an MQTT broker that desktops follow ([sources.relay]). The broker password "
        "comes from SHELTERAPP_RELAY_PASSWORD, the feeds' keys from SHELTERAPP_TOKEN_<SOURCE> or the keyring.",
        epilog="example: shelterapp-cli relay --once --json",
    )
    relay.add_argument("--once", action="store_true", help="poll once, publish, print what was published, exit")
    relay.add_argument("--json", action="store_true", help="print what is published as JSON")


def token_for(tokens: TokenStore) -> Any:
    def get(source: str) -> str:
        return os.environ.get(f"SHELTERAPP_TOKEN_{source.upper()}", "").strip() or tokens.get(source)

    return get


def run_relay(args: argparse.Namespace, paths: Paths, prog: str) -> int:
    from shelterapp.config import KNOWN_REGIONS, load_config
    from shelterapp.desktop.secrets import TokenStore
    from shelterapp.logs import setup_logging
    from shelterapp.relay.loop import build
    from shelterapp.sources.errors import FailureKind, SourceError
    from shelterapp.sources.http import HttpClient
    from shelterapp.sources.registry import build_specs

    setup_logging(paths, stderr_level=logging.WARNING if args.once else logging.INFO)
    config = load_config(paths.config_file)
    if config.relay is None:
        why = "; ".join(p for p in config.problems if p.startswith(("[relay]", "relay."))) or "it is missing"
        print(f"{prog}: error: config.toml needs a usable [relay] section ({why})", file=sys.stderr)
        return 1
    for problem in config.problems:
        print(f"config.toml: {problem}", file=sys.stderr)
    tokens = TokenStore()
    password = os.environ.get(PASSWORD_ENV, "") or tokens.get(PASSWORD_KEYRING_NAME)
    specs = [s for s in build_specs(config, token_for(tokens)) if not s.pushed]  # a relay never follows a relay
    regions = config.regions if config.regions_in_file else tuple(KNOWN_REGIONS)
    http = HttpClient()
    try:
        loop, listener = build(config, config.relay, specs, http, password, regions, paths.data_dir)
    except (SourceError, OSError) as exc:  # an unreadable ca_file, a webhook port already taken
        print(f"{prog}: error: cannot start the relay: {exc}", file=sys.stderr)
        http.close()
        return 1
    printed = _printer(args)
    try:
        loop.publisher.connect(CONNECT_TIMEOUT_S)
    except SourceError as exc:
        if args.once or exc.kind is FailureKind.AUTH:
            print(
                f"{prog}: error: cannot publish to {config.relay.url}: {exc.kind.value}: {exc.detail}", file=sys.stderr
            )
            loop.publisher.close()
            http.close()
            return 1
        log.warning("broker not reachable yet (%s); polling anyway and publishing once it is", exc)
    try:
        if args.once:
            return _once(loop, printed, prog)
        return _forever(loop, listener, printed)
    finally:
        loop.publisher.close(say_offline=not args.once)
        http.close()


def _once(loop: Any, printed: Any, prog: str) -> int:
    from shelterapp.sources.errors import SourceError

    try:
        publications = loop.run_once()
    except SourceError as exc:
        print(f"{prog}: error: publishing failed: {exc.kind.value}: {exc.detail}", file=sys.stderr)
        return 1
    printed(publications, True)
    return 0


def _forever(loop: Any, listener: Any, printed: Any) -> int:
    stopped = threading.Event()

    def stop(_signum: int, _frame: Any) -> None:
        stopped.set()
        loop.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    loop.on_publish = lambda publication: printed([publication], False)
    if listener is not None:
        listener.start()
    try:
        loop.run()
    finally:
        if listener is not None:
            listener.close()
    return 0


def _printer(args: argparse.Namespace) -> Any:
    def show(publications: list[Publication], once: bool) -> None:
        if args.json:
            if once:
                print(json.dumps({p.topic: p.payload for p in publications}, ensure_ascii=False, indent=2))
            else:
                for p in publications:
                    print(json.dumps({"topic": p.topic, "payload": p.payload}, ensure_ascii=False), flush=True)
            return
        for p in publications:
            payload = p.payload
            if "state" in payload:
                health = ", ".join(
                    f"{name} {'ok' if s['ok'] else s['error']}" for name, s in payload["sources"].items()
                )
                print(f"{p.topic} seq {payload['seq']}: {payload['state']} ({health or 'no sources'})", flush=True)
            else:
                print(f"{p.topic} seq {payload['seq']}: {len(payload['advisories'])} advisories", flush=True)

    return show
