"""Helpers shared by the bench scripts: the machine, percentiles, /proc sampling, an app home, --json output.

Not a benchmark itself. Imported as `from _common import ...` (a script's own folder is first on sys.path).
Everything here reads /proc directly (Linux), so no psutil is needed.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

# The floor Qt itself costs: a QApplication and one empty QMainWindow, shown, then the same kind of line the
# app prints once its window's first frame is painted (as shelterapp/ui/first_frame.py sees it: the window's
# first paint event, then one turn of the event loop). With "idle" in argv it stays up (until killed).
BARE_QT = """
import sys
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 720)
def report():
    print(f"bare PySide6 started: window shown (CPU {time.process_time():.3f} s)", flush=True)
    if "idle" not in sys.argv:
        app.quit()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
            self.seen = True
            QTimer.singleShot(0, report)
        return False
first_paint = FirstPaint()
window.installEventFilter(first_paint)
window.show()
sys.exit(app.exec())
"""


def pct(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of unsorted values; nan for none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def qt_version() -> str:
    try:
        import PySide6
        from PySide6.QtCore import qVersion
    except ImportError:
        return "absent"
    return f"Qt {qVersion()} (PySide6 {PySide6.__version__})"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, kernel {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def machine() -> dict[str, str]:
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text(encoding="utf-8").split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "qt": qt_version(),
        "os": os_name(),
    }


def machine_line() -> str:
    m = machine()
    return f"machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; {m['os']}; {m['python']}; {m['qt']}"


# /proc ---------------------------------------------------------------------------------------------------


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size (VmRSS) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int | str = "self") -> float:
    """utime + stime of a process (all its threads), in seconds."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    fields = stat.rsplit(")", 1)[1].split()  # after "(comm)", which may hold spaces
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15 of proc(5)


def task_count(pid: int | str = "self") -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def fd_count(pid: int | str = "self") -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


# the app's home --------------------------------------------------------------------------------------------


def closed_port() -> int:
    """A 127.0.0.1 port nobody listens on (bound, then released): connections there fail at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_home(home: Path, feeds: dict[str, dict[str, object]] | None = None, tile_url: str = "") -> Path:
    """A SHELTERAPP_HOME with a config.toml: every feed off except `feeds` (name -> url, interval_s...), the
    map's tiles and the geocoder on 127.0.0.1 (a closed port unless `tile_url` is given). Nothing leaves
    the machine."""
    from shelterapp.config import SOURCE_NAMES

    feeds = feeds or {}
    dead = f"http://127.0.0.1:{closed_port()}"
    lines = []
    for name in SOURCE_NAMES:
        lines.append(f"[sources.{name}]")
        keys = {"enabled": name in feeds, **feeds.get(name, {})}
        lines += [f"{key} = {json.dumps(value)}" for key, value in keys.items()]  # JSON scalars are TOML too
    lines += ["[map]", f"tile_url = {json.dumps(tile_url or dead + '/{z}/{x}/{y}.png')}"]
    lines += ["[geocoder]", f"url = {json.dumps(dead)}"]
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return home


def app_env(home: Path | None = None) -> dict[str, str]:
    """The environment of a spawned app: offscreen Qt, its own home, no session bus of ours leaking in."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    # An installed app runs from compiled bytecode (pip compiles it; a checkout writes it on its first run); with
    # PYTHONDONTWRITEBYTECODE set, as on some shared machines, every start would compile all our modules again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if home is not None:
        env["SHELTERAPP_HOME"] = str(home)
    return env


def app_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "shelterapp", *args]


def bare_command(*args: str) -> list[str]:
    return [sys.executable, "-c", BARE_QT, *args]


def start_local_server(script: str, *args: str) -> tuple[subprocess.Popen[str], str]:
    """tools/SCRIPT --port 0 in its own process (a real server would be): returns it and its base URL."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "tools" / script), "--port", "0", *args],
        stdout=subprocess.PIPE,
        text=True,
        env=app_env(),
    )
    assert process.stdout is not None
    port = int(process.stdout.readline())
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    for stream in (process.stdout, process.stderr, process.stdin):
        if stream is not None:
            stream.close()


# results ---------------------------------------------------------------------------------------------------


def write_json(path: str | None, results: dict[str, object]) -> None:
    """--json PATH: the script's key figures for bench/run_all.py (nothing when no path was given)."""
    if path:
        Path(path).write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
