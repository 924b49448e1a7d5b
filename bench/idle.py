"""Idle RSS and CPU of the running app over 60 s, against a bare PySide6 window idling beside it.

Run: .venv/bin/python bench/idle.py [--quick] [--seconds S] [--no-tiles] [--first-start] [--json PATH]. The real
app (`python -m shelterapp --lang uk`, offscreen) runs on a SHELTERAPP_HOME whose config.toml points
siren.pp.ua (every 15 s, its default: the app's real idle work) and the four advisory feeds at a local
demo feed (tools/demo_feed.py), the map at a local tile server (tools/tile_server.py; --no-tiles: a closed
port, the offline map) and the geocoder at a closed port; every other feed is off. The home is one an
`--exit-after-start` start has used, as for every start but the very first (which also asks the keyring whether
the feeds have keys: desktop/secrets.py); `--first-start` measures a fresh home instead. Once the log says the
window is up, the first polls and tiles get `--settle` seconds, then /proc/<pid>/status VmRSS and
/proc/<pid>/stat utime+stime are read at the start and end of the window (RSS also every second, for its
peak): CPU % = CPU seconds / wall seconds * 100, all threads included. The offscreen platform has no
system tray, so the app runs as a plain window, shown (as `--hidden` would not hide it either); the
"tray app" figures are those of the shown window. Baseline: the bare PySide6 program (QApplication and
one empty QMainWindow shown) idling over the same seconds. Targets: RSS < 110 MB, CPU < 0.5 %.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _common import (
    app_command,
    app_env,
    bare_command,
    cpu_seconds,
    fd_count,
    machine_line,
    rss_mb,
    start_local_server,
    stop,
    task_count,
    write_home,
    write_json,
)

RSS_TARGET_MB = 110.0  # issue #13 (it was 124-126 MB, with the bare window at 49-51 MB)
CPU_TARGET_PCT = 0.5
READY_TIMEOUT_S = 60.0
ADVISORY_PATHS = {"us_embassy": "/embassy.rss", "fcdo": "/fcdo.json", "state_dept": "/state_dept.json"}
ADVISORY_PATHS["canada"] = "/canada.json"


@dataclass
class Sample:
    name: str
    rss_start_mb: float
    rss_end_mb: float
    rss_peak_mb: float
    cpu_s: float
    wall_s: float
    threads: int
    fds: int

    @property
    def cpu_pct(self) -> float:
        return self.cpu_s / self.wall_s * 100


def wait_for(condition, what: str, process: subprocess.Popen[str]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not condition():
        if process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: not ready after {READY_TIMEOUT_S:g} s")
        time.sleep(0.05)


def log_says(log: Path, text: str) -> bool:
    try:
        return text in log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return False


def measure(processes: dict[str, subprocess.Popen[str]], seconds: float) -> list[Sample]:
    """Both processes over the same wall-clock window."""
    pids = {name: p.pid for name, p in processes.items()}
    rss0 = {name: rss_mb(pid) for name, pid in pids.items()}
    cpu0 = {name: cpu_seconds(pid) for name, pid in pids.items()}
    peak = dict(rss0)
    started = time.monotonic()
    while (left := started + seconds - time.monotonic()) > 0:
        time.sleep(min(1.0, left))
        for name, pid in pids.items():
            if processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited with {processes[name].returncode} while idle")
            peak[name] = max(peak[name], rss_mb(pid))
    cpu1 = {name: cpu_seconds(pid) for name, pid in pids.items()}
    wall = time.monotonic() - started
    return [
        Sample(
            name,
            rss0[name],
            rss_mb(pid),
            max(peak[name], rss_mb(pid)),
            cpu1[name] - cpu0[name],
            wall,
            task_count(pid),
            fd_count(pid),
        )
        for name, pid in pids.items()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 20 s window instead of 60 s")
    parser.add_argument("--seconds", type=float, help="length of the measured window (overrides --quick)")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds after the window is up before measuring")
    parser.add_argument("--no-tiles", action="store_true", help="no tile server: the map offline")
    parser.add_argument("--first-start", action="store_true", help="a fresh home, not one an earlier start used")
    parser.add_argument("--json", metavar="PATH", help="write the key figures to PATH (for bench/run_all.py)")
    args = parser.parse_args(argv)
    seconds = args.seconds or (20.0 if args.quick else 60.0)
    print(machine_line())
    root = Path(tempfile.mkdtemp(prefix="shelterapp-idle-"))
    servers: list[subprocess.Popen[str]] = []
    running: dict[str, subprocess.Popen[str]] = {}
    try:
        feed, feed_base = start_local_server("demo_feed.py")
        servers.append(feed)
        tile_url = ""
        if not args.no_tiles:
            tiles, tiles_base = start_local_server("tile_server.py")
            servers.append(tiles)
            tile_url = tiles_base + "/{z}/{x}/{y}.png"
        feeds: dict[str, dict[str, object]] = {"siren_pp_ua": {"url": f"{feed_base}/api/v3", "interval_s": 15}}
        feeds |= {name: {"url": feed_base + path} for name, path in ADVISORY_PATHS.items()}
        home = write_home(root / "home", feeds, tile_url)
        if not args.first_start:
            primed = subprocess.run(
                app_command("--exit-after-start", "--lang", "uk"), env=app_env(home), capture_output=True, check=False
            )
            if primed.returncode:
                raise RuntimeError(f"the priming start failed: {primed.stderr[-2000:]!r}")
            (home / "logs" / "shelterapp.log").unlink()  # the log of the measured run only
        log = home / "logs" / "shelterapp.log"
        with (root / "app.out").open("w") as out, (root / "bare.out").open("w") as bare_out:
            running["app"] = subprocess.Popen(
                app_command("--lang", "uk"), stdout=out, stderr=subprocess.STDOUT, text=True, env=app_env(home)
            )
            running["bare"] = subprocess.Popen(
                bare_command("idle"), stdout=bare_out, stderr=subprocess.STDOUT, text=True, env=app_env()
            )
            wait_for(lambda: log_says(log, "notifications go through"), "the app's window", running["app"])
            bare_text = root / "bare.out"
            wait_for(lambda: log_says(bare_text, "window shown"), "the bare window", running["bare"])
            time.sleep(args.settle)
            print(f"  measuring {seconds:g} s...", file=sys.stderr, flush=True)
            try:
                samples = measure(running, seconds)
                load = os.getloadavg()[0]
            except RuntimeError as exc:  # the app died: show why, count it as a miss
                print(f"\n{exc}; its output and log end with:", flush=True)
                out.flush()
                for path in (root / "app.out", log):
                    print("".join(path.read_text(errors="replace").splitlines(keepends=True)[-20:]))
                write_json(args.json, {"error": str(exc), "met": False})
                return 1
        polls = log.read_text(encoding="utf-8", errors="replace").count("siren_pp_ua is down")
    finally:
        for process in [*running.values(), *servers]:
            stop(process)
        shutil.rmtree(root, ignore_errors=True)

    app, bare = samples
    print(
        f"\nidle over {app.wall_s:.1f} s (after {args.settle:g} s to settle), offscreen, window shown (no tray "
        f"offscreen); siren.pp.ua every 15 s and 4 advisory feeds from a local demo feed; map tiles: "
        f"{'none (offline)' if args.no_tiles else 'local tile server'}; "
        f"{'a fresh home (first start)' if args.first_start else 'a home an earlier start used'}; "
        f"load average {load:.2f} at the end "
        f"(1 min; {os.cpu_count()} cores)\n"
    )
    head = f"{'process':<26}{'RSS MB':>9}{'start MB':>10}{'peak MB':>9}{'CPU s':>8}{'CPU %':>8}{'threads':>9}{'fds':>6}"
    print(head)
    print("-" * len(head))
    for s, label in ((app, "shelterapp"), (bare, "baseline: bare PySide6")):
        print(
            f"{label:<26}{s.rss_end_mb:>9.1f}{s.rss_start_mb:>10.1f}{s.rss_peak_mb:>9.1f}{s.cpu_s:>8.2f}"
            f"{s.cpu_pct:>8.2f}{s.threads:>9}{s.fds:>6}"
        )
    rss_ok, cpu_ok = app.rss_peak_mb < RSS_TARGET_MB, app.cpu_pct < CPU_TARGET_PCT
    print(f"\nRSS (peak) < {RSS_TARGET_MB:g} MB: {'PASS' if rss_ok else 'MISS'}")
    print(f"CPU < {CPU_TARGET_PCT:g} %: {'PASS' if cpu_ok else 'MISS'}")
    if polls:
        print(f"note: the log reports the feed down {polls} times")
    print("\ntargets:", "MET" if rss_ok and cpu_ok else "MISSED")
    write_json(
        args.json,
        {
            "seconds": app.wall_s,
            "rss_mb": app.rss_end_mb,
            "rss_peak_mb": app.rss_peak_mb,
            "cpu_pct": app.cpu_pct,
            "threads": app.threads,
            "fds": app.fds,
            "bare_rss_mb": bare.rss_end_mb,
            "bare_cpu_pct": bare.cpu_pct,
            "tiles": not args.no_tiles,
            "first_start": args.first_start,
            "rss_target_mb": RSS_TARGET_MB,
            "cpu_target_pct": CPU_TARGET_PCT,
            "met": rss_ok and cpu_ok,
        },
    )
    return 0 if rss_ok and cpu_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
