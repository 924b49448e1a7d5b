"""--help of both commands tells a person where their files are, what the exit codes mean and how a command is
used; --help and --version answer without loading Qt or the network libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_cli import run

from shelterapp.cli.main import build_parser
from shelterapp.launcher import main as gui_main
from shelterapp.launcher import parse_args
from shelterapp.paths import default_paths

SUBCOMMANDS = ("nearest", "import", "info", "update", "status", "sources", "relay", "plan", "history", "drill")
HEAVY = ("PySide6", "shiboken6", "requests", "urllib3", "keyring", "geopy", "openpyxl")


def gui_help(capsys) -> str:
    with pytest.raises(SystemExit) as exit_:
        gui_main(["--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def assert_tells_files_and_exit_codes(text: str) -> None:
    paths = default_paths()  # the test's own SHELTERAPP_HOME: the help shows the paths this run would use
    assert "SHELTERAPP_HOME=DIR" in text and f"SHELTERAPP_HOME is set to {paths.config_dir}" in text
    for path in (paths.config_file, paths.data_dir, paths.cache_dir, paths.log_file):
        assert str(path) in text
    for code in ("0", "1", "2"):
        assert f"\n  {code}  " in text


def test_gui_help_tells_home_paths_exit_codes_and_hides_the_smoke_test_flag(capsys):
    text = gui_help(capsys)
    assert_tells_files_and_exit_codes(text)
    assert "could not start" in text and "example:\n  shelterapp --lang uk" in text
    assert "--exit-after-start" not in text and "smoke test" not in text
    assert "--hidden" in text and "--theme" in text  # autostart's flag and the accessibility one stay visible


def test_the_hidden_flag_still_works():
    assert parse_args(["--exit-after-start"]).exit_after_start is True
    assert parse_args([]).exit_after_start is False


def test_cli_help_lists_an_example_of_every_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert_tells_files_and_exit_codes(out)
    examples = out.split("examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert sorted(line.split()[1] for line in examples) == sorted(SUBCOMMANDS)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_each_command_help_has_its_example_files_and_exit_codes(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert_tells_files_and_exit_codes(out)
    example = out.split("example:\n", 1)[1].splitlines()[0].strip()
    assert example.startswith(f"shelterapp-cli {command}")
    # The example is a valid command line: argparse accepts it as written.
    args = build_parser().parse_args(example.split()[1:])
    assert args.command == command


def test_help_says_when_the_platform_folders_are_used(capsys, monkeypatch):
    monkeypatch.delenv("SHELTERAPP_HOME")
    text = gui_help(capsys)
    assert "SHELTERAPP_HOME is not set" in text and str(default_paths().config_file) in text


@pytest.mark.parametrize(
    "command",
    [
        ["shelterapp", "--help"],
        ["shelterapp", "--version"],
        ["shelterapp.cli", "--version"],
        ["shelterapp.cli", "--help"],
        ["shelterapp.cli", "update", "--help"],
        ["shelterapp.cli", "plan", "--help"],  # the plan draws with Qt, but only once it runs
        ["shelterapp.cli", "drill", "--help"],  # the drill polls, plays and asks D-Bus, but only once it runs
    ],
)
def test_help_and_version_import_no_qt_and_no_network_library(command):
    """The real entry points (python -m runs the same main as the installed scripts), in a fresh process:
    -X importtime lists every module the process imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", *command], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(("shelterapp ", "usage:"))
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import")}
    assert "shelterapp" in imported  # the listing worked
    assert sorted(name for name in imported if name.split(".")[0] in HEAVY) == []
