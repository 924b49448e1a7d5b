"""Write user files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path

STALE_TEMP_S = 600  # a temporary file this old belongs to a write that was killed; a live write takes ms


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _remove_stale_temps(path: Path) -> None:
    """Leftovers of writes killed before their rename (SIGKILL, power cut): never read, so tidy them away."""
    cutoff = time.time() - STALE_TEMP_S
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def set_aside(path: Path) -> Path:
    """Rename a damaged file out of the way (never delete user data) and return its new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    os.replace(path, target)
    return target
