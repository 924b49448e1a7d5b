"""What a packager or a person reading PyPI sees: the licence everywhere it is stated, the project's addresses,
every library the code imports declared, and the licence inside the wheel and the sdist."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
METAINFO = ElementTree.parse(REPO / "packaging" / "io.github.shelterapp.metainfo.xml").getroot()
# Modules that come with a declared dependency rather than on their own.
BROUGHT_BY = {"shiboken6": "pyside6-essentials"}  # PySide6-Essentials pins its own shiboken6


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503: PySide6_Essentials is pyside6-essentials


def declared() -> set[str]:
    return {normal(re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0].strip()) for dep in PROJECT["dependencies"]}


def test_licence_file_pyproject_metainfo_and_readme_agree():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    assert "END OF TERMS AND CONDITIONS" in text  # the whole licence, not a stub
    assert PROJECT["license"] == "GPL-3.0-or-later" and PROJECT["license-files"] == ["LICENSE"]
    assert METAINFO.findtext("project_license") == PROJECT["license"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "GPL-3.0-or-later" in readme and "(LICENSE)" in readme
    # PEP 639: a licence expression and a License :: classifier together are refused by PyPI.
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]


def test_project_urls_match_the_appstream_ids_github_home():
    urls = PROJECT["urls"]
    assert set(urls) == {"Homepage", "Source", "Issues", "Documentation"}
    app_id = METAINFO.findtext("id")  # io.github.shelterapp: the GitHub account "shelterapp"
    assert app_id == "io.github.shelterapp"
    for url in urls.values():
        assert url.startswith("https://github.com/shelterapp/shelterapp")
    appstream = {u.get("type"): u.text for u in METAINFO.findall("url")}
    assert appstream["homepage"] == urls["Homepage"]
    assert appstream["bugtracker"] == urls["Issues"]
    assert appstream["vcs-browser"] == urls["Source"]


def test_classifiers_and_keywords_say_what_is_tested():
    python = [c for c in PROJECT["classifiers"] if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert python == ["Programming Language :: Python :: 3.11"]  # the only version CI runs
    assert {"Kyiv", "shelter", "air raid"} <= set(PROJECT["keywords"])
    metainfo_keywords = {k.text for k in METAINFO.iter("keyword")}
    assert metainfo_keywords <= set(PROJECT["keywords"])


def third_party_imports() -> dict[str, list[str]]:
    """Top-level names of every module imported anywhere under shelterapp/ that is not ours or the stdlib."""
    found: dict[str, list[str]] = {}
    for path in sorted((REPO / "shelterapp").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "shelterapp" and top not in sys.stdlib_module_names and top != "__future__":
                    found.setdefault(top, []).append(str(path.relative_to(REPO)))
    return found


def test_every_library_the_code_imports_is_declared():
    distributions = importlib.metadata.packages_distributions()
    missing = {}
    for module, where in third_party_imports().items():
        names = {normal(d) for d in distributions.get(module, [module])}
        if not names & declared() and BROUGHT_BY.get(module) not in declared():
            missing[module] = where[:3]
    assert missing == {}, f"imported but not in pyproject's dependencies: {missing}"
    assert {"urllib3", "geographiclib"} <= declared()


def test_plyer_gets_its_macos_backend_on_macos():
    marker = [d for d in PROJECT["dependencies"] if d.startswith("plyer[macosx]")]
    assert marker and "sys_platform == 'darwin'" in marker[0]
    extras = importlib.metadata.metadata("plyer").get_all("Provides-Extra") or []
    assert "macosx" in extras  # the extra exists: pip would otherwise only warn and install plain plyer


def test_wheel_and_sdist_carry_the_licence(tmp_path):
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is in the test extra")
    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("*.whl")
    (sdist,) = tmp_path.glob("*.tar.gz")
    licence = (REPO / "LICENSE").read_bytes()
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (inside,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(inside) == licence
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        entry_points = archive.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "License-Expression: GPL-3.0-or-later" in metadata and "License-File: LICENSE" in metadata
    assert "Project-URL: Issues, https://github.com/shelterapp/shelterapp/issues" in metadata
    assert "shelterapp = shelterapp.launcher:main" in entry_points  # the light entry point: --help without Qt
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/LICENSE") and m.name.count("/") == 1)
        handle = archive.extractfile(member)
        assert handle is not None and handle.read() == licence
