"""What both commands' --help says about files and exit codes, built from paths.py (no Qt, no network libraries).

The paths are the ones this very run would use, so `--help` answers "where is my config?" for this machine and
this SHELTERAPP_HOME, not in general.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from shelterapp.paths import HOME_ENV, Paths, default_paths

GUI_EXIT_CODES = (
    (0, "the app quit normally; or it runs already on this home and was asked to show its window"),
    (1, "it could not start: the data folder or shelter database cannot be opened, or a running copy did not answer"),
    (2, "bad usage: an unknown option or value"),
)
CLI_EXIT_CODES = (
    (0, "success (status: whatever the alert state)"),
    (1, "the operation failed (unreadable file, damaged store, a list not updated); the previous data stays"),
    (2, "bad usage: an unknown command, option or value"),
)


def files_text(paths: Paths | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Where config, data, cache and log live, and how SHELTERAPP_HOME moves them."""
    env = os.environ if environ is None else environ
    paths = paths or default_paths(env)
    home = env.get(HOME_ENV, "").strip()
    now = f"{HOME_ENV} is set to {home}." if home else f"{HOME_ENV} is not set: these are the platform's folders."
    rows = (
        ("config", f"{paths.config_file}  (and settings.json)"),
        ("data", f"{paths.data_dir}  (shelters.sqlite, history.sqlite, preparedness.json)"),
        ("cache", f"{paths.cache_dir}  (map tiles, downloads, geocoding)"),
        ("log", str(paths.log_file)),
    )
    lines = [
        "files:",
        f"  {HOME_ENV}=DIR puts config, data, cache and log under DIR (config.toml at DIR itself).",
        f"  {now}",
        *(f"  {name:<7} {where}" for name, where in rows),
    ]
    return "\n".join(lines)


def exit_codes_text(codes: Sequence[tuple[int, str]]) -> str:
    return "\n".join(["exit codes:", *(f"  {code}  {meaning}" for code, meaning in codes)])


def epilog(examples: Sequence[str], codes: Sequence[tuple[int, str]], paths: Paths | None = None) -> str:
    """Examples first (what a hurried reader looks for), then files, then exit codes."""
    parts = []
    if examples:
        parts.append("\n".join(["examples:" if len(examples) > 1 else "example:", *(f"  {e}" for e in examples)]))
    parts += [files_text(paths), exit_codes_text(codes)]
    return "\n\n".join(parts)
