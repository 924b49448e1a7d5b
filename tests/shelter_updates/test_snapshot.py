"""Shelters offline from the first start: the bundle's data step against a local stand-in of the city's layer and of
Overpass, the bundle it yields started on an empty home with every feed off, and no copy of the data in the repo."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, write_config

from shelterapp.shelter_updates import snapshot
from shelterapp.shelters.bundled_lists import read_manifest

LAYER = FIXTURES / "shelters" / "kyiv_layer_small.geojson"
OVERPASS = FIXTURES / "shelters" / "osm_small.json"
KMDA = "Дані: Київська міська державна адміністрація"


def _load_recipe():
    spec = importlib.util.spec_from_file_location("bundle_recipe", REPO / "packaging" / "pyinstaller" / "recipe.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


recipe = _load_recipe()


@pytest.fixture
def stand_in(httpserver):
    """The city's layer and Overpass, as CI's tools/shelter_list_server.py serves them: environment for the step."""
    httpserver.expect_request("/layer").respond_with_data(LAYER.read_bytes(), content_type="application/geo+json")
    httpserver.expect_request("/api/interpreter").respond_with_data(
        OVERPASS.read_bytes(), content_type="application/json"
    )
    return {
        "SHELTERAPP_BUNDLE_KYIV_OPENDATA_URL": httpserver.url_for("/layer"),
        "SHELTERAPP_BUNDLE_OSM_URL": httpserver.url_for("/api/interpreter"),
    }


def stage_bundle(root: Path, lists: Path) -> Path:
    """The frozen app's _internal/ as the spec lays it out (the recipe's datas), with our package beside them:
    shelterapp/ and shelterapp/_resources/ (resources and the step's lists), without running PyInstaller."""
    shutil.copytree(REPO / "shelterapp", root / "shelterapp", ignore=shutil.ignore_patterns("__pycache__"))
    for source, dest in recipe.resource_datas(REPO) + recipe.bundled_list_datas(lists):
        (root / dest).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, root / dest)
    return root


def run_staged(root: Path, home: Path, *args: str, gui: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root), SHELTERAPP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    entry = "shelterapp.launcher" if gui else "shelterapp.cli"
    command = f"import sys; from {entry} import main; sys.exit(main())"
    prefix = ["unshare", "-n"] if shutil.which("unshare") and _can_unshare() else []  # offline for real, where allowed
    return subprocess.run(
        [*prefix, sys.executable, "-c", command, *args], env=env, cwd=root, capture_output=True, text=True, timeout=120
    )


def _can_unshare() -> bool:
    return subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0


def test_the_step_against_a_local_stand_in_yields_a_bundle_that_starts_on_the_official_rows(stand_in, tmp_path, capsys):
    lists = tmp_path / "bundled-lists"
    assert snapshot.main(["--out", str(lists), "--mode", "required"], environ=stand_in) == 0
    out = capsys.readouterr().out
    assert "kyiv_opendata: 5 shelters" in out and "osm: 8 shelters" in out
    manifest = {item.name: item for item in read_manifest(lists)}
    assert manifest["kyiv_opendata"].licence == "CC BY 4.0" and manifest["osm"].licence == "ODbL 1.0"
    readme = (lists / "README.txt").read_text(encoding="utf-8")
    assert "creativecommons.org/licenses/by/4.0" in readme and "opendatacommons.org/licenses/odbl" in readme

    root = stage_bundle(tmp_path / "_internal", lists)
    home = tmp_path / "home"  # empty: the first start
    write_config(home)  # every feed and list off: nothing may be fetched
    assert sorted(p.name for p in home.iterdir()) == ["config.toml"]
    info = run_staged(root, home, "info", "--json")
    assert info.returncode == 0, info.stderr
    sources = {source["source"]: source for source in json.loads(info.stdout)["sources"]}
    official = sources["kyiv-opendata"]
    assert (official["attribution"], official["licence"], official["rows"]) == (KMDA, "CC BY 4.0", 5)
    assert official["origin"] == stand_in["SHELTERAPP_BUNDLE_KYIV_OPENDATA_URL"]
    assert (sources["osm"]["attribution"], sources["osm"]["licence"]) == ("© OpenStreetMap contributors", "ODbL 1.0")
    nearest = run_staged(root, home, "nearest", "--lat", "50.4401", "--lon", "30.5101", "-n", "1", "--json")
    assert json.loads(nearest.stdout)[0]["source"] == "kyiv-opendata"  # an official shelter, offline

    window_home = tmp_path / "window-home"  # the window's first start, likewise
    write_config(window_home)
    started = run_staged(root, window_home, "--exit-after-start", gui=True)
    assert started.returncode == 0, started.stderr
    count = int(started.stdout.split("window shown, ")[1].split()[0])
    assert count > 52  # more than our metro stations


