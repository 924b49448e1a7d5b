"""Replaces PyInstaller's hook for PySide6.QtGui: the same collection, less the Qt plugins that recipe.py drops.

Dropping them here, before PyInstaller follows each binary's libraries, keeps out the libraries that only those
plugins needed (QtNetwork, the EGLFS support libraries, GTK's cairo and pango).
"""

import importlib.util
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

RECIPE = Path(__file__).resolve().parents[1] / "recipe.py"
_spec = importlib.util.spec_from_file_location("shelterapp_bundle_recipe", RECIPE)
recipe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recipe)

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in binaries if recipe.keep_qt_plugin(source)]
