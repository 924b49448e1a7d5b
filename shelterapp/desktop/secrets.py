"""API tokens in the OS keyring; with no keyring backend, kept for this session only (and the user is told).

Never write a token to a log, a settings file or a crash report: nothing here logs a value, and
callers receive it only inside SourceSettings (repr=False).

keyring is imported on first use, not with this module: with its backend discovery it costs 0.1-0.3 s and about
20 MB, and the app reads the keys on a worker thread once its window is up (alerting/feed_start.py).
"""

from __future__ import annotations

import logging
from types import ModuleType

log = logging.getLogger(__name__)

SERVICE = "shelterapp"


class TokenStore:
    """get/set/delete tokens by source name."""

    def __init__(self) -> None:
        self._session: dict[str, str] = {}

    @property
    def persistent(self) -> bool:
        """False when no keyring backend exists: tokens then last until the app quits."""
        from keyring.backends import fail

        backend = _keyring().get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0

    def get(self, source: str) -> str:
        if source in self._session:
            return self._session[source]
        if not self.persistent:
            return ""
        keyring = _keyring()
        try:
            return keyring.get_password(SERVICE, source) or ""
        except keyring.errors.KeyringError as exc:
            log.warning("keyring unavailable while reading the %s token: %s", source, type(exc).__name__)
            return ""

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


def _keyring() -> ModuleType:
    import keyring
    import keyring.errors

    return keyring
