"""Logging to a size-capped file under the log directory, and to stderr for warnings."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from shelterapp.paths import Paths
from shelterapp.urls import redact_text

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(paths: Paths, *, stderr_level: int = logging.WARNING) -> None:
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_shelterapp", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
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
