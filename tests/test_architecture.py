"""The shape README's design notes describe, checked: a core without Qt, widgets without network or SQL,
`requests` only in the sources, and imports that run one way, with no cycle between modules or packages.

Every `import` counts, wherever it stands (inside a function or under TYPE_CHECKING too): a lazy import
still ties the two modules together.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "shelterapp"

# Qt-free: they run (and are tested) without a QApplication, and the CLI imports them without loading Qt.
QT_FREE = (
    "shelterapp.sources",
    "shelterapp.shelters",
    "shelterapp.map",
    "shelterapp.preparedness",
    "shelterapp.storage",
    "shelterapp.alerting.tracker",  # the pure state machine
    "shelterapp.alerting.history",
    "shelterapp.alerting.feed_setup",
    "shelterapp.shelter_updates.updater",
    "shelterapp.shelter_updates.list_updates",
    "shelterapp.config",
    "shelterapp.settings",
    "shelterapp.jsonload",
    "shelterapp.relay",  # runs on a server, headless
)
NETWORK_OR_SQL = {"requests", "urllib3", "urllib", "http", "socket", "sqlite3", "PySide6.QtNetwork", "PySide6.QtSql"}
NETWORK_OR_SQL_OF_OURS = {"shelterapp.sources.http", "shelterapp.storage.dbfile"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@cache
def imports(module: str) -> frozenset[str]:
    """Every module name `module` imports, absolute. `from a import b` counts as a.b where that is one of our
    modules (a package's __init__ is no dependency when only its submodules are taken), else as a."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            head = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                names.add(f"{head}.{alias.name}" if f"{head}.{alias.name}" in MODULES else head)
    return frozenset(names)


@cache
def ours(module: str) -> frozenset[str]:
    """The shelterapp modules `module` imports (a name that is a class or function counts as its module)."""
    found = set()
    for name in imports(module):
        owner = name
        while owner and owner not in MODULES:
            owner = owner.rpartition(".")[0]
        if owner and owner != module and owner != "shelterapp":
            found.add(owner)
    return frozenset(found)


def reached(module: str) -> set[str]:
    """Every shelterapp module `module` imports, directly or through others."""
    seen, todo = set(), [module]
    while todo:
        for other in ours(todo.pop()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def inside(module: str, prefixes: tuple[str, ...] | set[str]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles of a graph: its strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_of(module: str) -> str:
    """The first-level part of shelterapp a module belongs to: a subpackage, or a root module itself."""
    return module.split(".")[1] if module != "shelterapp" else module


# --- Qt stays out of the core ---------------------------------------------------------------------------
@pytest.mark.parametrize("module", sorted(m for m in MODULES if inside(m, QT_FREE)))
def test_the_core_runs_without_qt(module):
    offenders = {
        other: sorted(n for n in imports(other) if n.split(".")[0] in {"PySide6", "shiboken6"})
        for other in {module, *reached(module)}
    }
    assert {m: names for m, names in offenders.items() if names} == {}


def test_the_core_imports_no_qt_when_it_runs():
    # The static check above, confirmed the way it matters: a process importing every Qt-free module loads no Qt.
    core = sorted(m for m in MODULES if inside(m, QT_FREE))
    script = (
        f"import importlib, sys\nfor m in {core!r}: importlib.import_module(m)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "[]"


# --- small modules ----------------------------------------------------------------------------------------
MAX_LINES = 400


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_400_lines(module):
    # One job per file: a module past this size is split before it grows further (STYLE.md).
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines"


# --- who may import what --------------------------------------------------------------------------------
@pytest.mark.parametrize("module", sorted(m for m in MODULES if not inside(m, {"shelterapp.ui", "shelterapp.app"})))
def test_only_the_ui_and_the_composition_root_import_the_ui(module):
    assert sorted(m for m in ours(module) if inside(m, {"shelterapp.ui"})) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if inside(m, {"shelterapp.ui"})))
def test_widgets_do_no_network_or_sql(module):
    names = imports(module)
    assert sorted(n for n in names if inside(n, NETWORK_OR_SQL)) == []
    assert sorted(n for n in ours(module) if n in NETWORK_OR_SQL_OF_OURS) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if inside(m, {"shelterapp.plan"})))
def test_the_plan_draws_without_widgets(module):
    # shelterapp-cli plan runs on a server: QtGui (fonts, QPdfWriter) only, and nothing from the window's package.
    banned = {"PySide6.QtWidgets", "PySide6.QtPrintSupport", "shelterapp.ui"}
    assert sorted(n for n in imports(module) if inside(n, banned)) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not inside(m, {"shelterapp.sources"})))
def test_requests_only_in_the_sources(module):
    # One HTTP client (sources/http.py) with every guard on; anything else reaching the network goes through it.
    assert sorted(n for n in imports(module) if inside(n, {"requests", "urllib3"})) == []


def test_the_composition_root_assigns_nothing_after_the_fact():
    # app.py builds objects in dependency order and passes each what it needs; it never sets an attribute on
    # one it built (`controller.alerts = service` hid a dependency and an order).
    tree = ast.parse(MODULES["shelterapp.app"].read_text(encoding="utf-8"))
    assigned = [
        ast.unparse(target)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute)
    ]
    assert assigned == []


# --- no cycles --------------------------------------------------------------------------------------------
def test_no_import_cycle_between_modules():
    assert strongly_connected({module: set(ours(module)) for module in MODULES}) == []


def test_no_import_cycle_between_packages():
    # sources <-> shelters was one: each package may use the one below it, never the other way round too.
    graph: dict[str, set[str]] = {}
    for module in MODULES:
        graph.setdefault(package_of(module), set()).update(
            package_of(other) for other in ours(module) if package_of(other) != package_of(module)
        )
    assert strongly_connected(graph) == []


# The layers README's design notes draw, bottom first: a package imports from its own layer or those below.
LAYERS = (
    {"shelterapp", "storage", "desktop", "config", "settings", "places", "paths", "logs", "i18n", "jsonload"}
    | {"progress", "help_text", "background", "resources", "config_relay", "urls", "quiet_hours"},
    {"shelters", "map", "preparedness"},
    {"sources"},
    {"alerting", "notify", "shelter_updates", "relay", "plan"},
    {"ui"},
    {"app", "cli", "launcher", "__main__"},
)


def test_every_package_has_its_layer():
    assert {package_of(module) for module in MODULES} == set().union(*LAYERS)


def test_packages_import_downwards_only():
    layer = {package: number for number, packages in enumerate(LAYERS) for package in packages}
    upwards = sorted(
        f"{module} -> {other}"
        for module in MODULES
        for other in ours(module)
        if layer[package_of(other)] > layer[package_of(module)]
    )
    assert upwards == []


def test_the_cycle_finder_finds_cycles():
    # The two tests above pass on an empty answer: make sure an answer can be anything else.
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []
