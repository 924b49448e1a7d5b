"""A keyring backend over a JSON file, for tests that run the app or the CLI in a child process:
PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring, SHELTERAPP_TEST_KEYRING=/path/keyring.json, tests/ on PYTHONPATH.
The code under test goes through the real `keyring` API (desktop/secrets.py), only the storage is ours."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        return Path(os.environ["SHELTERAPP_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        return json.loads(self._path.read_text(encoding="utf-8")) if self._path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(username) if service == "shelterapp" else None

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[username] = password
        self._path.write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(username, None)
        self._path.write_text(json.dumps(data), encoding="utf-8")
