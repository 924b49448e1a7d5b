"""shelterapp-cli history: this machine's record of alerts and advisories (issue #16), as a table, JSON or CSV.

JSON contract: alerting/record.py; CSV: alerting/record_csv.py (one table, cells that a spreadsheet would take
for a formula start with a quote '). Reads the window's history file; never writes to it.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import unicodedata
from datetime import date, datetime
from typing import Any

from shelterapp.paths import Paths

CSV_NOTE = (
    "CSV: UTF-8 with a byte-order mark (so Excel reads Cyrillic; in LibreOffice choose UTF-8 when it asks), one "
    "row per alert or advisory; a cell that "
    "begins with =, +, -, @, a tab or a carriage return (or a quote ') is written with a leading quote ', as "
    "OWASP advises against formula injection: drop one leading ' to read the value back."
)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def add_command(commands: Any) -> None:
    history = commands.add_parser(
        "history",
        help="this computer's record of alerts and advisories, with when it learnt each",
        description="Every alert (start and end as the source gave them, when this computer learnt each, sources, "
        "threats, level, duration) and every advisory (published, received) in the history. Times in JSON and "
        "CSV are UTC; the table shows Kyiv time. " + CSV_NOTE,
        epilog="example: shelterapp-cli history --csv --since 2026-11-01",
    )
    form = history.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--csv", action="store_true", help="print CSV, safe to open in a spreadsheet (see above)")
    history.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="only from that day on (Kyiv time)")


def run_history(args: argparse.Namespace, paths: Paths, prog: str) -> int:
    from shelterapp.alerting.history import HistoryStore
    from shelterapp.alerting.record import Record, read_record, record_json
    from shelterapp.alerting.record_csv import record_csv
    from shelterapp.storage.dbfile import NewerSchema

    path = paths.history_database
    if path.exists():
        try:
            history = HistoryStore.open(path)
        except (OSError, NewerSchema, sqlite3.Error) as exc:
            print(f"{prog}: error: cannot read the history {path}: {exc}", file=sys.stderr)
            return 1
        try:
            if history.recovered_from is not None:
                moved = history.recovered_from
                print(f"{prog}: warning: the history was damaged; set aside as {moved}", file=sys.stderr)
            record = read_record(history, args.since)
        finally:
            history.close()
    else:  # nothing recorded yet: an empty record, and no file created by a command that only reads
        record = Record((), (), args.since, datetime.now().astimezone())
    if args.csv:
        sys.stdout.flush()
        sys.stdout.buffer.write(record_csv(record))
        sys.stdout.buffer.flush()
    elif args.json:
        sys.stdout.write(record_json(record))
    else:
        _print_table(record)
    return 0


def _print_table(record: Any) -> None:
    from shelterapp.alerting.record_stats import KYIV

    def local(moment: datetime | None) -> str:
        return moment.astimezone(KYIV).strftime("%Y-%m-%d %H:%M:%S") if moment else "-"

    print(f"Alerts ({len(record.alerts)}), Kyiv time; learnt = when this computer knew:")
    for row in record.alerts:
        minutes = f"{row.duration_s // 60} min" if row.duration_s is not None else "ongoing"
        minutes = f"<= {minutes}" if row.end_unseen else minutes  # the all-clear came while nothing watched
        where = _printable(",".join(row.regions))
        said = _printable(f"threats {','.join(row.threats) or '-'}  sources {','.join(row.sources) or '-'}")
        print(
            f"  {row.kind:<7} {local(row.started)} -> {local(row.ended)}  {minutes:>8}  regions {where}  "
            f"learnt {local(row.learnt_start)} / {local(row.learnt_end)}  {said}"
        )
    print(f"Advisories ({len(record.advisories)}):")
    for item in record.advisories:
        title = _printable(item.title)[:80]
        print(f"  {local(item.published)} (received {local(item.received)}) [{_printable(item.source)}] {title}")


def _printable(text: str) -> str:
    """Feed text on a terminal: control characters (escape sequences, carriage returns) shown as U+FFFD."""
    return "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)
