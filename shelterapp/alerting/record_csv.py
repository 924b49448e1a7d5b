"""This machine's record as CSV, safe to open in a spreadsheet.

- One table, one row per alert or advisory (column `record`: alert, missed, nearby or advisory); times ISO 8601
  UTC; lists (regions, threats, sources) as JSON arrays, so any stored value comes back whole.
- Formula injection (OWASP, "CSV Injection"): a cell that begins with =, +, -, @, a tab or a carriage return
  is read as a formula by Excel and LibreOffice; such a cell gets a leading single quote ', and stays text
  (tests/alerting/test_record_spreadsheet.py opens one in LibreOffice Calc). A cell that already begins with '
  gets one too, so reading back is exact: drop one leading '.
- UTF-8 with a byte-order mark: Excel reads a CSV without one in the machine's legacy code page (Cyrillic turns
  to mojibake). LibreOffice does not go by the mark: told UTF-8 (its import dialog's character set, or
  `--infilter=CSV:44,34,76` headless) it reads the file right and drops the mark; told nothing, headless, it
  reads Windows-1252 with or without it. Python: `encoding="utf-8-sig"`. Lines end in CRLF (RFC 4180).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from shelterapp.alerting.record import AdvisoryRow, AlertRow, Record, iso, parse_iso

COLUMNS = (
    "record", "id", "regions", "started", "ended", "end_unseen", "learnt_start", "learnt_end", "duration_s", "threats",
    "level", "sources", "notified", "published", "received", "title", "summary", "link",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
BOM = "\ufeff"
_QUOTED = frozenset((*FORMULA_STARTS, QUOTE))
_list_text = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps without its per-call set-up


def inert(cell: str) -> str:
    """The cell as a spreadsheet must take it: text, never a formula."""
    return QUOTE + cell if cell[:1] in _QUOTED else cell


def uninert(cell: str) -> str:
    return cell[1:] if cell.startswith(QUOTE) else cell


def record_csv(record: Record) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for alert in record.alerts:
        writer.writerow([inert(cell) for cell in _alert_cells(alert)])
    for advisory in record.advisories:
        writer.writerow([inert(cell) for cell in _advisory_cells(advisory)])
    return (BOM + out.getvalue()).encode("utf-8")


def _alert_cells(row: AlertRow) -> list[str]:
    """In COLUMNS order (the round-trip tests hold it there)."""
    duration = row.duration_s
    return [
        row.kind, row.id, _list(row.regions), _time(row.started), _time(row.ended), _bool(row.end_unseen),
        _time(row.learnt_start), _time(row.learnt_end), "" if duration is None else str(duration),
        _list(row.threats), row.level or "", _list(row.sources), _bool(row.notified), "", "", "", "", "",
    ]  # fmt: skip


def _advisory_cells(row: AdvisoryRow) -> list[str]:
    return [
        "advisory", row.id, "", "", "", "", "", "", "", "", row.level, _list((row.source,)), "", _time(row.published),
        _time(row.received), row.title, row.summary, row.link,
    ]  # fmt: skip


def _list(items: tuple[str, ...]) -> str:
    return _list_text(list(items))


def _bool(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _time(moment: datetime | None) -> str:
    return iso(moment) or ""


def parse_record_csv(data: bytes) -> Record:
    """An export read back (tools, tests): the BOM and the protective quotes are removed. Raises ValueError."""
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(header) != COLUMNS:
        raise ValueError("not a shelterapp history export (unexpected columns)")
    alerts: list[AlertRow] = []
    advisories: list[AdvisoryRow] = []
    for number, raw in enumerate(reader, 2):
        if len(raw) != len(COLUMNS):
            raise ValueError(f"line {number}: {len(raw)} cells, expected {len(COLUMNS)}")
        cell = dict(zip(COLUMNS, (uninert(c) for c in raw), strict=True))
        if cell["record"] == "advisory":
            advisories.append(
                AdvisoryRow(
                    _single(cell["sources"]), cell["id"], cell["title"], cell["summary"], cell["link"],
                    cell["level"], _required(cell["published"]), _required(cell["received"]),
                )
            )  # fmt: skip
        else:
            alerts.append(
                AlertRow(
                    kind=cell["record"],
                    id=cell["id"],
                    regions=_tuple(cell["regions"]),
                    started=_required(cell["started"]),
                    ended=parse_iso(cell["ended"]),
                    learnt_start=parse_iso(cell["learnt_start"]),
                    learnt_end=parse_iso(cell["learnt_end"]),
                    threats=_tuple(cell["threats"]),
                    level=cell["level"] or None,
                    sources=_tuple(cell["sources"]),
                    notified={"true": True, "false": False}.get(cell["notified"]),
                    end_unseen=cell["end_unseen"] == "true",
                )
            )
    return Record(tuple(alerts), tuple(advisories))


def _tuple(cell: str) -> tuple[str, ...]:
    items = json.loads(cell)
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValueError(f"not a list of text: {cell[:40]!r}")
    return tuple(items)


def _single(cell: str) -> str:
    items = _tuple(cell)
    if len(items) != 1:
        raise ValueError("an advisory has one source")
    return items[0]


def _required(cell: str) -> datetime:
    moment = parse_iso(cell)
    if moment is None:
        raise ValueError("a required time is missing")
    return moment
