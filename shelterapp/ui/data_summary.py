"""What the main window's status line is told about the shelter data (ui/controller.py builds it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataSummary:
    """What the status line says about the data: where it is from and how old."""

    total: int
    unpositioned: int
    sources: tuple[str, ...]  # attributions, shown as they are
    updated: str
    age_days: int | None
    approximate: bool  # only our authored metro list: say so
