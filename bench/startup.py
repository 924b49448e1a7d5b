"""Cold start to a shown window with the bundled data, against a bare PySide6 window in the same run.

Run: .venv/bin/python bench/startup.py [--quick] [--runs N] [--verbose] [--json PATH]. Each run spawns
`python -m shelterapp --exit-after-start --lang uk` (offscreen) and times it from spawn to the line the app
prints once the window's first frame is painted ("shelterapp <ver> started: window shown, N shelters";
ui/first_frame.py), not to the process exit: the rest of the start comes after that frame (the alert service and
all that shows its state, the notification channel, the alarm, the feeds: app.py); the warm start is also timed to
the line the app prints once that rest is done too ("... ready: alert service running, feeds read"). Every run gets a
fresh SHELTERAPP_HOME whose config.toml turns every feed off and points the map's tiles and the geocoder at
closed 127.0.0.1 ports: the first start on it creates the databases and writes the bundled metro list ("first
start"); a second start on the same home finds them ("warm start"). The OS file cache is warm in both: this is
the app's own start-up, not the disk's. Baseline: the floor Qt itself costs, a bare PySide6 program
(QApplication and one empty QMainWindow shown, then the same kind of line once its first frame is painted).
Also the wall time of `python -c "import shelterapp.app"` (with --verbose, `python -X importtime` top
offenders). Target (issue #13): p50 no more than 2.5 times the bare window's p50 in the same run, first and
warm start alike; the same ratio of CPU time is printed too, which other load on the machine disturbs less.
Also `shelterapp --help`, `shelterapp --version` and `shelterapp-cli --version`, which answer without importing
Qt (launcher.py): whole processes, target p95 < 0.15 s, against `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _common import app_command, app_env, bare_command, cpu_seconds, machine_line, pct, write_home, write_json

TARGET_RATIO = 2.5  # ours / bare PySide6, p50 of the same run (issue #13)
TIMEOUT_S = 60.0
QUICK_TARGET_S = 0.15  # what a person types to check the app must answer at once (issue #13)
QUICK_COMMANDS = {
    "shelterapp --help": ["-m", "shelterapp", "--help"],
    "shelterapp --version": ["-m", "shelterapp", "--version"],
    "shelterapp-cli --version": ["-m", "shelterapp.cli", "--version"],
}


def time_to_line(command: list[str], env: dict[str, str], marker: str) -> tuple[float, float]:
    """Seconds from spawn to the first stdout line containing `marker`, and the CPU seconds the process had
    used by then (less disturbed by other load on the machine): as the line says ("(CPU 0.341 s)"), else read
    from /proc when the line is read. The app goes on with the rest of its start after that line, so /proc
    would count some of it. The process is then left to exit."""
    return time_to_lines(command, env, [marker])[0]


def time_to_lines(command: list[str], env: dict[str, str], markers: list[str]) -> list[tuple[float, float]]:
    """time_to_line() for each of `markers`, in the order the process prints them."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None and process.stderr is not None
    found: list[tuple[float, float]] = []
    for line in process.stdout:
        if markers[len(found)] in line:
            said = re.search(r"\(CPU ([0-9.]+) s\)", line)
            found.append((time.perf_counter() - started, float(said[1]) if said else cpu_seconds(process.pid)))
            if len(found) == len(markers):
                break
    try:
        _out, err = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate()
    if len(found) < len(markers):
        missing = markers[len(found)]
        raise RuntimeError(f"{command[-4:]} never printed {missing!r} (exit {process.returncode}): {err[-2000:]}")
    return found


def wall_pct(pairs: list[tuple[float, float]], q: float) -> float:
    return pct([wall for wall, _cpu in pairs], q)


def cpu_pct(pairs: list[tuple[float, float]], q: float = 0.5) -> float:
    return pct([cpu for _wall, cpu in pairs], q)


def import_time(runs: int) -> list[tuple[float, float]]:
    """Wall and CPU seconds of whole `python -c "import shelterapp.app"` processes."""
    return process_times(["-c", "import shelterapp.app"], runs)


