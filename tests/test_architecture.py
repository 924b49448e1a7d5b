"""The shape STYLE.md asks for, checked: a core without Qt, widgets without network or SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "shelterapp"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path", sorted([*(PACKAGE / "shelters").rglob("*.py"), *(PACKAGE / "map").rglob("*.py")]), ids=lambda p: p.name
)
def test_core_runs_without_qt(path):
    assert not [m for m in imported_modules(path) if m.startswith("PySide6")]


@pytest.mark.parametrize("path", sorted((PACKAGE / "ui").rglob("*.py")), ids=lambda p: p.name)
def test_widgets_do_no_network_or_sql(path):
    assert not [m for m in imported_modules(path) if m.split(".")[0] in {"requests", "sqlite3", "urllib", "http"}]


@pytest.mark.parametrize("path", sorted((PACKAGE / "plan").rglob("*.py")), ids=lambda p: p.name)
def test_the_plan_draws_without_widgets(path):
    # shelterapp-cli plan runs on a server: QtGui (fonts, QPdfWriter) only, and nothing from the window's package.
    banned = ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "shelterapp.ui")
    assert not [m for m in imported_modules(path) if m.startswith(banned)]
