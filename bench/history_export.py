"""How long this machine's record takes to export (issue #16): 10,000 alerts and 1,000 advisories in the
history, read and written as CSV and JSON, against the raw SQLite read of the same rows in the same run.

    python bench/history_export.py [--alerts 10000] [--advisories 1000] [--runs 15] [--json PATH]

Baseline: `SELECT *` of the episodes, their learnt times and the advisories, fetchall() (the floor any export
pays). Ours: read_record (rows to objects), then record_csv / record_json; "File -> Export history" is
write_export (its own connection, the read, CSV, an atomic write to disk); the command is `shelterapp-cli history
--csv` from spawn to exit, against `shelterapp-cli --version` (a process that imports nothing heavy). Each figure
is wall time and, beside it, CPU time (process_time): on a busy machine the CPU figure is the steadier one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _common import machine_line, pct, write_json  # noqa: E402

from shelterapp.alerting.history import HistoryStore  # noqa: E402
from shelterapp.alerting.record import read_record, record_json  # noqa: E402
from shelterapp.alerting.record_csv import record_csv  # noqa: E402
from shelterapp.alerting.tracker import Episode  # noqa: E402
from shelterapp.sources.base import Advisory, Level, Threat  # noqa: E402

START = datetime(2025, 1, 1, tzinfo=UTC)
TARGET_MS = 1000.0  # the export of 10,000 alerts in under a second (CPU), read and formatted


def seed(path: Path, alerts: int, advisories: int) -> None:
    store = HistoryStore.open(path)
    db = store._db  # one transaction for the whole seed: the bench's set-up, not what it measures
    db.execute("BEGIN")
    for n in range(alerts):
        started = START + timedelta(hours=7 * n, minutes=n % 50)
        episode = Episode(started, ("31", "14") if n % 4 == 0 else ("31",), (Threat.AIR_RAID,), Level.RED,
                          ("siren_pp_ua", "alerts_in_ua"), started + timedelta(minutes=20 + n % 90))  # fmt: skip
        db.execute(
            "INSERT INTO episodes (uid, started, ended, regions, threats, level, sources, missed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (episode.key, started.isoformat(), episode.ended.isoformat() if episode.ended else None, '["31"]',
             '["air_raid"]', "red", '["siren_pp_ua", "alerts_in_ua"]', int(n % 10 == 0)),
        )  # fmt: skip
        db.execute(
            "INSERT INTO learnt VALUES (?, ?, ?)",
            (episode.key, (started + timedelta(seconds=9)).isoformat(),
             (episode.ended + timedelta(seconds=25)).isoformat() if episode.ended else None),
        )  # fmt: skip
    for n in range(advisories):
        item = Advisory("us_embassy", f"uid-{n}", f"Security alert {n}: =shelter in place", "Текст " * 40,
                        f"https://example.invalid/{n}", START + timedelta(days=n % 600), "Level 4")  # fmt: skip
        db.execute(
            "INSERT INTO advisories (source, uid, title, summary, link, published, level, first_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (item.source, item.uid, item.title, item.summary, item.link, item.published.isoformat(), item.level,
             (item.published + timedelta(minutes=3)).isoformat()),
        )  # fmt: skip
    db.execute("COMMIT")
    store.close()


def timed(runs: int, action: Callable[[], object]) -> tuple[list[float], list[float]]:
    action()  # once unmeasured: the page cache and Python's own caches warm, as on a second export
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def command_ms(args: list[str], env: dict[str, str], runs: int) -> list[float]:
    figures = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "shelterapp.cli", *args], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)  # fmt: skip
        figures.append((time.perf_counter() - started) * 1000)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=10_000)
    parser.add_argument("--advisories", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--commands", type=int, default=5, help="whole shelterapp-cli processes per kind")
    parser.add_argument("--json", metavar="PATH", help="write the key figures to PATH")
    args = parser.parse_args()

    from shelterapp.ui.history_export import write_export  # imports Qt: after the arguments, like the others

    with tempfile.TemporaryDirectory(prefix="bench-history-") as folder:
        home = Path(folder) / "home"
        data = home / "data"
        data.mkdir(parents=True)
        path = data / "history.sqlite"
        seed(path, args.alerts, args.advisories)
        store = HistoryStore.open(path)
        db = store._db

        def raw() -> int:
            rows = db.execute("SELECT * FROM episodes").fetchall()
            rows += db.execute("SELECT * FROM learnt").fetchall()
            rows += db.execute("SELECT * FROM advisories").fetchall()
            return len(rows)

        sizes: dict[str, int] = {}

        def as_csv() -> None:
            sizes["csv"] = len(record_csv(read_record(store)))

        def as_json() -> None:
            sizes["json"] = len(record_json(read_record(store)).encode("utf-8"))

        results = {
            "raw SQLite read (baseline)": timed(args.runs, raw),
            "read_record (rows to objects)": timed(args.runs, lambda: read_record(store)),
            "CSV (read + format)": timed(args.runs, as_csv),
            "JSON (read + format)": timed(args.runs, as_json),
            "File -> Export history, CSV (write_export)": timed(
                args.runs, lambda: write_export(path, Path(folder) / "out.csv", "csv")
            ),
        }
        store.close()
        env = {**os.environ, "SHELTERAPP_HOME": str(home), "PYTHONPATH": str(REPO)}
        command = command_ms(["history", "--csv"], env, args.commands)
        version = command_ms(["--version"], env, args.commands)

    print(f"history export: {args.alerts:,} alerts, {args.advisories:,} advisories; {machine_line()}")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f} (2 cores are shared by other jobs)")
    print(f"\n{'measure':<46}{'wall p50':>10}{'wall p95':>10}{'CPU p50':>10}  (ms, {args.runs} runs)")
    for label, (walls, cpus) in results.items():
        print(f"{label:<46}{statistics.median(walls):>10.1f}{pct(walls, 0.95):>10.1f}{statistics.median(cpus):>10.1f}")
    for label, figures in (("shelterapp-cli history --csv, whole process", command),
                           ("shelterapp-cli --version (baseline process)", version)):  # fmt: skip
        print(f"{label:<46}{statistics.median(figures):>10.1f}{pct(figures, 0.95):>10.1f}")
    print(f"\nsizes: CSV {sizes['csv'] / 1024:,.0f} KB, JSON {sizes['json'] / 1024:,.0f} KB")
    csv_cpu = statistics.median(results["CSV (read + format)"][1])
    ok = csv_cpu < TARGET_MS
    print(f"target: CSV export of {args.alerts:,} alerts under {TARGET_MS:.0f} ms CPU: {'PASS' if ok else 'MISS'}")
    write_json(
        args.json,
        {
            "alerts": args.alerts,
            "advisories": args.advisories,
            "raw_ms_p50": statistics.median(results["raw SQLite read (baseline)"][0]),
            "csv_ms_p50": statistics.median(results["CSV (read + format)"][0]),
            "csv_cpu_ms_p50": csv_cpu,
            "json_ms_p50": statistics.median(results["JSON (read + format)"][0]),
            "export_file_ms_p50": statistics.median(results["File -> Export history, CSV (write_export)"][0]),
            "command_ms_p50": statistics.median(command),
            "version_ms_p50": statistics.median(version),
            "target_met": ok,
        },
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