def test_without_network_and_without_a_stand_in_the_bundle_gets_the_metro_list_only(tmp_path, capsys):
    closed = {"SHELTERAPP_BUNDLE_KYIV_OPENDATA_URL": "http://127.0.0.1:9/layer",
              "SHELTERAPP_BUNDLE_OSM_URL": "http://127.0.0.1:9/api/interpreter"}  # fmt: skip
    lists = tmp_path / "bundled-lists"
    lists.mkdir()
    (lists / "manifest.json").write_text("{}", encoding="utf-8")  # a previous build's: never shipped again
    assert snapshot.main(["--out", str(lists)], environ=closed) == 0
    err = capsys.readouterr().err
    assert "kyiv_opendata: NOT bundled" in err and "osm: NOT bundled" in err
    assert "the bundle starts on the 52 metro stations only" in err
    assert list(lists.iterdir()) == [] and recipe.bundled_list_datas(lists) == []
    assert snapshot.main(["--out", str(lists), "--mode", "required"], environ=closed) == 1  # a release build stops


def test_the_step_checks_like_update_shelters_and_leaves_a_bad_list_out(httpserver, tmp_path, capsys):
    # A WAF's HTML page with status 200, where the layer should be: refused, as Update shelters refuses it.
    httpserver.expect_request("/layer").respond_with_data("<html>Access denied</html>", content_type="text/html")
    httpserver.expect_request("/api/interpreter").respond_with_data(OVERPASS.read_bytes())
    env = {"SHELTERAPP_BUNDLE_KYIV_OPENDATA_URL": httpserver.url_for("/layer"),
           "SHELTERAPP_BUNDLE_OSM_URL": httpserver.url_for("/api/interpreter")}  # fmt: skip
    lists = tmp_path / "lists"
    assert snapshot.main(["--out", str(lists)], environ=env) == 0
    assert [item.name for item in read_manifest(lists)] == ["osm"]
    assert "kyiv_opendata: NOT bundled (" in capsys.readouterr().err
    assert snapshot.main(["--out", str(lists), "--mode", "required"], environ=env) == 1


@pytest.mark.parametrize(
    "args", [["--out", "x", "--url", "nosuch=http://127.0.0.1:9/"], ["--out", "x", "--mode", "sometimes"], []]
)
def test_bad_usage_exits_2(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        snapshot.main(args, environ={})
    assert exit_.value.code == 2


def test_the_repository_keeps_no_copy_of_the_data():
    # The lists are downloaded at build time into build/bundled-lists/ (ignored); nothing of them is tracked.
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    names = {f"{name}.json" for name in snapshot.SHELTER_LISTS}
    assert not [p for p in tracked if p.startswith(("build/", "resources/lists/"))]
    assert not [p for p in tracked if Path(p).name in names | {"manifest.json"} and not p.startswith("tests/")]
    downloads = [f"{recipe.BUNDLED_LISTS_DIR}/kyiv_opendata.json", "resources/lists/osm.json"]
    ignored = subprocess.run(["git", "check-ignore", *downloads], cwd=REPO, capture_output=True, text=True, check=False)
    assert ignored.stdout.split() == downloads
