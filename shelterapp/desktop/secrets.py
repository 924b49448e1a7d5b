"""API tokens in the OS keyring; with no keyring backend, kept for this session only (and the user is told).

Never write a token to a log, a settings file or a crash report: nothing here logs a value, and
callers receive it only inside SourceSettings (repr=False).

keyring is imported on first use, not with this module, and asked only for keys it holds. Finding its backend
costs 0.1-0.3 s of CPU and about 10 MB that stay for the whole run (it imports every backend: on Linux the macOS
one too, which runs ldconfig and gcc to look for a library), and a locked keyring asks the person to unlock it.
So the app keeps an index beside its data: which sources have a key in the keyring, names only, never a key.
A start asks the keyring only for those (on a worker thread, once the window is up: alerting/feed_start.py); a
source the index does not know yet (the first start, keys saved by an earlier version) is asked about once.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from types import ModuleType

from shelterapp.storage.atomic import write_atomic

log = logging.getLogger(__name__)

SERVICE = "shelterapp"
INDEX_FORMAT = 1


class TokenStore:
    """get/set/delete tokens by source name. `index`: the file naming the sources with a key in the keyring
    (see the module docstring); None asks the keyring every time (the command line, which only reads)."""

    def __init__(self, index: Path | None = None) -> None:
        self._session: dict[str, str] = {}
        self._index_file = index
        self._in_keyring: dict[str, bool] | None = None  # the index, read on first use
        self._lock = threading.Lock()  # the feeds read keys on a worker while Settings may write one

    @property
    def persistent(self) -> bool:
        """False when no keyring backend exists: tokens then last until the app quits."""
        from keyring.backends import fail

        backend = _keyring().get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0

    def get(self, source: str) -> str:
        if source in self._session:
            return self._session[source]
        if self._indexed(source) is False:
            return ""  # no key was ever stored for it: the keyring is not even loaded
        if not self.persistent:
            self._note(source, False)
            return ""
        keyring = _keyring()
        try:
            token: str = keyring.get_password(SERVICE, source) or ""
        except keyring.errors.KeyringError as exc:
            log.warning("keyring unavailable while reading the %s token: %s", source, type(exc).__name__)
            return ""  # not noted: asked again at the next start
        self._note(source, bool(token))
        return token

    def set(self, source: str, token: str) -> bool:
        """Store a token; returns True when it went to the keyring, False when kept for this session only."""
        token = token.strip()
        if not token:
            self.delete(source)
            return self.persistent
        if self.persistent:
            keyring = _keyring()
            try:
                keyring.set_password(SERVICE, source, token)
                self._session.pop(source, None)
                self._note(source, True)
                return True
            except keyring.errors.KeyringError as exc:
                log.warning(
                    "keyring refused the %s token (%s); keeping it for this session", source, type(exc).__name__
                )
        self._session[source] = token
        return False

    def delete(self, source: str) -> None:
        self._session.pop(source, None)
        if self.persistent:
            keyring = _keyring()
            try:
                keyring.delete_password(SERVICE, source)
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                log.warning("keyring refused to delete the %s token: %s", source, type(exc).__name__)
                return  # the key may still be there: the index keeps saying so
        self._note(source, False)

    # the index ---------------------------------------------------------------------------------------------
    def _indexed(self, source: str) -> bool | None:
        """True/False: the index says whether `source` has a key in the keyring; None: it does not know."""
        if self._index_file is None:
            return None
        with self._lock:
            return self._load().get(source)

    def _note(self, source: str, in_keyring: bool) -> None:
        if self._index_file is None:
            return
        with self._lock:
            known = self._load()
            if known.get(source) is in_keyring:
                return
            known[source] = in_keyring
            document = {"format": INDEX_FORMAT, "in_keyring": dict(sorted(known.items()))}
            try:
                write_atomic(self._index_file, json.dumps(document, indent=1).encode("utf-8"))
            except OSError as exc:  # the keyring is then asked again at the next start: slower, never wrong
                log.warning("could not write %s: %s", self._index_file.name, exc)

    def _load(self) -> dict[str, bool]:
        if self._in_keyring is None:
            self._in_keyring = _read_index(self._index_file) if self._index_file is not None else {}
        return self._in_keyring


def _read_index(path: Path) -> dict[str, bool]:
    """The index's names; {} (ask the keyring) when it is missing, unreadable or not ours."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s is unreadable (%s); the keyring will be asked again", path.name, exc)
        return {}
    entries = document.get("in_keyring") if isinstance(document, dict) else None
    if not isinstance(entries, dict) or document.get("format") != INDEX_FORMAT:
        log.warning("%s is not an index this version reads; the keyring will be asked again", path.name)
        return {}
    return {name: value for name, value in entries.items() if isinstance(name, str) and isinstance(value, bool)}


def _keyring() -> ModuleType:
    import keyring
    import keyring.errors

    return keyring
