"""The installable-bundle recipes (packaging/), checked statically and offline: nothing is built here.

The real PyInstaller build and its smoke start are `packaging/build_bundle.sh`, the `== bundle ==` step of .ci/run.
These tests catch, in a second, what would otherwise only show in a frozen app or on another platform: a module
imported by name that the bundle lacks, a resource left out, a Flatpak permission too many, an installer that
points at the wrong executable.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from shelterapp import __version__, resources

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "pyinstaller" / "shelterapp.spec"
MANIFEST = PACKAGING / "flatpak" / "io.github.shelterapp.yml"
ISS = PACKAGING / "windows" / "shelterapp.iss"
PLATFORMS = ("linux", "win32", "darwin")


def _load_recipe():
    spec = importlib.util.spec_from_file_location("shelterapp_bundle_recipe", PACKAGING / "pyinstaller" / "recipe.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


recipe = _load_recipe()


# --- PyInstaller: what goes in ---


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        # Each platform's notification fallback and the platformdirs module it picks by sys.platform.
        # Linux (and the BSDs): the D-Bus notifier, imported inside a try, and jeepney, which it speaks D-Bus with.
        (
            "linux",
            {
                "plyer.platforms.linux.notification",
                "platformdirs.unix",
                "shelterapp.notify.dbus",
                "shelterapp.notify.bus",
                "jeepney.io.blocking",
            },
        ),
        ("win32", {"plyer.platforms.win.notification", "plyer.platforms.win.libs.balloontip", "platformdirs.windows"}),
        ("darwin", {"plyer.platforms.macosx.notification", "platformdirs.macos"}),
    ],
)
def test_hidden_imports_carry_every_backend_loaded_by_name(platform, expected):
    names = set(recipe.hidden_imports(platform))
    common = {
        "keyring.backends.SecretService",
        "keyring.backends.kwallet",
        "keyring.backends.Windows",
        "keyring.backends.macOS",
        "keyring.backends.fail",
        "keyring.backends.null",
        "openpyxl",
        "defusedxml",
        "geopy.geocoders.nominatim",
    }
    assert common | expected <= names
    other_platforms = {p for p in PLATFORMS if p != platform}
    for other in other_platforms:  # guarded per platform: no Windows backend analysed on Linux, and so on
        assert not (set(recipe.PLATFORM_HIDDEN_IMPORTS[other]) - set(recipe.PLATFORM_HIDDEN_IMPORTS[platform])) & names


@pytest.mark.parametrize("platform", PLATFORMS)
def test_hidden_imports_name_real_modules(platform):
    # A misspelt hidden import is only a warning in PyInstaller's log; here it fails.
    missing = []
    for name in recipe.hidden_imports(platform):
        top = name.split(".")[0]
        if importlib.util.find_spec(top) is None:
            assert platform != "linux", f"{top} is not installed"
            continue  # e.g. tzdata, a dependency on Windows only
        if importlib.util.find_spec(name) is None:
            missing.append(name)
    assert not missing


def test_cli_executable_gets_no_widgets():
    # shelterapp-cli plan draws with QtGui (offscreen); widgets and the print dialog stay in the window's archive.
    assert {"PySide6.QtWidgets", "PySide6.QtPrintSupport"} <= set(recipe.CLI_EXCLUDES)
    assert not {"PySide6.QtGui", "PySide6.QtCore"} & (set(recipe.CLI_EXCLUDES) | set(recipe.EXCLUDES))
    assert "PySide6.QtPrintSupport" not in recipe.EXCLUDES  # File → Print shelter plan
    qt_bound = ("PySide6", "shelterapp.notify.dbus", "shelterapp.notify.bus")
    assert not [n for n in recipe.cli_hidden_imports("linux") if n.startswith(qt_bound)]
    assert "keyring.backends.SecretService" in recipe.cli_hidden_imports("linux")
    assert "shelterapp.notify.protocol" in recipe.cli_hidden_imports("linux")  # a drill can reach the server


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("libcups.so.2", False),  # the print dialog's CUPS must be the host's, matching its cupsd
        ("libgnutls.so.30", False),  # pulled in by libcups only
        ("libkrb5.so.3", False),
        ("libQt6PrintSupport.so.6", True),  # the print dialog itself
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("libcrypto.so.3", True),  # cryptography's, used by keyring's SecretService backend
    ],
)
def test_host_libraries_stay_out_of_the_bundle(dest, kept):
    assert recipe.keep_binary(dest) is kept


def _import_module_calls(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__"):
                lines.append(node.lineno)
    return lines


def test_every_module_imported_by_name_is_bundled():
    # PyInstaller sees `import x` but not importlib.import_module(f"...{name}"): each such place needs the recipe to
    # list what it can load. Today that is sources/registry.py loading shelterapp.sources.<source name>.
    dynamic = {
        str(path.relative_to(REPO)): lines
        for path in sorted((REPO / "shelterapp").rglob("*.py"))
        if (lines := _import_module_calls(path))
    }
    assert set(dynamic) == {"shelterapp/sources/registry.py"}, (
        f"new import by name at {dynamic}: add what it loads to packaging/pyinstaller/recipe.py"
    )
    modules = set(recipe.dynamic_modules(REPO))
    from shelterapp.config import FEED_SOURCES

    assert {f"shelterapp.sources.{name}" for name in FEED_SOURCES} <= modules
    assert all(importlib.util.find_spec(name) is not None for name in modules)


def _runtime_resources() -> list[Path]:
    return sorted(
        p.relative_to(REPO / "resources")
        for p in (REPO / "resources").rglob("*")
        if p.is_file() and p.suffix not in (".ts", ".tsv")
    )


def test_resources_land_where_resource_path_finds_them_in_a_frozen_app(tmp_path, monkeypatch):
    # Lay out the bundle's _internal/ from the recipe's datas, then ask shelterapp.resources, whose module sits at
    # _internal/shelterapp/ in a frozen app (sys._MEIPASS/shelterapp), for every run-time resource.
    internal = tmp_path / "_internal"
    for source, dest in recipe.resource_datas(REPO):
        target = internal / dest
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    monkeypatch.setattr(resources, "_PACKAGE", internal / "shelterapp")
    resources.resource_dir.cache_clear()
    try:
        assert resources.resource_dir() == internal / "shelterapp" / "_resources"
        for relative in _runtime_resources():
            assert resources.resource_path(*relative.parts).is_file(), relative
        assert resources.resource_path("translations", "shelterapp_uk.qm").is_file()
        assert resources.resource_path("data", "kyiv_metro.json").is_file()
    finally:
        resources.resource_dir.cache_clear()


def test_translation_sources_stay_out_of_the_bundle():
    sources = [Path(source) for source, _dest in recipe.resource_datas(REPO)]
    assert sources and not [p for p in sources if p.suffix in (".ts", ".tsv")]
    assert len(sources) == len(_runtime_resources())


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_uk.qm", True),  # Qt's own dialog texts, loaded by i18n.py
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),  # a language we do not offer
        ("PySide6/Qt/translations/qt_help_uk.qm", False),  # a Qt module we do not use
        ("shelterapp/_resources/translations/shelterapp_en.qm", True),  # ours: always kept
        ("certifi/cacert.pem", True),
    ],
)
def test_only_the_qt_translations_we_load_are_kept(dest, kept):
    assert recipe.keep_data(dest) is kept


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("/x/PySide6/Qt/plugins/platforms/libqxcb.so", True),  # X11
        ("/x/PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("/x/PySide6/Qt/plugins/platforms/libqoffscreen.so", True),  # the CI smoke start
        ("C:\\x\\PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("/x/PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("/x/PySide6/Qt/plugins/imageformats/libqsvg.so", True),  # our icons are SVG
        ("/x/PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("/x/PySide6/Qt/plugins/imageformats/libqjpeg.so", True),  # tile servers may send JPEG
        ("/x/PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),  # file chooser portal
        ("/x/PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("C:\\x\\PySide6\\plugins\\platforms\\qvnc.dll", False),
        ("/x/PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("/x/PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("/x/PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("/x/PySide6/Qt/lib/libQt6Gui.so.6", True),  # not a plugin
    ],
)
def test_qt_plugin_pruning(source, kept):
    assert recipe.keep_qt_plugin(source) is kept


# --- PyInstaller: the spec ---


def _spec_calls(name: str) -> list[ast.Call]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _literal(call: ast.Call, name: str) -> object:
    value = _keyword(call, name)
    assert value is not None, f"{name}= missing"
    return ast.literal_eval(value)


def test_spec_builds_both_executables_into_one_folder():
    names = {_literal(call, "name") for call in _spec_calls("EXE")}
    assert names == {"shelterapp", "shelterapp-cli"}
    for call in _spec_calls("EXE"):
        assert _literal(call, "exclude_binaries") is True
    (collect,) = _spec_calls("COLLECT")
    assert _literal(collect, "name") == "shelterapp"
    assert len(_spec_calls("Analysis")) == 2
    for call in _spec_calls("Analysis"):
        assert _keyword(call, "hookspath") is not None  # our QtGui hook prunes plugins


def test_spec_wraps_a_macos_app_only_on_macos():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    guarded = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "MACOS"
    ]
    inside = [
        node
        for branch in guarded
        for node in ast.walk(branch)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "BUNDLE"
    ]
    (bundle,) = _spec_calls("BUNDLE")
    assert len(inside) == 1  # the one BUNDLE call sits under `if MACOS:`
    info_plist = _keyword(bundle, "info_plist")
    assert info_plist is not None
    plist = ast.literal_eval(ast.unparse(info_plist).replace("VERSION", "'v'"))
    assert "LSUIElement" not in plist  # a windowed app with a Dock icon
    assert set(plist["CFBundleLocalizations"]) == {"en", "uk", "fr"}
    assert _literal(bundle, "bundle_identifier") == "io.github.shelterapp"


def test_entry_scripts_start_what_the_installed_commands_start():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for script, target in (
        ("entry_gui.py", project["gui-scripts"]["shelterapp"]),
        ("entry_cli.py", project["scripts"]["shelterapp-cli"]),
    ):
        module, func = target.split(":")
        text = (PACKAGING / "pyinstaller" / script).read_text(encoding="utf-8")
        assert f"from {module} import {func}" in text and f"sys.exit({func}())" in text


# --- Flatpak ---


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_flatpak_uses_the_kde_runtime_and_our_app_id(manifest):
    metainfo = (PACKAGING / "io.github.shelterapp.metainfo.xml").read_text(encoding="utf-8")
    assert f"<id>{manifest['app-id']}</id>" in metainfo
    assert manifest["runtime"] == "org.kde.Platform" and manifest["sdk"] == "org.kde.Sdk"
    major, minor = (int(part) for part in str(manifest["runtime-version"]).split("."))
    assert (major, minor) >= (6, 8)
    assert manifest["command"] == "shelterapp"


def test_flatpak_permissions_are_network_notifications_and_a_gui_only(manifest):
    # The issue asks for network and notifications only; the rest is what a Qt window and its tray icon need.
    assert set(manifest["finish-args"]) == {
        "--share=network",
        "--talk-name=org.freedesktop.Notifications",
        "--socket=wayland",
        "--socket=fallback-x11",
        "--share=ipc",
        "--device=dri",
        "--talk-name=org.kde.StatusNotifierWatcher",
    }
    text = MANIFEST.read_text(encoding="utf-8")
    assert not re.search(r"^\s*- --(filesystem|socket=session-bus|socket=system-bus|own-name)", text, re.M)


def test_flatpak_installs_our_python_dependencies_from_pinned_requirements(manifest):
    modules = manifest["modules"]
    assert "python3-requirements.json" in modules and "python3-hatchling.json" in modules
    pinned = {
        line.split("==")[0].lower()
        for line in (PACKAGING / "flatpak" / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {
        re.split(r"[<>=;\[ ]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"] if "win32" not in dep
    }
    assert needed == pinned


def test_flatpak_install_commands_produce_valid_desktop_files(manifest, tmp_path):
    # Run the manifest's own install commands (all but pip) into a fake /app, then validate what they made.
    for command in ("desktop-file-edit", "desktop-file-validate", "appstreamcli"):
        if shutil.which(command) is None:
            pytest.skip(f"{command} is not installed (Debian: see packaging/debian-test-packages.txt)")
    (module,) = [m for m in manifest["modules"] if isinstance(m, dict) and m["name"] == "shelterapp"]
    app_id = manifest["app-id"]
    env = {"FLATPAK_DEST": str(tmp_path), "FLATPAK_ID": app_id, "PATH": "/usr/bin:/bin"}
    for command in module["build-commands"]:
        if not command.startswith("pip3 "):
            subprocess.run(["bash", "-euc", command], cwd=REPO, env=env, check=True)
    desktop = tmp_path / "share" / "applications" / f"{app_id}.desktop"
    metainfo = tmp_path / "share" / "metainfo" / f"{app_id}.metainfo.xml"
    assert f"Icon={app_id}" in desktop.read_text(encoding="utf-8")
    assert f'<launchable type="desktop-id">{app_id}.desktop</launchable>' in metainfo.read_text(encoding="utf-8")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (tmp_path / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png").is_file()
    assert (tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{app_id}.svg").is_file()
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- Windows installer ---


@pytest.fixture(scope="module")
def iss() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup reads the Ukrainian and French texts as UTF-8 only with it
    return raw.decode("utf-8-sig")


def test_installer_installs_the_bundle_and_starts_the_gui_executable(iss):
    assert "shelterapp" in {_literal(call, "name") for call in _spec_calls("EXE")}  # the GUI executable's name
    assert '#define AppExe "shelterapp.exe"' in iss
    assert '#define BundleDir "..\\..\\dist\\shelterapp"' in iss  # COLLECT's folder, from packaging\windows
    assert 'Source: "{#BundleDir}\\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs' in iss
    assert re.search(r'^Name: "\{group\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', iss, re.M)  # Start menu
    assert re.search(r'^Filename: "\{app\}\\\{#AppExe\}";.*postinstall', iss, re.M)


def test_installer_identity_version_and_languages(iss):
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$", iss, re.M)
    assert f'#define AppVersion "{__version__}"' in iss
    languages = dict(re.findall(r'^Name: "(\w+)"; MessagesFile: "compiler:([^"]+)"$', iss, re.M))
    assert languages == {"en": "Default.isl", "uk": "Languages\\Ukrainian.isl", "fr": "Languages\\French.isl"}
    for lang in languages:  # every custom text in every language
        assert f"{lang}.AutostartTask=" in iss


def test_installer_autostart_is_optional_per_user_and_removed_on_uninstall(iss):
    assert re.search(r'^Name: "autostart";.*Flags: unchecked$', iss, re.M)
    (line,) = [line for line in iss.splitlines() if line.startswith("Root: HKCU")]
    assert "CurrentVersion\\Run" in line and "--hidden" in line
    assert "uninsdeletevalue" in line and "Tasks: autostart" in line


# --- the build script and CI ---


def test_build_script_is_valid_bash_and_smoke_tests_offline():
    script = PACKAGING / "build_bundle.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    assert "packaging/pyinstaller/shelterapp.spec" in text
    for needle in ("--version", "--exit-after-start", "started: window shown", "Traceback", "enabled = false"):
        assert needle in text
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("== bundle ==") > ci.index("python -m pytest")
    assert "packaging/build_bundle.sh" in ci[ci.index("== bundle ==") :]
