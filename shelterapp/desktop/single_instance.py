"""One app per home: a second `shelterapp` on the same SHELTERAPP_HOME brings the running window up and exits 0.

Two copies on one home raised two identical notifications for each alert, and the one that quit last wrote
its settings over the other's. Now the first copy holds a lock file in the home's data folder (QLockFile: it
records its PID, so the lock of a copy killed with SIGKILL is seen to be stale and the next start takes it
over). A later copy leaves a request file in `instance-requests/` beside it and waits until the first one
takes it, which it does from its event loop (a folder watcher) and shows its window; the later copy then
exits 0. Should the first copy quit meanwhile, the later one takes the lock and starts instead.

Files in the home rather than a local socket: the home is the person's own folder, so no other user can
answer or listen in; it needs nothing beyond QtCore (the bundles leave QtNetwork out); and costs the first
copy a lock file and a watcher (a millisecond or two). A home where the lock cannot be made (read-only)
still starts the app, with a warning in the log. "Restart now" passes RESTART_ENV to the new copy, which waits
for the old one to let go of the lock. The command-line tool never takes part: it runs beside the app and
never notifies.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QTimer, Signal

from shelterapp.desktop.relaunch import RESTART_ENV
from shelterapp.paths import Paths
from shelterapp.storage.atomic import write_atomic

log = logging.getLogger(__name__)

ANSWER_WAIT_S = 20.0  # a second copy waits this long for the first to answer (it may still be starting)
RESTART_WAIT_S = 30.0  # a restarted copy waits this long for the copy it replaces to quit
POLL_S = 0.05
ACTIVATION_ENV = ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID")  # what the desktop gave the later copy
LOCK_NAME = "instance.lock"
REQUESTS_NAME = "instance-requests"


class AlreadyRunning(Exception):
    """Another copy holds this home. `answered`: it took the request (and showed its window if asked)."""

    def __init__(self, answered: bool, pid: int | None) -> None:
        who = f"shelterapp (process {pid})" if pid else "shelterapp"
        super().__init__(
            f"{who} is already running on this home and was asked to show its window"
            if answered
            else f"{who} is already running on this home but did not answer; not starting a second copy"
        )
        self.answered = answered


class SingleInstance(QObject):
    """Held by the copy that runs: serves later starts. Signals: show_requested()."""

    show_requested = Signal()

    def __init__(self, lock: QLockFile | None, requests: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self.requests = requests
        self._watcher: QFileSystemWatcher | None = None
        if lock is not None:
            self._watcher = QFileSystemWatcher([str(requests)], self)
            self._watcher.directoryChanged.connect(lambda _path: self.serve())
            QTimer.singleShot(0, self, self.serve)  # requests left while this copy was starting

    @property
    def exclusive(self) -> bool:
        """False when the lock could not be made (read-only home): another copy could run beside this one."""
        return self._lock is not None

    def serve(self) -> None:
        """Take every request (deleting its file is the answer); show the window for those that ask."""
        show = False
        for request in sorted(self.requests.glob("*.request")):
            try:
                fresh = time.time() - request.stat().st_mtime < ANSWER_WAIT_S
                asked = json.loads(request.read_text(encoding="utf-8")) if fresh else {}
            except (OSError, ValueError):
                asked = {}
            with contextlib.suppress(OSError):
                request.unlink()
            if isinstance(asked, dict) and asked.get("show"):
                show = True
                for name in ACTIVATION_ENV:  # lets the window come to the front on Wayland (xdg-activation)
                    if isinstance(asked.get(name), str) and asked[name]:
                        os.environ[name] = asked[name]
        if show:
            log.info("another start on this home: showing the window")
            self.show_requested.emit()

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.removePaths(self._watcher.directories())
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def claim(paths: Paths, *, show: bool = True, environ: MutableMapping[str, str] | None = None) -> SingleInstance:
    """This copy becomes the one for this home, or raises AlreadyRunning after asking the running copy to
    show its window (`show`; False for a start hidden in the tray, e.g. autostart, which only checks)."""
    environ = os.environ if environ is None else environ
    requests = paths.data_dir / REQUESTS_NAME
    try:
        requests.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("cannot make %s (%s): another copy of shelterapp could run on this home", requests, exc)
        return SingleInstance(None, requests)
    lock = QLockFile(str(paths.data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)  # held for hours: only a dead owner (its PID gone) makes the lock stale
    replacing = environ.pop(RESTART_ENV, "")
    if lock.tryLock(int(RESTART_WAIT_S * 1000) if replacing else 0):
        return SingleInstance(lock, requests)
    if lock.error() != QLockFile.LockError.LockFailedError:  # read-only home, full disk: no lock to be had
        log.warning("cannot lock %s (%s): another copy could run on this home", paths.data_dir, lock.error().name)
        return SingleInstance(None, requests)
    return _ask_running_copy(lock, requests, show, environ)


def _ask_running_copy(lock: QLockFile, requests: Path, show: bool, environ: MutableMapping[str, str]) -> SingleInstance:
    holder = lock.getLockInfo()
    pid = holder[0] if isinstance(holder, tuple) and holder and isinstance(holder[0], int) else None
    request = requests / f"{os.getpid()}-{time.monotonic_ns()}.request"
    asked: dict[str, object] = {"show": show, "pid": os.getpid()}
    asked.update({name: environ[name] for name in ACTIVATION_ENV if environ.get(name)})
    try:
        write_atomic(request, json.dumps(asked).encode("utf-8"))
    except OSError as exc:
        log.warning("cannot ask the running copy to show its window: %s", exc)
        raise AlreadyRunning(False, pid) from exc
    deadline = time.monotonic() + ANSWER_WAIT_S
    while time.monotonic() < deadline:
        if not request.exists():
            raise AlreadyRunning(True, pid)
        if lock.tryLock(0):  # the running copy quit meanwhile: this one takes over
            with contextlib.suppress(OSError):
                request.unlink()
            return SingleInstance(lock, requests)
        time.sleep(POLL_S)
    with contextlib.suppress(OSError):
        request.unlink()
    raise AlreadyRunning(False, pid)
