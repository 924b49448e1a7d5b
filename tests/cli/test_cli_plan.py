"""shelterapp-cli plan: the contract (names, exit codes, one-line errors), headless, the saved place kept private."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from pdf_helpers import pdf_info, pdf_text

from shelterapp.cli import main

MAIDAN = ["--lat", "50.4501", "--lon", "30.5234"]
HOME = {"label": "Дім", "lat": 50.46123, "lon": 30.51987}  # near Лук'янівська / Золоті ворота


@pytest.fixture(autouse=True)
def gui_app(qapp):
    """In-process runs share the test session's QApplication (the command makes its own only when none exists)."""
    return qapp


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def save_places(app_home, *places: dict[str, object]) -> None:
    app_home.mkdir(parents=True, exist_ok=True)
    settings = {"version": 1, "places": list(places), "language": "fr"}
    (app_home / "settings.json").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")


def test_plan_for_coordinates_writes_one_a4_page(capsys, tmp_path):
    out = tmp_path / "plan.pdf"
    code, stdout, err = run(capsys, "plan", *MAIDAN, "--pdf", str(out), "--lang", "uk")
    assert code == 0, err
    assert err == ""
    assert stdout.strip().startswith("Shelter plan written to ") and "10 shelters" in stdout
    assert pdf_info(out)["Pages"] == "1"
    assert "Майдан Незалежності" in pdf_text(out)


def test_saved_place_by_name_in_the_interface_language_and_never_logged(capsys, tmp_path, app_home):
    save_places(app_home, {"label": "Робота", "lat": 50.45, "lon": 30.52}, HOME)
    out = tmp_path / "home.pdf"
    code, _, err = run(capsys, "plan", "--place", "дім", "--pdf", str(out))  # names match ignoring case
    assert code == 0, err
    text = pdf_text(out)
    assert "Plan des abris : Дім" in text  # settings say French
    assert "50.46123, 30.51987" in text
    log = (app_home / "logs" / "shelterapp.log").read_text(encoding="utf-8")
    assert "shelter plan written" in log
    for private in ("Дім", "50.461", "30.519", "50.46", "30.52"):
        assert private not in log


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--pdf", "x.pdf"],  # no point at all
        ["plan", "--place", "Дім", *MAIDAN, "--pdf", "x.pdf"],  # both a place and coordinates
        ["plan", "--lat", "50.45", "--pdf", "x.pdf"],  # half a point
        ["plan", *MAIDAN],  # no --pdf
        ["plan", *MAIDAN, "--pdf", "x.pdf", "--lang", "de"],  # a language we do not write
        ["plan", "--lat", "95", "--lon", "30.5", "--pdf", "x.pdf"],  # beyond the pole
        ["plan", "--place", "  ", "--pdf", "x.pdf"],
        ["plan", "--place", "Дача", "--pdf", "x.pdf"],  # not a saved place
    ],
)
def test_bad_usage_is_one_line_and_exit_2(capsys, app_home, args):
    save_places(app_home, HOME)
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("shelterapp-cli: error:")


def test_unknown_place_names_the_saved_ones(capsys, app_home):
    save_places(app_home, HOME)
    _code, _out, err = run(capsys, "plan", "--place", "Дача", "--pdf", "x.pdf")
    assert "'Дача'" in err and "Дім" in err


@pytest.mark.parametrize("where", ["missing_folder", "read_only_folder", "a_folder"])
def test_unwritable_file_is_exit_1_in_one_line_and_leaves_nothing(capsys, tmp_path, where):
    target = {
        "missing_folder": tmp_path / "no" / "such" / "plan.pdf",
        "read_only_folder": tmp_path / "ro" / "plan.pdf",
        "a_folder": tmp_path / "dir.pdf",
    }[where]
    if where == "missing_folder":
        (tmp_path / "no").write_text("a file where a folder should be")
    if where == "read_only_folder":
        target.parent.mkdir()
        target.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(target.parent)], check=False)  # root ignores permissions
    if where == "a_folder":
        target.mkdir()
    try:
        code, out, err = run(capsys, "plan", *MAIDAN, "--pdf", str(target))
    finally:
        if where == "read_only_folder" and os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(target.parent)], check=False)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("shelterapp-cli: error: plan: cannot write")
    if where != "a_folder":
        assert not target.exists()


def test_no_shelter_near_the_point_is_exit_1(capsys, tmp_path):
    code, _out, err = run(capsys, "plan", "--lat", "30.5234", "--lon", "50.4501", "--pdf", str(tmp_path / "x.pdf"))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "no shelter" in err
    assert not (tmp_path / "x.pdf").exists()


def test_works_headless_with_no_display_and_no_qt_platform_set(tmp_path, app_home):
    # A server: no X, no Wayland, no QT_QPA_PLATFORM. The command must still draw the page and say nothing else.
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "plan.pdf"
    command = "from shelterapp.cli import main; raise SystemExit(main())"
    result = subprocess.run(
        [sys.executable, "-c", command, "plan", *MAIDAN, "--pdf", str(out), "--lang", "en"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Khreshchatyk" in pdf_text(out)
