"""Logging to a size-capped file under the log directory, and to stderr for warnings.

The log names the files, servers and lists the person uses, so it is the owner's only: the folder 0700, the
file and its rotated copies 0600 (also those an earlier version left readable). Places and the person's
location are never logged at all (settings.py, places_controller.py, notify/fallbacks.py).
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import sys

from shelterapp.paths import Paths
from shelterapp.urls import redact_text

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
BACKUPS = 3


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose file is created 0600 (and made so if it existed); rotation renames files,
    so the copies keep that mode."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if hasattr(os, "fchmod"):  # POSIX; on Windows the file is in the user's own profile folder
            os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # appends, as FileHandler does


def setup_logging(paths: Paths, *, stderr_level: int = logging.WARNING) -> None:
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_shelterapp", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _make_private(paths)
        handlers.append(
            PrivateRotatingFileHandler(paths.log_file, maxBytes=1_000_000, backupCount=BACKUPS, encoding="utf-8")
        )
    except OSError as exc:  # a read-only home must not stop the app
        print(f"shelterapp: logging to file disabled: {exc}", file=sys.stderr)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(stderr_level)
    handlers.append(console)
    for handler in handlers:
        handler.setFormatter(_RedactingFormatter(_FORMAT))
        handler._shelterapp = True  # type: ignore[attr-defined]
        root.addHandler(handler)


class _RedactingFormatter(logging.Formatter):
    """Credentials written into a URL (user:password@, ?token=...) never reach the log, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_text(super().format(record))


def _make_private(paths: Paths) -> None:
    """The log folder 0700 and every log file in it 0600, whoever made them (best effort: a read-only home
    still logs, or not, as before)."""
    with contextlib.suppress(OSError):
        paths.log_dir.chmod(0o700)
    for number in range(1, BACKUPS + 1):
        with contextlib.suppress(OSError):
            paths.log_file.with_name(f"{paths.log_file.name}.{number}").chmod(0o600)
