"""Translated words for core values (kinds, yes/no, distances), in one place for every view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shelterapp.shelters.model import Kind


def kind_label(kind: Kind) -> str:
    labels = {
        Kind.METRO: QCoreApplication.translate("Labels", "Metro station"),
        Kind.CIVIL_DEFENCE_SHELTER: QCoreApplication.translate("Labels", "Civil defence shelter"),
        Kind.RADIATION_SHELTER: QCoreApplication.translate("Labels", "Radiation shelter"),
        Kind.SIMPLEST_SHELTER: QCoreApplication.translate("Labels", "Simplest shelter"),
        Kind.OTHER: QCoreApplication.translate("Labels", "Other shelter"),
    }
    return labels[kind]


def tristate_label(value: bool | None) -> str:
    if value is None:
        return QCoreApplication.translate("Labels", "unknown")
    return QCoreApplication.translate("Labels", "yes") if value else QCoreApplication.translate("Labels", "no")


def distance_label(metres: float | None) -> str:
    if metres is None:
        return "—"
    if metres < 1000:
        return QCoreApplication.translate("Labels", "%1 m").replace("%1", f"{round(metres / 10) * 10:.0f}")
    return QCoreApplication.translate("Labels", "%1 km").replace("%1", f"{metres / 1000:.1f}")


def walk_label(minutes: int | None) -> str:
    if minutes is None:
        return "—"
    # An abbreviation needs no plural forms in English or Ukrainian.
    return QCoreApplication.translate("Labels", "≈ %1 min").replace("%1", str(minutes))
