"""Soak: the alert coordinators and state machine through a simulated day against a feed that keeps flipping.

Run: .venv/bin/python bench/soak.py [--quick] [--hours H] [--step S] [--trace] [--json PATH]. In one process,
offscreen: the app's AlertService (SourceCoordinator -> siren.pp.ua module over HTTP -> AlertTracker ->
HistoryStore) and the real AlertPresenter with a MainWindow, notifying through a recording notifier
(tests/alert_fakes.py). The feed is a local siren.pp.ua-shaped server in its own process (this script with
--serve-feed: the recorded fixtures of tests/fixtures/alerts, the alert's start time set by us). The clock
is accelerated: every poll advances the service's clock by --step simulated seconds (15, the app's own
interval, so the data never looks stale), and polls run back to back (coordinator.poll_now(), then a real
QEventLoop until source_health_changed, as the tests' waitSignal does: deleteLater() needs a running loop).
The feed turns active or quiet every 2-10 simulated minutes (seeded), so a simulated day is 5,760 polls,
as many as the app makes in a real day, and about 120 alerts, far more than a real day has; every quiet
spell outlasts the 20 s all-clear confirmation. Nothing of the app is changed or lowered.
Each simulated hour, after gc: RSS (/proc/self/status VmRSS), Python threads (threading.active_count()),
OS threads (/proc/self/task) and open file descriptors (/proc/self/fd). RSS growth is taken from the end of the
first (warm-up) hour to the end of the last. Threads and fds must end no higher than the highest count of the
first half of the day: Qt's thread pools start a worker (a thread and its eventfd) the first time two jobs
overlap, which may be in hour 2 or 3, and keep it while used; a leak grows through the day and ends above that
mark. Checks: RSS growth < 5 MB, threads and fds not growing, every
alert start notified exactly once ("alert-start:KEY") and every end exactly once ("alert-end:KEY"), for
exactly the alerts the feed served, nothing repeated, nothing else. Baseline: the first hour's figures.
--quick: 6 simulated hours; full: 24 (under a minute either way). --trace: tracemalloc from hour 1 on,
printing where Python allocations grew (slow: about 10x).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import threading
import time
import tracemalloc
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import REPO, fd_count, machine_line, pct, rss_mb, start_local_server, stop, task_count, write_json

RSS_GROWTH_MB = 5.0
PHASE_MIN_S, PHASE_MAX_S = 120, 600  # each active or quiet spell of the feed, in simulated seconds
POLL_TIMEOUT_S = 30.0


# the soak ---------------------------------------------------------------------------------------------------


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Hour:
    hour: int
    label: str
    real_s: float
    rss_mb: float
    py_threads: int
    os_threads: int
    fds: int
    starts: int
    ends: int
    failed_polls: int


@dataclass
class Run:
    hours: list[Hour] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)  # episode keys of the alerts the feed served
    poll_ms: list[float] = field(default_factory=list)
    polls: int = 0
    failed_polls: int = 0
    signals: dict[str, int] = field(default_factory=lambda: {"started": 0, "ended": 0, "missed": 0})
    snapshots: list[tracemalloc.Snapshot] = field(default_factory=list)  # --trace: after hour 1, at the end
    asked: list[str] = field(default_factory=list)  # every notify() key, in order


def schedule(hours: float, step: float, seed: int) -> dict[int, bool]:
    """Poll number -> the state the feed turns to just before that poll (quiet first)."""
    rnd = random.Random(seed)
    flips, poll, active = {}, 0, False
    total = int(hours * 3600 / step)
    while True:
        poll += max(1, round(rnd.uniform(PHASE_MIN_S, PHASE_MAX_S) / step))
        if poll >= total:
            return flips
        active = not active
        flips[poll] = active


def soak(hours: float, step: float, seed: int, trace: bool) -> Run:
    from alert_fakes import RecordingNotifier
    from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from shelterapp.alerting.history import HistoryStore
    from shelterapp.alerting.service import AlertService
    from shelterapp.config import AppConfig, SourceOverride
    from shelterapp.settings import Settings
    from shelterapp.sources.http import HttpClient
    from shelterapp.sources.registry import build_specs
    from shelterapp.ui.alert_presenter import AlertPresenter
    from shelterapp.ui.main_window import MainWindow

    class CountingNotifier(RecordingNotifier):
        """Also records every notify() call, refused repeats included: the notifier's own dedupe must
        never be what keeps a transition to one notification here."""

        def __init__(self) -> None:
            super().__init__()
            self.asked: list[str] = []

        def notify(self, notification):  # type: ignore[no-untyped-def]
            self.asked.append(notification.key)
            return super().notify(notification)

    def quiet(_kind, _context, message: str) -> None:  # type: ignore[no-untyped-def]
        if "propagateSizeHints" not in message:  # the offscreen platform's note on every show()
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication([])
    feed, base = start_local_server("demo_feed.py")  # in its own process; POST /set moves it with our clock
    tmp = tempfile.TemporaryDirectory(prefix="shelterapp-soak-")
    run = Run()
    try:
        clock = Clock(datetime.now(UTC).replace(microsecond=0))
        config = AppConfig(sources={"siren_pp_ua": SourceOverride(url=f"{base}/api/v3", interval_s=step)})
        specs = [s for s in build_specs(config) if s.name == "siren_pp_ua"]
        history = HistoryStore.open(Path(tmp.name) / "history.sqlite")
        service = AlertService(specs, HttpClient(), history, ("31",), clock=clock)
        window = MainWindow("en", Settings())
        window.show()
        notifier = CountingNotifier()
        presenter = AlertPresenter(service, window, None, notifier, lambda: None, "en", lambda: None)
        coordinator = service.coordinators["siren_pp_ua"]
        health = [0]
        loop = QEventLoop()  # a real event loop, as app.exec() is: deleteLater() is honoured only in one
        watchdog = QTimer(singleShot=True, interval=int(POLL_TIMEOUT_S * 1000))
        watchdog.timeout.connect(loop.quit)

        def answered(_name: str) -> None:
            health[0] += 1
            loop.quit()

        service.source_health_changed.connect(answered)
        for name, signal in (
            ("started", service.alert_started),
            ("ended", service.alert_ended),
            ("missed", service.missed_alert),
        ):
            signal.connect(lambda _episode, n=name: run.signals.__setitem__(n, run.signals[n] + 1))

        def wait_for_poll(before: int) -> None:
            watchdog.start()
            while health[0] == before and watchdog.isActive():
                loop.exec()
            watchdog.stop()
            if health[0] == before:
                raise RuntimeError(f"no poll result in {POLL_TIMEOUT_S:g} s")

        def set_feed(active: bool, since: datetime) -> None:
            query = f"active={int(active)}&since={since.strftime('%Y-%m-%dT%H:%M:%S')}"
            with urllib.request.urlopen(urllib.request.Request(f"{base}/set?{query}", method="POST"), timeout=5):
                pass

        def sample(hour: int, started: float, label: str = "") -> None:
            gc.collect()
            time.sleep(0.1)  # a request's cancelled watchdog timer thread is let go
            app.processEvents()
            if hour == 1 and trace:
                tracemalloc.start(8)
                run.snapshots.append(tracemalloc.take_snapshot())
            run.hours.append(
                Hour(
                    hour,
                    label or str(hour),
                    time.monotonic() - started,
                    rss_mb(),
                    threading.active_count(),
                    task_count(),
                    fd_count(),
                    sum(k.startswith("alert-start:") for k in notifier.asked),
                    sum(k.startswith("alert-end:") for k in notifier.asked),
                    run.failed_polls,
                )
            )
            print(f"  simulated hour {hour}: RSS {run.hours[-1].rss_mb:.1f} MB", file=sys.stderr, flush=True)

        service.start()  # its first poll comes from a zero timer
        wait_for_poll(0)
        rnd = random.Random(seed + 1)
        flips = schedule(hours, step, seed)
        per_hour = round(3600 / step)
        started = time.monotonic()
        sample(0, started)
        for poll in range(1, per_hour * int(hours) + 1):
            clock.advance(step)
            if poll in flips:
                since = clock.now - timedelta(seconds=rnd.randrange(int(step)))  # between two polls
                set_feed(flips[poll], since)
                if flips[poll]:
                    run.expected.append(since.isoformat())
            before = health[0]
            began = time.perf_counter()
            coordinator.poll_now()
            wait_for_poll(before)
            run.poll_ms.append((time.perf_counter() - began) * 1000)
            run.polls += 1
            run.failed_polls += coordinator.last_error is not None
            if poll % per_hour == 0:
                sample(poll // per_hour, started)
        if flips and flips[max(flips)]:  # it ended on an alert: let it clear, so every start has its end
            set_feed(False, clock.now)
            for _ in range(3):
                clock.advance(step)
                before = health[0]
                coordinator.poll_now()
                wait_for_poll(before)
            sample(run.hours[-1].hour, started, "end")
        service.stop()
        if trace:
            gc.collect()
            run.snapshots.append(tracemalloc.take_snapshot())
        run.asked = list(notifier.asked)
        del presenter
        window.close()
        history.close()
    finally:
        stop(feed)
        tmp.cleanup()
    return run


def report(run: Run, hours: float, step: float) -> dict[str, object]:
    print(
        f"\nsoak: {hours:g} simulated hours, a poll every {step:g} simulated s ({run.polls:,} polls back to back), "
        f"{len(run.expected)} alerts served; real time {run.hours[-1].real_s:.0f} s\n"
    )
    head = f"{'hour':>5}{'real s':>8}{'RSS MB':>9}{'py threads':>12}{'OS threads':>12}{'fds':>6}"
    head += f"{'starts':>8}{'ends':>6}"
    print(head)
    print("-" * len(head))
    for h in run.hours:
        print(
            f"{h.label:>5}{h.real_s:>8.0f}{h.rss_mb:>9.1f}{h.py_threads:>12}{h.os_threads:>12}{h.fds:>6}"
            f"{h.starts:>8}{h.ends:>6}"
        )
    warm = run.hours[1] if len(run.hours) > 2 else run.hours[0]
    last = run.hours[-1]
    growth = last.rss_mb - warm.rss_mb
    first_half = run.hours[1 : max(2, (len(run.hours) + 1) // 2)]  # after hour 0, up to mid-day
    mark = (
        max(h.os_threads for h in first_half),
        max(h.py_threads for h in first_half),
        max(h.fds for h in first_half),
    )
    asked = run.asked
    # a key is "alert-start:<start>#<uid>": the start the feed gave, then the episode's own identity
    starts = sorted(k.removeprefix("alert-start:").split("#")[0] for k in asked if k.startswith("alert-start:"))
    ends = sorted(k.removeprefix("alert-end:").split("#")[0] for k in asked if k.startswith("alert-end:"))
    others = [k for k in asked if not k.startswith(("alert-start:", "alert-end:"))]
    expected = sorted(run.expected)
    checks = {
        f"RSS growth hour {warm.hour} -> {last.hour} < {RSS_GROWTH_MB:g} MB ({growth:+.1f} MB)": growth < RSS_GROWTH_MB,
        f"threads not growing (end of day: Python {last.py_threads}, OS {last.os_threads}; first half's highest "
        f"{mark[1]}, {mark[0]})": last.py_threads <= mark[1] and last.os_threads <= mark[0],
        f"fds not growing (end of day {last.fds}; first half's highest {mark[2]})": last.fds <= mark[2],
        f"one start notification per alert ({len(starts)} for {len(expected)})": starts == expected,
        f"one all-clear per alert ({len(ends)} for {len(expected)})": ends == expected,
        f"nothing repeated, nothing else ({len(asked) - len(set(asked))} repeats, {len(others)} others)": (
            len(asked) == len(set(asked)) and not others
        ),
        f"service signals: {run.signals['started']} starts, {run.signals['ended']} ends, "
        f"{run.signals['missed']} missed": run.signals["started"] == run.signals["ended"] == len(expected)
        and run.signals["missed"] == 0,
        f"every poll answered ({run.failed_polls} failed)": run.failed_polls == 0,
    }
    print()
    for label, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    print(
        f"\npoll round trip (HTTP to 127.0.0.1 and the whole alert path, wall ms): p50 {pct(run.poll_ms, 0.5):.2f}, "
        f"p95 {pct(run.poll_ms, 0.95):.2f}, max {max(run.poll_ms):.1f}"
    )
    if len(run.snapshots) == 2:
        print("\ntracemalloc, Python allocations that grew from hour 1 to the end (top 12, by where allocated):")
        for stat in run.snapshots[1].compare_to(run.snapshots[0], "lineno")[:12]:
            print(f"  {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7} blocks  {stat.traceback[0]}")
    met = all(checks.values())
    print("\ntargets:", "MET" if met else "MISSED")
    return {
        "hours": hours,
        "step_s": step,
        "polls": run.polls,
        "alerts": len(expected),
        "real_s": last.real_s,
        "rss_first_mb": warm.rss_mb,
        "rss_last_mb": last.rss_mb,
        "rss_growth_mb": growth,
        "threads": [mark[0], last.os_threads],  # the first half's highest, then the end of the day
        "py_threads": [mark[1], last.py_threads],
        "fds": [mark[2], last.fds],
        "notifications": len(asked),
        "notified_once": checks[next(k for k in checks if k.startswith("nothing repeated"))]
        and starts == expected
        and ends == expected,
        "poll_p50_ms": pct(run.poll_ms, 0.5),
        "target_growth_mb": RSS_GROWTH_MB,
        "checks": {label: ok for label, ok in checks.items()},
        "met": met,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="6 simulated hours instead of 24")
    parser.add_argument("--hours", type=int, help="simulated hours (overrides --quick)")
    parser.add_argument("--step", type=float, default=15.0, help="simulated seconds per poll")
    parser.add_argument("--seed", type=int, default=20220224)
    parser.add_argument("--trace", action="store_true", help="tracemalloc from hour 1: where Python memory grew")
    parser.add_argument("--json", metavar="PATH", help="write the key figures to PATH (for bench/run_all.py)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "tests"))  # the recording notifier of the tests
    hours = args.hours or (6 if args.quick else 24)
    print(machine_line())
    run = soak(hours, args.step, args.seed, args.trace)
    results = report(run, hours, args.step)
    write_json(args.json, results)
    return 0 if results["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
