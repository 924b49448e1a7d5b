"""shelterapp-cli: shelters and alerts from a terminal or a script.

Output contracts (JSON field names, exit codes) are relied on by scripts: extend, never rename.
Exit codes: 0 success, 1 the operation failed (unreadable file, damaged store, a failed update), 2 bad usage.
Each command group lives in its own module (shelters, alerts, update); this one parses and dispatches.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from shelterapp import __version__
from shelterapp.cli import alerts as cli_alerts
from shelterapp.cli import drill as cli_drill
from shelterapp.cli import history as cli_history
from shelterapp.cli import plan as cli_plan
from shelterapp.cli import relay as cli_relay
from shelterapp.cli import shelters as cli_shelters
from shelterapp.cli import update as cli_update
from shelterapp.help_text import CLI_EXIT_CODES, epilog
from shelterapp.paths import Paths, default_paths

log = logging.getLogger(__name__)
PROG = cli_shelters.PROG


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage in one line (no usage dump, no traceback) and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Every --help ends with where the files are (for this SHELTERAPP_HOME) and the exit codes; each command's
    also starts that part with its example. Building it imports nothing heavy: --version answers at once."""
    parser = _Parser(
        prog=PROG,
        description="Kyiv shelters and air-raid alerts from the command line. The window is `shelterapp`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"shelterapp {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    cli_shelters.add_commands(commands)
    cli_update.add_command(commands)
    cli_alerts.add_commands(commands)
    cli_drill.add_command(commands)
    cli_relay.add_command(commands)
    cli_history.add_command(commands)
    cli_plan.add_command(commands)
    paths = default_paths()
    examples = []
    for command in commands.choices.values():
        example = (command.epilog or "").removeprefix("example: ")
        command.epilog = epilog([example] if example else [], CLI_EXIT_CODES, paths)
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        examples.append(example)
    parser.epilog = epilog([e for e in examples if e], CLI_EXIT_CODES, paths)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # answers --help and --version before anything below is imported
    if args.command == "plan" and (problem := cli_plan.usage_problem(args)):
        parser.error(problem)
    from shelterapp.logs import setup_logging  # logging.handlers: not needed for --version

    paths = default_paths()
    if args.command == "relay":
        try:
            paths.ensure()
            return cli_relay.run_relay(args, paths, PROG)
        except OSError as exc:
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return 1
    setup_logging(paths, stderr_level=logging.CRITICAL)
    if args.command == "drill":
        return cli_drill.run_drill(args, paths)  # each link reports its own I/O trouble: a drill always reports
    if args.command == "history":
        return cli_history.run_history(args, paths, PROG)
    if args.command in ("status", "sources"):
        try:
            paths.ensure()
            return (
                cli_alerts.run_status(args, paths) if args.command == "status" else cli_alerts.run_sources(args, paths)
            )
        except OSError as exc:
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return 1
    return _with_catalog(args, paths)


def _with_catalog(args: argparse.Namespace, paths: Paths) -> int:
    from shelterapp.shelters.catalog import Catalog
    from shelterapp.shelters.importer import UnreadableFile
    from shelterapp.shelters.store import StoreError

    try:
        paths.ensure()
        catalog = Catalog.open(paths.database)
    except (OSError, StoreError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    try:
        if catalog.store.recovered_from is not None:
            print(
                f"{PROG}: warning: the shelter database was damaged; set aside as {catalog.store.recovered_from}",
                file=sys.stderr,
            )
        if args.command == "nearest":
            return cli_shelters.run_nearest(args, catalog)
        if args.command == "import":
            return cli_shelters.run_import(args, catalog)
        if args.command == "update":
            return cli_update.run_update(args, catalog, paths)
        if args.command == "plan":
            return cli_plan.run_plan(args, catalog, paths)
        return cli_shelters.run_info(args, catalog, paths)
    except UnreadableFile as exc:
        reason = str(exc).rstrip(".")
        print(f"{PROG}: error: cannot import {args.file}: {reason}; the previous data stays", file=sys.stderr)
        return 1
    except (OSError, StoreError) as exc:
        log.exception("command %s failed", args.command)
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    finally:
        catalog.close()
