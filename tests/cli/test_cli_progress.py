"""`update` and `import` on a terminal show their progress on stderr; with --json, or when stderr is not a
terminal, they stay quiet. Run as a person runs them: a real process whose stderr is a pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from helpers import write_config

SHELTERS = Path(__file__).resolve().parents[1] / "fixtures" / "shelters"


def run_cli(*args: str, tty: bool) -> tuple[int, str, str]:
    """(exit code, stdout, stderr); stderr is a pseudo-terminal when tty, else a pipe."""
    command = [sys.executable, "-m", "shelterapp.cli", *args]
    if not tty:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        return result.returncode, result.stdout, result.stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL) as process:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the process closed the terminal (it exited)
                break
            if not chunk:
                break
            seen += chunk
        out = process.stdout.read() if process.stdout else b""
        code = process.wait(120)
    os.close(leader)
    return code, out.decode(), seen.decode()


def serve_layer(httpserver, app_home: Path) -> bytes:
    body = (SHELTERS / "kyiv_layer_small.geojson").read_bytes()
    httpserver.expect_request("/layer").respond_with_data(body, content_type="application/json")
    write_config(app_home, {"kyiv_opendata": {"url": httpserver.url_for("/layer")}})
    return body


def test_update_on_a_terminal_shows_bytes_of_the_total_and_rows(httpserver, app_home):
    body = serve_layer(httpserver, app_home)
    code, out, err = run_cli("update", "--source", "kyiv_opendata", tty=True)
    assert code == 0, err
    assert "kyiv_opendata: 5 shelters" in out  # the result itself stays on stdout
    assert f"kyiv_opendata: downloaded {len(body) / 1000:.0f} kB of {len(body) / 1000:.0f} kB (100 %)" in err
    assert "7 rows read" in err  # 5 accepted + 2 rejected
    # Drawn in place (carriage returns, no new lines), then wiped so the result line starts clean.
    assert "\n" not in err and err.endswith("\r") and err.rsplit("\r", 2)[-2].strip() == ""


def test_update_with_json_on_a_terminal_prints_no_progress(httpserver, app_home):
    serve_layer(httpserver, app_home)
    code, out, err = run_cli("update", "--source", "kyiv_opendata", "--json", tty=True)
    assert code == 0
    assert json.loads(out)["sources"][0]["rows"] == 5  # stdout is JSON and nothing else
    assert "downloaded" not in err and "rows read" not in err


def test_update_to_a_pipe_prints_no_progress(httpserver, app_home):
    serve_layer(httpserver, app_home)
    code, out, err = run_cli("update", "--source", "kyiv_opendata", tty=False)
    assert code == 0 and "kyiv_opendata: 5 shelters" in out
    assert err == ""


def test_import_on_a_terminal_shows_the_rows_read():
    file = SHELTERS / "kyiv_opendata_small.csv"
    code, out, err = run_cli("import", str(file), tty=True)
    assert code == 0
    assert "kyiv_opendata_small.csv: " in err and " rows read" in err
    assert "Imported " in out
    code, out, err = run_cli("import", str(file), "--json", tty=True)
    assert code == 0 and json.loads(out)["accepted"] > 0 and "rows read" not in err
