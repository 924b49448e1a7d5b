"""Every place the app reads or writes, in one object, so tests and checks can move it all.

SHELTERAPP_HOME=DIR puts config, data, cache and logs under DIR (config.toml at DIR itself);
otherwise the platform's own directories are used (platformdirs).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "shelterapp"
HOME_ENV = "SHELTERAPP_HOME"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "shelters.sqlite"

    @property
    def history_database(self) -> Path:
        return self.data_dir / "history.sqlite"

    @property
    def preparedness_file(self) -> Path:
        return self.data_dir / "preparedness.json"

    @property
    def shelter_timer_file(self) -> Path:
        return self.data_dir / "shelter_timer.json"

    @property
    def keyring_index_file(self) -> Path:
        """Which sources have a key in the OS keyring: names only (desktop/secrets.py)."""
        return self.data_dir / "keys_in_keyring.json"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "shelterapp.log"

    def ensure(self) -> None:
        for directory in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            directory.mkdir(parents=True, exist_ok=True)

    def as_dict(self) -> dict[str, str]:
        return {
            "config": str(self.config_file),
            "settings": str(self.settings_file),
            "database": str(self.database),
            "history": str(self.history_database),
            "preparedness": str(self.preparedness_file),
            "cache": str(self.cache_dir),
            "log": str(self.log_file),
        }


def default_paths(environ: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(config_dir=root, data_dir=root / "data", cache_dir=root / "cache", log_dir=root / "logs")
    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
