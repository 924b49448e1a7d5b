"""CPU cost of one desktop notification on the GUI thread: DBusNotifier.notify() and the handling of its reply,
against QtDBus doing the same round trip in the same run.

    python bench/notify_cost.py [--calls 300] [--json PATH]

A fake org.freedesktop.Notifications server (tests/fake_notifications.py) runs in its own process on a private
bus. Each call is one critical alert with an action, a sound and a category, sent after the previous reply came
back, so the figures are per notification. CPU time, not wall time: the GUI thread's (time.thread_time) and the
whole process's (time.process_time, which also counts QtDBus's own thread). The baseline is QtDBus's
asyncCall + QDBusPendingCallWatcher with the same arguments in PySide6's default types (urgency an int32, as
PySide6 cannot send a byte without private symbols), which the strict server rejects: the same round trip and
message size, answered by an error.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the fake notification server

from _common import machine_line, pct, write_json  # noqa: E402
from fake_notifications import FakeNotifications  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher  # noqa: E402

from shelterapp.notify.base import Notification, Urgency  # noqa: E402
from shelterapp.notify.bus import BusConnection  # noqa: E402
from shelterapp.notify.dbus import DBusNotifier  # noqa: E402

WAIT = QEventLoop.ProcessEventsFlag.WaitForMoreEvents  # sleep in the event loop: no CPU while waiting


def alert(number: int) -> Notification:
    return Notification(
        f"alert-start:bench:{number}",
        "AIR-RAID ALERT: go to a shelter",
        "Air-raid alert in Kyiv since 19:12. Nearest shelter: Metro Zoloti Vorota, 350 m, 5 min on foot.",
        Urgency.CRITICAL,
        (("show_shelters", "Show shelters"), ("default", "")),
        "alarm-clock-elapsed",
        "x-shelterapp.alert",
        0,
    )


def measure(app: QCoreApplication, calls: int, send: Callable[[int], Callable[[], bool]]) -> dict[str, list[float]]:
    """send(n) makes the n-th call and returns a check for its reply; per call, ms of CPU."""
    figures: dict[str, list[float]] = {"call": [], "gui": [], "process": []}
    for number in range(calls):
        process, gui = time.process_time(), time.thread_time()
        answered = send(number)
        figures["call"].append((time.thread_time() - gui) * 1000)
        while not answered():
            app.processEvents(WAIT)
        figures["gui"].append((time.thread_time() - gui) * 1000)
        figures["process"].append((time.process_time() - process) * 1000)
    return figures


def ours(app: QCoreApplication, address: str, calls: int) -> dict[str, list[float]]:
    notifier = DBusNotifier(BusConnection.open(address))
    while notifier.capabilities is None:
        app.processEvents(WAIT)

    def send(number: int) -> Callable[[], bool]:
        notification = alert(number)
        notifier.notify(notification)
        return lambda: notifier.notification_id(notification.key) is not None

    return measure(app, calls, send)


def qtdbus(app: QCoreApplication, address: str, calls: int) -> dict[str, list[float]]:
    connection = QDBusConnection.connectToBus(address, "bench-baseline")
    keep: list[QDBusPendingCallWatcher] = []

    def send(number: int) -> Callable[[], bool]:
        n = alert(number)
        message = QDBusMessage.createMethodCall(
            "org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications", "Notify"
        )
        actions = [part for pair in n.actions for part in pair]
        hints = {"urgency": int(n.urgency), "desktop-entry": "shelterapp", "sound-name": n.sound}
        hints["category"] = n.category
        message.setArguments(["shelterapp", 0, "shelterapp", n.title, n.body, actions, hints, n.timeout_ms])
        watcher = QDBusPendingCallWatcher(connection.asyncCall(message, 5000))
        done = [False]
        watcher.finished.connect(lambda *_args: done.__setitem__(0, True))
        keep.append(watcher)
        return lambda: done[0]

    try:
        return measure(app, calls, send)
    finally:
        QDBusConnection.disconnectFromBus("bench-baseline")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--json", metavar="PATH", help="write the key figures to PATH")
    args = parser.parse_args()
    app = QCoreApplication([])
    with FakeNotifications() as fake:
        mine = ours(app, fake.address, args.calls)
        base = qtdbus(app, fake.address, args.calls)
        delivered = len(fake.notifications())
    print(machine_line())
    print(f"{args.calls} notifications each way; ours delivered: {delivered} (the baseline's are rejected by design)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (CPU time is what is measured, not wall time)")
    print()
    print(f"{'CPU ms per notification':<52}{'p50':>9}{'p95':>9}{'mean':>9}")
    rows = [
        ("ours: notify() itself, GUI thread", mine["call"]),
        ("ours: notify() + reply handled, GUI thread", mine["gui"]),
        ("ours: same, whole process", mine["process"]),
        ("baseline QtDBus: asyncCall itself, GUI thread", base["call"]),
        ("baseline QtDBus: call + reply handled, GUI thread", base["gui"]),
        ("baseline QtDBus: same, whole process (+ its thread)", base["process"]),
    ]
    for label, values in rows:
        print(f"{label:<52}{statistics.median(values):>9.3f}{pct(values, 0.95):>9.3f}{statistics.mean(values):>9.3f}")
    write_json(
        args.json,
        {
            "calls": args.calls,
            **{f"ours_{k}_ms_p50": statistics.median(v) for k, v in mine.items()},
            **{f"qtdbus_{k}_ms_p50": statistics.median(v) for k, v in base.items()},
        },
    )
    return 0 if delivered == args.calls else 1


if __name__ == "__main__":
    sys.exit(main())