def process_times(python_args: list[str], runs: int) -> list[tuple[float, float]]:
    """Wall and CPU seconds of whole `python ARGS` processes, spawn to exit (output discarded)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, *python_args], env=app_env(), stdout=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise RuntimeError(f"python {' '.join(python_args)} failed with {process.returncode}")
        times.append((time.perf_counter() - started, usage.ru_utime + usage.ru_stime))
    return times


def import_offenders(count: int = 12, repeats: int = 3) -> dict[str, float]:
    """`python -X importtime -c "import shelterapp.app"` (median of `repeats`): self time summed by top-level
    package, what shelterapp.app imports directly by cumulative time, and the slowest modules (ms)."""
    runs: list[dict[str, tuple[int, int, int]]] = []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import shelterapp.app"],
            capture_output=True,
            text=True,
            env=app_env(),
            check=True,
        )
        rows = {}
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if match:
                rows[match[4]] = (int(match[1]), int(match[2]), len(match[3]))
        runs.append(rows)
    names = set.intersection(*(set(r) for r in runs))
    own = {n: statistics.median(r[n][0] for r in runs) / 1000 for n in names}
    cum = {n: statistics.median(r[n][1] for r in runs) / 1000 for n in names}
    depth = {n: runs[0][n][2] for n in names}
    packages: dict[str, float] = {}
    for name, ms in own.items():
        packages[name.split(".")[0]] = packages.get(name.split(".")[0], 0.0) + ms
    total = cum.get("shelterapp.app", 0.0)
    print(f"\n`python -X importtime -c 'import shelterapp.app'`, median of {repeats}: {total:.0f} ms")
    print("self time by top-level package (ms):")
    for name, ms in sorted(packages.items(), key=lambda item: -item[1])[:count]:
        print(f"  {ms:8.1f}  {name}")
    print("what shelterapp.app imports directly, by cumulative time (ms; in import order, so shared")
    print("dependencies count for whoever imports them first):")
    direct = sorted((n for n in names if depth[n] == 3), key=lambda n: -cum[n])
    for name in direct[:count]:
        print(f"  {cum[name]:8.1f}  (self {own[name]:6.1f})  {name}")
    print("modules by self time (ms):")
    for name in sorted(names, key=lambda n: -own[n])[:count]:
        print(f"  {own[name]:8.1f}  (cumulative {cum[name]:6.1f})  {name}")
    return dict(sorted(packages.items(), key=lambda item: -item[1])[:count])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 runs of each instead of 15")
    parser.add_argument("--runs", type=int, help="runs of each (overrides --quick)")
    parser.add_argument("--verbose", action="store_true", help="also print python -X importtime's top offenders")
    parser.add_argument("--json", metavar="PATH", help="write the key figures to PATH (for bench/run_all.py)")
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 15)
    print(machine_line())
    app_marker, bare_marker, ready_marker = "started: window shown", "bare PySide6 started", "ready: alert service"
    first: list[tuple[float, float]] = []
    warm: list[tuple[float, float]] = []
    ready: list[tuple[float, float]] = []  # warm start, to the whole start done (after the first frame)
    bare: list[tuple[float, float]] = []
    load_before = os.getloadavg()[0]
    shelters = ""
    root = Path(tempfile.mkdtemp(prefix="shelterapp-startup-"))
    try:
        # one untimed start first: Python's bytecode cache and the OS file cache, as after any earlier use
        write_home(root / "prime")
        time_to_line(app_command("--exit-after-start", "--lang", "uk"), app_env(root / "prime"), app_marker)
        for run in range(runs):
            print(f"  run {run + 1}/{runs}...", file=sys.stderr, flush=True)
            bare.append(time_to_line(bare_command(), app_env(), bare_marker))
            home = write_home(root / f"home{run}")
            command = app_command("--exit-after-start", "--lang", "uk")
            first.append(time_to_line(command, app_env(home), app_marker))
            frame, done = time_to_lines(command, app_env(home), [app_marker, ready_marker])
            warm.append(frame)
            ready.append(done)
        done = subprocess.run(
            command, capture_output=True, text=True, env=app_env(home), timeout=TIMEOUT_S, check=False
        )
        shelters = done.stdout.strip()
        imports = import_time(runs)
        interpreter = process_times(["-c", "pass"], runs)
        quick = {label: process_times(args, runs) for label, args in QUICK_COMMANDS.items()}
    finally:
        shutil.rmtree(root, ignore_errors=True)

    load = f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after (1 min; {os.cpu_count()} cores)"
    print(f"\ncold start to a shown window, {runs} runs each, offscreen, every feed off; app says: {shelters!r}")
    print(f"{load}\n")
    head = f"{'measure':<58}{'p50 s':>9}{'p95 s':>9}{'min s':>9}{'CPU p50':>9}  target"
    print(head)
    print("-" * len(head))
    bare_p50 = wall_pct(bare, 0.5)
    ratio = {name: wall_pct(pairs, 0.5) / bare_p50 for name, pairs in (("first", first), ("warm", warm))}
    cpu_ratio = {name: cpu_pct(pairs) / cpu_pct(bare) for name, pairs in (("first", first), ("warm", warm))}
    rows = [
        ("first start (empty home: creates the databases)", first, f"p50 <= {TARGET_RATIO:g}x bare"),
        ("warm start (same home again)", warm, f"p50 <= {TARGET_RATIO:g}x bare"),
        ("warm start to the whole start done (alert service, feeds)", ready, "-"),
        ("baseline: bare PySide6 window", bare, "-"),
        ('python -c "import shelterapp.app" (whole process)', imports, "-"),
        *((f"{label} (whole process, no Qt)", pairs, f"p95 < {QUICK_TARGET_S:g} s") for label, pairs in quick.items()),
        ('baseline: python -c "pass" (the interpreter)', interpreter, "-"),
    ]
    for label, pairs, target in rows:
        wall, cpu = [w for w, _c in pairs], [c for _w, c in pairs]
        verdict = target
        if pairs is first or pairs is warm:
            verdict += f" ({wall_pct(pairs, 0.5) / bare_p50:.2f}x): "
            verdict += "PASS" if wall_pct(pairs, 0.5) <= TARGET_RATIO * bare_p50 else "MISS"
        elif target != "-":
            verdict += ": PASS" if pct(wall, 0.95) < QUICK_TARGET_S else ": MISS"
        print(
            f"{label:<58}{pct(wall, 0.5):>9.3f}{pct(wall, 0.95):>9.3f}{min(wall):>9.3f}{pct(cpu, 0.5):>9.3f}  {verdict}"
        )
    print(
        f"\nours over the bare Qt floor (p50): first start +{wall_pct(first, 0.5) - bare_p50:.3f} s "
        f"({ratio['first']:.2f}x), warm start +{wall_pct(warm, 0.5) - bare_p50:.3f} s ({ratio['warm']:.2f}x); "
        f"in CPU time (p50) {cpu_ratio['first']:.2f}x and {cpu_ratio['warm']:.2f}x.\nCPU p50 is the process's own "
        "CPU time to the same line, which other load on the machine disturbs less than the wall clock"
    )
    packages = import_offenders() if args.verbose else {}
    quick_p95 = max(wall_pct(pairs, 0.95) for pairs in quick.values())
    met = max(ratio.values()) <= TARGET_RATIO and quick_p95 < QUICK_TARGET_S
    print("\ntargets:", "MET" if met else "MISSED")
    write_json(
        args.json,
        {
            "runs": runs,
            "first_p50_s": wall_pct(first, 0.5),
            "first_p95_s": wall_pct(first, 0.95),
            "first_cpu_p50_s": pct([c for _w, c in first], 0.5),
            "warm_p50_s": wall_pct(warm, 0.5),
            "warm_p95_s": wall_pct(warm, 0.95),
            "warm_cpu_p50_s": pct([c for _w, c in warm], 0.5),
            "ready_p50_s": wall_pct(ready, 0.5),
            "ready_cpu_p50_s": pct([c for _w, c in ready], 0.5),
            "bare_p50_s": wall_pct(bare, 0.5),
            "bare_p95_s": wall_pct(bare, 0.95),
            "import_p50_s": wall_pct(imports, 0.5),
            "quick_p95_s": {label: wall_pct(pairs, 0.95) for label, pairs in quick.items()},
            "quick_target_s": QUICK_TARGET_S,
            "interpreter_p50_s": wall_pct(interpreter, 0.5),
            "import_by_package_ms": packages,
            "load": load,
            "target_ratio": TARGET_RATIO,
            "first_ratio": ratio["first"],
            "warm_ratio": ratio["warm"],
            "first_cpu_ratio": cpu_ratio["first"],
            "warm_cpu_ratio": cpu_ratio["warm"],
            "met": met,
        },
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
