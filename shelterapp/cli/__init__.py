"""shelterapp-cli: one module per command group (shelters, alerts, update); main.py parses and dispatches."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """The console script's entry point (pyproject: shelterapp.cli:main)."""
    from shelterapp.cli.main import main as run

    return run(argv)
