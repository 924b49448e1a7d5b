"""The alert feeds as the person set them up: config.toml and the tokens in the keyring, read again whenever
Settings > Alert sources changes a key or the regions, so an edit of config.toml made meanwhile applies too.

Qt-free: the window's controller asks for the new specs and regions and hands them to the AlertService.
One TokenStore for the whole run, so a key kept for this session only (no keyring) is still there the next
time the dialog opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from shelterapp.config import RELAY_SOURCE, AppConfig, effective_nearby, effective_regions, load_config
from shelterapp.desktop.secrets import TokenStore
from shelterapp.sources.registry import SourceSpec, build_specs


class FeedSetup:
    def __init__(self, config_file: Path, tokens: TokenStore) -> None:
        self.config_file = config_file
        self.tokens = tokens

    @property
    def tokens_persistent(self) -> bool:
        """False when no keyring exists: keys then last until the app quits (the dialog says so)."""
        return self.tokens.persistent

    def regions_in_file(self) -> bool:
        """config.toml names the regions: the dialog shows them and does not let them be changed."""
        return load_config(self.config_file).regions_in_file

    def nearby_in_file(self) -> bool:
        """config.toml says [alerts] nearby: the dialog shows it and does not let it be changed (issue #16)."""
        return load_config(self.config_file).nearby is not None

    def nearby(self, chosen: bool) -> bool:
        """Whether to watch the raions next to Kyiv: config.toml's [alerts] nearby, else `chosen` in the app."""
        return effective_nearby(load_config(self.config_file), chosen)

    def save_tokens(self, tokens: Mapping[str, str]) -> None:
        """name -> token; an empty token removes the source's key."""
        for name, token in tokens.items():
            self.tokens.set(name, token)

    def configured(self, config: AppConfig, chosen: tuple[str, ...]) -> tuple[list[SourceSpec], tuple[str, ...]]:
        """Every feed with its key, and the regions to watch (config.toml's, else `chosen` in the app)."""
        return build_specs(config, self.tokens.get), effective_regions(config, chosen)

    def keyless(self, config: AppConfig) -> list[SourceSpec]:
        """The feeds that need no key, found without the keyring: they poll while it is still being asked (finding
        its backend takes 0.1-0.3 s, and a locked one asks the person). The relay is left for later: its password
        is in the keyring."""
        return [spec for spec in build_specs(config) if not spec.needs_token and spec.name != RELAY_SOURCE]

    def reloaded(self, chosen: tuple[str, ...]) -> tuple[list[SourceSpec], tuple[str, ...]]:
        """The same, from config.toml as it is now on disk."""
        return self.configured(load_config(self.config_file), chosen)
