"""What the relay keeps between runs: the last `seq` it published and its webhook secret (0600, atomic writes).

`seq` must always grow, across restarts too, or desktops would reject the restarted relay's states as old:
the next one is max(last + 1, milliseconds since the epoch), so even a lost file (a new server) goes on from
the clock, and a clock set back goes on from the file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import threading
import time
from pathlib import Path

from shelterapp.storage.atomic import set_aside, write_atomic

log = logging.getLogger(__name__)


class RelayMemory:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._data = self._load()

    def _load(self) -> dict[str, object]:
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            log.warning("relay memory %s unreadable (%s): set aside; seq goes on from the clock", self.path, exc)
            with contextlib.suppress(OSError):
                set_aside(self.path)
            return {}
        return data

    def _save(self) -> None:
        write_atomic(self.path, json.dumps(self._data).encode("utf-8"))
        os.chmod(self.path, 0o600)  # holds the webhook secret

    def next_seq(self, now_ms: int | None = None) -> int:
        """The next seq, saved before it is published (a crash right after must not reuse it)."""
        with self._lock:
            last = self._data.get("seq")
            last_seq = last if isinstance(last, int) and not isinstance(last, bool) else -1
            seq = max(last_seq + 1, now_ms if now_ms is not None else time.time_ns() // 1_000_000)
            self._data["seq"] = seq
            self._save()
            return seq

    def webhook_secret(self) -> str:
        """The random part of the webhook path, made once and kept (the registered URL must stay valid)."""
        with self._lock:
            secret = self._data.get("webhook_secret")
            if not isinstance(secret, str) or len(secret) < 20:
                secret = secrets.token_urlsafe(24)
                self._data["webhook_secret"] = secret
                self._save()
            return secret
