"""Every benchmark and the soak in one command, and one table of ours against the baselines of the same run.

Run: .venv/bin/python bench/run_all.py [--quick] [--out DIR]. Runs, one after another (never side by side:
they would share the 2 cores they measure), each as its own process with --json: nearest.py (nearest-10
against a brute-force geopy search), alert_latency.py (feed flip to D-Bus notification), map_paint.py
(map repaint against a naive painter), startup.py (cold start to a shown window against a bare PySide6
window), idle.py (idle RSS and CPU against a bare PySide6 window), soak.py (a simulated day of flipping
alerts), relay.py (relay publish -> 1,000 TLS subscribers; 300 with --quick), big_list.py (the window
with the largest list an import accepts, against a Kyiv-size one), plan.py (the printed shelter plan
against an empty QPdfWriter page) and history_export.py (10,000 alerts exported, against the raw SQLite
read). Each script's own full table goes to DIR/NAME.txt (default: a new temp
dir, named at the end).
--quick (about 3 minutes on 2 cores): nearest with 300 queries and no 500k brute-force baseline (one
query of it takes ~2 minutes), 6 alert-latency runs, 10 paints a row, 5 starts, a 20 s idle window and a
6-hour soak. Full (about 13 minutes): 2,000 queries and the 500k baseline, 20 latency runs, 50 paints,
15 starts, 60 s idle, a 24-hour soak. Exit status 1 when a target is missed or a script fails.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _common import REPO, machine

BENCH = REPO / "bench"


@dataclass
class Script:
    name: str
    quick: list[str]
    full: list[str]


SCRIPTS = [
    Script("nearest", ["--quick", "--brute-500k", "0"], []),
    Script("alert_latency", ["--runs", "6"], ["--runs", "20"]),
    Script("map_paint", ["--quick"], []),
    Script("startup", ["--quick", "--verbose"], ["--verbose"]),
    Script("idle", ["--quick"], []),
    Script("soak", ["--quick"], []),
    Script("relay", ["--subscribers", "300", "--procs", "2", "--changes", "10"], []),
    Script("big_list", ["--quick"], []),
    Script("plan", ["--cold", "5", "--warm", "20"], []),
    Script("history_export", ["--runs", "5", "--commands", "3"], []),
]


@dataclass
class Line:
    measure: str
    ours: str
    baseline: str
    target: str
    verdict: str  # PASS, MISS, or "" where no target applies


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "MISS")


def ms(value: float | None, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f} ms"


def nearest_lines(r: dict[str, Any]) -> list[Line]:
    lines = []
    for row in r["rows"]:
        brute = row["brute_ms"]
        baseline = "skipped (--quick)" if not row["brute_queries"] else f"brute force {ms(brute, 0)}"
        target = row["target_ms"]
        lines.append(
            Line(
                f"nearest-10 p50, {row['name']} ({row['rows']:,} rows)",
                ms(row["p50_ms"]),
                baseline,
                f"< {target:g} ms" if target else "-",
                verdict(row["p50_ms"] < target and row["agree"] if target else None),
            )
        )
    return lines


def latency_lines(r: dict[str, Any]) -> list[Line]:
    p95 = r["latency_s_p95"]
    return [
        Line(
            f"alert flip -> D-Bus notification p95 ({r['delivered']}/{r['runs']} runs, {r['interval_s']:g} s poll)",
            "-" if p95 is None else f"{p95:.3f} s",
            f"poll interval {r['interval_s']:g} s",
            f"<= {r['target_p95_s']:.1f} s",
            verdict(r["met"]),
        ),
        *(
            Line(
                f"alert flip -> {what} p95 (same runs)",
                "-" if r.get(f"{key}_p95") is None else f"{r[f'{key}_p95']:.3f} s",
                "-" if p95 is None else f"notification {p95:.3f} s",
                f"<= {r['target_p95_s']:.1f} s",
                verdict(r.get(f"{key}_p95") is not None and r[f"{key}_p95"] <= r["target_p95_s"]),
            )
            for what, key in (("full-screen alert shown", "fullscreen_s"), ("alarm player started", "player_s"))
        ),
        Line(
            "our processing per steady poll p95 (CPU, GUI thread)",
            ms(r["steady_cpu_ms_p95"]),
            f"bare GET + json.loads {ms(r['baseline_get_ms_p50'])}",
            "< 5 ms",
            verdict(r["steady_cpu_ms_p95"] is not None and r["steady_cpu_ms_p95"] < 5),
        ),
        Line(
            "our processing per poll with a transition p95 (CPU, GUI thread)",
            ms(r["transition_cpu_ms_p95"]),
            "-",
            "< 5 ms",
            verdict(r["transition_cpu_ms_p95"] is None or r["transition_cpu_ms_p95"] < 5),
        ),
    ]


def relay_push_lines(r: dict[str, Any]) -> list[Line]:
    p95 = r.get("relay_latency_s_p95")
    if p95 is None:
        return []
    poll = r["latency_s_p95"]
    return [
        Line(
            "relay push -> D-Bus notification p95 (MQTT, TLS)",
            f"{p95:.3f} s",
            "-" if poll is None else f"1 s poll path {poll:.3f} s",
            "< 0.3 s",
            verdict(p95 < 0.3),
        )
    ]


def relay_lines(r: dict[str, Any]) -> list[Line]:
    ours, base = r["ours"], r["baseline"]
    return [
        Line(
            f"relay publish -> received p95, {ours['subscribers']:,} TLS subscribers ({ours['procs']} procs)",
            ms(ours["p95_ms"], 1),
            f"1 subscriber {ms(base['p95_ms'], 1)}",
            "< 100 ms",
            verdict(r["met"]),
        ),
        Line(
            f"broker RSS with {ours['subscribers']:,} subscribers; relay CPU per publish",
            f"{ours['broker_rss_mb']:.1f} MB; {ours['relay_cpu_ms_per_publish']:.1f} ms",
            f"{base['broker_rss_mb']:.1f} MB; {base['relay_cpu_ms_per_publish']:.1f} ms",
            "-",
            "",
        ),
    ]


def paint_lines(r: dict[str, Any]) -> list[Line]:
    rows = [row for row in r["rows"] if row["markers"] == 5_000]
    worst = max(rows, key=lambda row: row["p95_ms"])
    lines = [
        Line(
            f"map repaint p95, 5,000 markers (worst of z{', z'.join(str(row['zoom']) for row in rows)})",
            ms(worst["p95_ms"], 2),
            f"naive painter {ms(worst['naive_p95_ms'], 2)}",
            f"< {r['target_ms']:g} ms",
            verdict(worst["p95_ms"] < r["target_ms"]),
        )
    ]
    big = [row for row in r["rows"] if row["markers"] == 50_000]
    if big:
        worst_big = max(big, key=lambda row: row["p95_ms"])
        lines.append(
            Line(
                "map repaint p95, 50,000 markers (worst zoom)",
                ms(worst_big["p95_ms"], 2),
                f"naive painter {ms(worst_big['naive_p95_ms'], 2)}",
                "-",
                "",
            )
        )
    return lines


def startup_lines(r: dict[str, Any]) -> list[Line]:
    bare = f"bare PySide6 {r['bare_p50_s']:.3f} s"
    return [
        *(
            Line(
                f"cold start to window, {name} start p50 ({r['runs']} runs; CPU {r[f'{key}_cpu_ratio']:.2f}x)",
                f"{r[f'{key}_p50_s']:.3f} s ({r[f'{key}_ratio']:.2f}x)",
                bare,
                f"<= {r['target_ratio']:g}x bare",
                verdict(r[f"{key}_ratio"] <= r["target_ratio"]),
            )
            for name, key in (("first", "first"), ("warm", "warm"))
        ),
        Line(
            "warm start to the whole start done (alert service, feeds) p50",
            f"{r['ready_p50_s']:.3f} s" if "ready_p50_s" in r else "-",
            "-",
            "-",
            "",
        ),
        Line('python -c "import shelterapp.app" p50', f"{r['import_p50_s']:.3f} s", "-", "-", ""),
        *(
            Line(
                f"{label} p95 (no Qt)",
                f"{seconds:.3f} s",
                f"python -c pass {r['interpreter_p50_s']:.3f} s",
                f"< {r['quick_target_s']:g} s",
                verdict(seconds < r["quick_target_s"]),
            )
            for label, seconds in r.get("quick_p95_s", {}).items()
        ),
    ]


def idle_lines(r: dict[str, Any]) -> list[Line]:
    window = f"{r['seconds']:.0f} s"
    return [
        Line(
            f"idle RSS, peak over {window} (window shown)",
            f"{r['rss_peak_mb']:.1f} MB",
            f"bare PySide6 {r['bare_rss_mb']:.1f} MB",
            f"< {r['rss_target_mb']:g} MB",
            verdict(r["rss_peak_mb"] < r["rss_target_mb"]),
        ),
        Line(
            f"idle CPU over {window} (15 s polls)",
            f"{r['cpu_pct']:.2f} %",
            f"bare PySide6 {r['bare_cpu_pct']:.2f} %",
            f"< {r['cpu_target_pct']:g} %",
            verdict(r["cpu_pct"] < r["cpu_target_pct"]),
        ),
    ]


def soak_lines(r: dict[str, Any]) -> list[Line]:
    hours = f"{r['hours']:g} h simulated, {r['polls']:,} polls"
    threads, py_threads, fds = r["threads"], r["py_threads"], r["fds"]
    return [
        Line(
            f"soak RSS growth after the first hour ({hours})",
            f"{r['rss_growth_mb']:+.1f} MB",
            f"hour 1: {r['rss_first_mb']:.1f} MB",
            f"< {r['target_growth_mb']:g} MB",
            verdict(r["rss_growth_mb"] < r["target_growth_mb"]),
        ),
        Line(
            "soak threads (OS/Python) and fds, first half's highest -> end",
            f"{threads[0]}->{threads[1]}/{py_threads[0]}->{py_threads[1]}, {fds[0]}->{fds[1]}",
            "-",
            "not growing",
            verdict(threads[1] <= threads[0] and py_threads[1] <= py_threads[0] and fds[1] <= fds[0]),
        ),
        Line(
            f"soak notifications for {r['alerts']} alerts (start + all-clear)",
            f"{r['notifications']}",
            f"{2 * r['alerts']} expected",
            "each exactly once",
            verdict(r["notified_once"] and r["met"]),
        ),
    ]


def big_list_lines(r: dict[str, Any]) -> list[Line]:
    cap, starts, cpu = r["max_rows"], r["start_p50_s"], r["start_cpu_s"]
    lines = [
        Line(
            f"start to window with {cap:,} more rows p50, CPU ({r['runs']} runs)",
            f"{cpu[str(cap)]:.3f} s",
            f"bundled only {cpu['0']:.3f} s",
            f"< {r['start_target_s']:g} s",
            verdict(cpu[str(cap)] < r["start_target_s"]),
        ),
        Line(f"same, wall time p50 ({cap:,} rows)", f"{starts[str(cap)]:.3f} s", f"{starts['0']:.3f} s", "-", ""),
    ]
    others = {name: cpu for name, cpu in r["action_cpu_s"].items() if name != r["fill"]}
    slowest = max(others, key=lambda name: others[name][str(cap)])
    lines.append(
        Line(
            f"slowest list action at {cap:,} rows, CPU ({slowest})",
            f"{others[slowest][str(cap)]:.3f} s",
            f"5,000 rows {others[slowest]['5000']:.3f} s",
            f"< {r['action_target_s']:g} s",
            verdict(all(cpu[str(cap)] < r["action_target_s"] for cpu in others.values())),
        )
    )
    return lines


def plan_lines(r: dict[str, Any]) -> list[Line]:
    size = f"{r['pdf_bytes'] / 1024:.0f}/{r['pdf_bytes_with_tiles'] / 1024:.0f} KB"
    return [
        Line("shelter plan, first A4 page in a fresh process p50", ms(r["cold_plan_ms_p50"], 1),
             f"empty QPdfWriter page {ms(r['cold_empty_ms_p50'], 1)}", "-", ""),
        Line("shelter plan, warm p50", ms(r["warm_plan_ms_p50"], 1),
             f"empty QPdfWriter page {ms(r['warm_empty_ms_p50'], 1)}", "-", ""),
        Line("shelter plan PDF (no tiles / with tiles)", size, "-", "-", ""),
    ]  # fmt: skip


def history_export_lines(r: dict[str, Any]) -> list[Line]:
    return [
        Line(f"history export, {r['alerts']:,} alerts as CSV p50 (CPU {ms(r['csv_cpu_ms_p50'], 0)})",
             ms(r["csv_ms_p50"], 0), f"raw SQLite read {ms(r['raw_ms_p50'], 0)}", "< 1,000 ms CPU",
             verdict(r["target_met"])),
        Line("history export as JSON p50", ms(r["json_ms_p50"], 0), "-", "-", ""),
        Line("shelterapp-cli history --csv, whole process p50", ms(r["command_ms_p50"], 0),
             f"shelterapp-cli --version {ms(r['version_ms_p50'], 0)}", "-", ""),
    ]  # fmt: skip


LINES: dict[str, Callable[[dict[str, Any]], list[Line]]] = {
    "nearest": nearest_lines,
    "alert_latency": lambda r: latency_lines(r) + relay_push_lines(r),
    "map_paint": paint_lines,
    "startup": startup_lines,
    "idle": idle_lines,
    "soak": soak_lines,
    "relay": relay_lines,
    "big_list": big_list_lines,
    "plan": plan_lines,
    "history_export": history_export_lines,
}


def run(script: Script, quick: bool, out: Path) -> tuple[dict[str, Any] | None, float, int, float]:
    result = out / f"{script.name}.json"
    log = out / f"{script.name}.txt"
    command = [sys.executable, str(BENCH / f"{script.name}.py"), *(script.quick if quick else script.full)]
    load = os.getloadavg()[0]
    print(f"{script.name}: {' '.join(command[1:])} (load {load:.2f}) ...", file=sys.stderr, flush=True)
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as output:
        done = subprocess.run(
            [*command, "--json", str(result)], stdout=output, stderr=subprocess.STDOUT, cwd=REPO, check=False
        )
    elapsed = time.monotonic() - started
    print(f"{script.name}: exit {done.returncode} after {elapsed:.0f} s", file=sys.stderr, flush=True)
    if not result.is_file():
        return None, elapsed, done.returncode, load
    return json.loads(result.read_text(encoding="utf-8")), elapsed, done.returncode, load


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the short version of each (about 3 minutes)")
    parser.add_argument("--out", type=Path, help="folder for each script's full output (default: a temp dir)")
    parser.add_argument("--only", nargs="+", choices=[s.name for s in SCRIPTS], help="run only these scripts")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="shelterapp-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    lines: list[Line] = []
    timings: list[str] = []
    loads: list[str] = []  # other work on the machine shares the cores we measure: said with the results
    failed: list[str] = []
    for script in SCRIPTS:
        if args.only and script.name not in args.only:
            continue
        results, elapsed, code, load = run(script, args.quick, out)
        timings.append(f"{script.name} {elapsed:.0f} s")
        loads.append(f"{script.name} {load:.2f}")
        if results is None:
            failed.append(f"{script.name} (exit {code}, no results: see {out / script.name}.txt)")
            lines.append(Line(script.name, "FAILED", "-", "-", "MISS"))
            continue
        lines += LINES[script.name](results)
    total = time.monotonic() - began

    m = machine()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"\nshelterapp benchmarks, {'--quick' if args.quick else 'full'} run of {when}")
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory']} RAM; {m['os']}")
    print(f"         {m['python']}; {m['qt']}, offscreen platform\n")
    widths = [
        max(len(getattr(line, f)) for line in [*lines, Line("measure", "ours", "baseline", "target", "")])
        for f in ("measure", "ours", "baseline", "target")
    ]
    head = (
        f"{'measure':<{widths[0]}}  {'ours':>{widths[1]}}  {'baseline':<{widths[2]}}  {'target':<{widths[3]}}  result"
    )
    print(head)
    print("-" * len(head))
    for line in lines:
        text = (
            f"{line.measure:<{widths[0]}}  {line.ours:>{widths[1]}}  {line.baseline:<{widths[2]}}  "
            f"{line.target:<{widths[3]}}  {line.verdict}"
        )
        print(text.rstrip())
    missed = [line.measure for line in lines if line.verdict == "MISS"]
    print(f"\ntook {total / 60:.1f} min ({', '.join(timings)}); each script's full output in {out}")
    print(f"load average (1 min) as each script began: {', '.join(loads)} ({m['cores']} cores)")
    for failure in failed:
        print(f"FAILED: {failure}")
    print("targets:", "MET" if not missed else f"MISSED ({len(missed)}: {'; '.join(missed)})")
    return 1 if missed or failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
