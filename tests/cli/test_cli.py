"""The shelterapp-cli contract: names, options, JSON fields and exit codes that scripts rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shelterapp.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shelters"


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_nearest_to_maidan_on_bundled_data(capsys):
    code, out, _ = run(capsys, "nearest", "--lat", "50.4501", "--lon", "30.5234", "-n", "3", "--json")
    assert code == 0
    hits = json.loads(out)
    assert [h["name"] for h in hits][:2] == ["Майдан Незалежності", "Хрещатик"]
    assert hits[0]["distance_m"] < 100 and hits[1]["distance_m"] < 400
    for hit in hits:
        assert {"id", "name", "kind", "address", "lat", "lon", "distance_m", "walk_min"} <= hit.keys()
        assert hit["kind"] == "metro"
    distances = [h["distance_m"] for h in hits]
    assert distances == sorted(distances)


def test_nearest_kind_filter_and_count(capsys):
    code, out, _ = run(capsys, "nearest", "--lat", "50.45", "--lon", "30.52", "-n", "7", "--kind", "metro", "--json")
    assert code == 0 and len(json.loads(out)) == 7
    code, out, _ = run(capsys, "nearest", "--lat", "50.45", "--lon", "30.52", "--kind", "radiation_shelter", "--json")
    assert code == 0 and json.loads(out) == []


def test_nearest_plain_text_is_readable(capsys):
    code, out, _ = run(capsys, "nearest", "--lat", "50.4501", "--lon", "30.5234", "-n", "1")
    assert code == 0
    assert "Майдан Незалежності" in out and " m " in out and "min on foot" in out


@pytest.mark.parametrize(
    "args",
    [
        ["nearest", "--lat", "abc", "--lon", "30.5"],  # not a number
        ["nearest", "--lat", "95", "--lon", "30.5"],  # beyond the pole
        ["nearest", "--lat", "nan", "--lon", "30.5"],  # NaN sneaks past float()
        ["nearest", "--lat", "50.4", "--lon", "30.5", "-n", "0"],
        ["nearest", "--lat", "50.4", "--lon", "30.5", "--kind", "bunker"],
        ["nearest", "--lon", "30.5"],  # missing --lat
        ["import", "x.csv", "--format", "pdf"],
        ["frobnicate"],
        [],
    ],
)
def test_bad_usage_is_one_line_and_exit_2(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("shelterapp-cli: error:")


def test_import_reports_counts_and_unreadable_file_keeps_data(capsys, tmp_path):
    geojson = tmp_path / "mine.geojson"
    geojson.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [30.52, 50.45]},
                        "properties": {
                            "name": "Укриття у дворі",
                            "kind": "simplest_shelter",
                            "address": "вул. Вигадана, 1",
                        },
                    },
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [24.03, 49.84]},
                        "properties": {"name": "Not Kyiv", "kind": "simplest_shelter"},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "import", str(geojson), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["accepted"] == 1 and report["rejected"] == 1 and sum(report["reasons"].values()) == 1

    garbage = tmp_path / "broken.json"
    garbage.write_bytes(b"\x89PNG not json")
    code, out, err = run(capsys, "import", str(garbage))
    assert code == 1 and "broken.json" in err and "previous data stays" in err

    code, out, _ = run(capsys, "info", "--json")
    info = json.loads(out)
    assert info["counts"]["simplest_shelter"] == 1 and info["counts"]["metro"] == 52


def test_import_of_missing_file_fails_cleanly(capsys, tmp_path):
    code, _out, err = run(capsys, "import", str(tmp_path / "nowhere.csv"))
    assert code == 1 and err.startswith("shelterapp-cli: error:") and "Traceback" not in err


def test_info_names_sources_age_and_paths(capsys, app_home):
    code, out, _ = run(capsys, "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["total"] == 52 and info["counts"] == {"metro": 52}
    assert info["sources"][0]["source"] == "bundled" and "approximate" in info["sources"][0]["attribution"]
    assert info["data_age_days"] is not None and info["data_updated"]
    assert info["paths"]["database"].startswith(str(app_home))


def test_installed_console_script_honours_shelterapp_home(tmp_path):
    # The real entry point, in a fresh process, as scripts call it.
    script = Path(sys.executable).with_name("shelterapp-cli")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "shelterapp.cli"]
    env = {**os.environ, "SHELTERAPP_HOME": str(tmp_path / "elsewhere")}
    result = subprocess.run([*command, "info", "--json"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere" / "data" / "shelters.sqlite").exists()
    assert json.loads(result.stdout)["total"] == 52
