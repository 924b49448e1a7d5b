"""What goes into the PyInstaller bundle, as plain data: shelterapp.spec builds from it, and
tests/test_bundle_recipes.py checks it without PyInstaller.

Nothing here imports PyInstaller or the app; every function is pure.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

# Where shelterapp/resources.py looks in an installed wheel (pyproject: resources -> shelterapp/_resources).
# The frozen app's shelterapp/ package lives at sys._MEIPASS/shelterapp, so the same relative place works there.
RESOURCES_DEST = "shelterapp/_resources"
# Everything under resources/ goes in (icons, compiled .qm, the metro list, preparedness texts, whatever is added
# later) except translation sources, which only tools/update_translations.sh reads.
RESOURCE_SKIP_SUFFIXES = (".ts", ".tsv")

# Languages whose Qt translations the app loads (i18n.install_translators: qtbase_<lang>, none for English).
QT_LANGUAGES = ("uk", "fr")
QT_TRANSLATIONS_DIR = "PySide6/Qt/translations"

# Qt plugins left out (hooks/hook-PySide6.QtGui.py drops them before PyInstaller follows their libraries):
# embedded-only platforms and input (EGLFS, linuxfb, VNC, Vulkan display, evdev/TUIO: no desktop uses them; VNC and
# TUIO alone pulled in QtNetwork), image formats we never read, and the GTK3 theme, which dlopens the system's GTK
# against the bundle's own GLib/cairo copies (a version clash on newer distributions). Qt's built-in GNOME/KDE themes
# and the xdg-desktop-portal theme stay.
DROPPED_QT_PLUGINS = {
    "platforms": ("qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc"),
    "egldeviceintegrations": ("*",),
    "generic": ("*",),
    "imageformats": ("qtiff", "qtga", "qwbmp", "qicns"),
    "platformthemes": ("qgtk3",),
}

# Imported by name at run time (plugins, entry points, per-platform modules): PyInstaller's import scan
# cannot see them, or sees them only on the platform that builds.
COMMON_HIDDEN_IMPORTS = (
    # keyring finds its backends through entry points; hook-keyring collects them too, this keeps us explicit.
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "keyring.backends.chainer",
    "keyring.backends.fail",
    "keyring.backends.null",
    # kyiv_opendata imports openpyxl lazily; defusedxml guards every XML parse; the geocoder by module path.
    "openpyxl",
    "defusedxml",
    "defusedxml.ElementTree",
    "geopy.geocoders.nominatim",
    "platformdirs",
    "plyer",
)
PLATFORM_HIDDEN_IMPORTS = {
    # plyer loads plyer.platforms.<platform>.<facade> by name; platformdirs picks its module by sys.platform.
    # notify.factory imports the D-Bus notifier inside a try; it speaks D-Bus through jeepney (a Linux/BSD-only
    # dependency), driven by Qt's event loop in notify/bus.py. protocol.py and jeepney need no Qt: the CLI gets them.
    "linux": (
        "plyer.platforms.linux.notification",
        "platformdirs.unix",
        "shelterapp.notify.dbus",
        "shelterapp.notify.bus",
        "shelterapp.notify.protocol",
        "jeepney.io.blocking",
    ),
    "win32": (
        "plyer.platforms.win.notification",
        "plyer.platforms.win.libs.balloontip",
        "plyer.platforms.win.libs.win_api_defs",
        "platformdirs.windows",
        "tzdata",  # zoneinfo has no system database on Windows (pyproject: tzdata; sys_platform == 'win32')
    ),
    # needs pyobjus at run time, which is not a dependency: see packaging/macos/README.md
    "darwin": ("plyer.platforms.macosx.notification", "platformdirs.macos"),
}

# Not used by shelterapp; some are pulled in by optional imports of our dependencies.
EXCLUDES = (
    "tkinter",
    "_tkinter",
    "matplotlib",
    "numpy",
    "PIL",
    "IPython",
    "pytest",
    "hypothesis",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtDBus",  # notifications go through jeepney; libQt6DBus itself stays, QtGui links it on Linux
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
)


# shelterapp-cli draws the shelter plan with QtGui (fonts, QPdfWriter) on the offscreen platform, so its archive
# holds PySide6's QtCore and QtGui; never widgets or the print dialog (the window's File → Print uses those).
CLI_EXCLUDES = ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "PySide6.QtSvg", "PySide6.QtSvgWidgets")

# The shelter lists a release bundle carries (shelters/bundled_lists.py), downloaded by the build's data step
# (packaging/build_bundle.sh -> shelterapp.shelter_updates.snapshot) into this folder, never into the repository.
BUNDLED_LISTS_DIR = "build/bundled-lists"
BUNDLED_LISTS_DEST = f"{RESOURCES_DEST}/lists"


# Libraries the print dialog's CUPS plugin (Qt's printsupport/libcupsprintersupport) would drag in from the build
# machine: libcups and its closure (avahi, GnuTLS, Kerberos; 8.6 MB, needed by nothing else in the bundle). They
# stay out: CUPS must be the host's own, matching its cupsd; where the host has no libcups the plugin does not
# load and the print dialog offers printing to a PDF file only.
HOST_LIBRARIES = (
    "libcups.so", "libavahi-client.so", "libavahi-common.so", "libgnutls.so", "libgssapi_krb5.so", "libkrb5.so",
    "libk5crypto.so", "libkrb5support.so", "libcom_err.so", "libkeyutils.so", "libidn2.so", "libunistring.so",
    "libp11-kit.so", "libtasn1.so", "libnettle.so", "libhogweed.so", "libgmp.so",
)  # fmt: skip


def keep_binary(dest: str) -> bool:
    """False for a library the host must provide (HOST_LIBRARIES), by its file name: libcups.so.2 -> False."""
    name = PurePosixPath(dest.replace("\\", "/")).name
    return not any(name.startswith(prefix) for prefix in HOST_LIBRARIES)


def platform_key(platform: str) -> str:
    """sys.platform -> our key: 'linux' covers every other Unix, where plyer and platformdirs use their Unix code."""
    if platform.startswith("win"):
        return "win32"
    if platform == "darwin":
        return "darwin"
    return "linux"


def hidden_imports(platform: str) -> list[str]:
    return [*COMMON_HIDDEN_IMPORTS, *PLATFORM_HIDDEN_IMPORTS[platform_key(platform)]]


QT_BOUND_MODULES = ("PySide6", "shelterapp.notify.dbus", "shelterapp.notify.bus")


def cli_hidden_imports(platform: str) -> list[str]:
    """The same list without the Qt-bound ones: the CLI sends no desktop notification (its QtGui, for the shelter
    plan, comes from PyInstaller's own import scan)."""
    return [name for name in hidden_imports(platform) if not name.startswith(QT_BOUND_MODULES)]


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for Analysis(datas=...): resources/ as shelterapp/_resources."""
    resources = root / "resources"
    datas = []
    for path in sorted(resources.rglob("*")):
        relative = path.relative_to(resources)
        if path.is_dir() or path.suffix in RESOURCE_SKIP_SUFFIXES or any(p.startswith(".") for p in relative.parts):
            continue
        datas.append((str(path), str(PurePosixPath(RESOURCES_DEST, *relative.parent.parts))))
    return datas


def bundled_list_datas(folder: Path) -> list[tuple[str, str]]:
    """(file, destination) pairs for the data step's lists; [] when it bundled none (no manifest): metro only."""
    if not (folder / "manifest.json").is_file():
        return []
    return [(str(path), BUNDLED_LISTS_DEST) for path in sorted(folder.iterdir()) if path.suffix in (".json", ".txt")]


def dynamic_modules(root: Path) -> list[str]:
    """Modules shelterapp imports by name (sources/registry.py: shelterapp.sources.<source name>)."""
    sources = root / "shelterapp" / "sources"
    return sorted(f"shelterapp.sources.{path.stem}" for path in sources.glob("*.py") if path.stem != "__init__")


def keep_data(dest: str) -> bool:
    """False for Qt translation files of languages and Qt modules the app never loads (about 14 MB of .qm)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if str(path.parent) != QT_TRANSLATIONS_DIR:
        return True
    return any(path.name == f"qtbase_{lang}.qm" for lang in QT_LANGUAGES)


def keep_qt_plugin(source: str) -> bool:
    """False for a Qt plugin file listed in DROPPED_QT_PLUGINS (any platform's naming: libqvnc.so, qvnc.dll)."""
    path = PurePosixPath(source.replace("\\", "/"))
    dropped = DROPPED_QT_PLUGINS.get(path.parent.name)
    if path.parent.parent.name != "plugins" or dropped is None:
        return True
    stem = path.name.split(".")[0].removeprefix("lib")
    return "*" not in dropped and stem not in dropped
