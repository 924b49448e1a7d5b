"""'Start with my session': an XDG autostart entry that the desktop reads at login."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from shelterapp.paths import HOME_ENV
from shelterapp.storage.atomic import write_atomic

ENTRY_NAME = "shelterapp.desktop"


def autostart_file(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    config_home = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", str(Path.home()))) / ".config")
    return Path(config_home) / "autostart" / ENTRY_NAME


def launch_command(environ: Mapping[str, str] | None = None) -> str:
    """The command that starts this installation hidden in the tray, keeping a custom SHELTERAPP_HOME."""
    env = os.environ if environ is None else environ
    beside_python = Path(sys.executable).with_name("shelterapp")  # the venv's own script first
    script = str(beside_python) if beside_python.is_file() else shutil.which("shelterapp")
    parts = [script] if script else [sys.executable, "-m", "shelterapp"]
    parts.append("--hidden")
    if env.get(HOME_ENV):
        parts = ["env", f"{HOME_ENV}={env[HOME_ENV]}", *parts]
    return " ".join(_exec_quote(part) for part in parts)


def _exec_quote(arg: str) -> str:
    """Quote one argument the way the Desktop Entry spec wants (double quotes, escaped, %% doubled)."""
    arg = arg.replace("%", "%%")
    if arg and not any(ch in arg for ch in " \t\n\"'\\><~|&;$*?#()`="):
        return arg
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{escaped}"'


def is_enabled(environ: Mapping[str, str] | None = None) -> bool:
    return autostart_file(environ).is_file()


def set_enabled(enabled: bool, environ: Mapping[str, str] | None = None) -> Path:
    path = autostart_file(environ)
    if not enabled:
        path.unlink(missing_ok=True)
        return path
    entry = "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=shelterapp",
            "Comment=Kyiv air-raid shelters and alerts",
            "Comment[uk]=Укриття Києва та повітряні тривоги",
            f"Exec={launch_command(environ)}",
            "Icon=shelterapp",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )
    write_atomic(path, entry.encode("utf-8"))
    return path
