"""Translated words for core values (kinds, yes/no, distances), in one place for every view.

Numbers are written the way the interface language writes them (the default QLocale, set with the language
by i18n.use_locale): "1,5 км" and "3 700" in Ukrainian and French, "1.5 km" and "3,700" in English."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QLocale

from shelterapp.shelters.model import Kind

KYIV = ZoneInfo("Europe/Kyiv")


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


def count_label(count: int) -> str:
    """A whole number with the language's digit grouping: 3 700 (uk, fr), 3,700 (en)."""
    return QLocale().toString(count)


def decimal_label(value: float, decimals: int = 1) -> str:
    """A number with a fixed count of decimals and the language's decimal sign: 1,5 (uk, fr), 1.5 (en)."""
    return QLocale().toString(value, "f", decimals)


def distance_label(metres: float | None) -> str:
    if metres is None:
        return "—"
    rounded = round(metres / 10) * 10
    if rounded < 1000:
        return QCoreApplication.translate("Labels", "%1 m").replace("%1", count_label(rounded))
    return QCoreApplication.translate("Labels", "%1 km").replace("%1", decimal_label(metres / 1000))


def walk_label(minutes: int | None) -> str:
    if minutes is None:
        return "—"
    # An abbreviation needs no plural forms in English or Ukrainian.
    return QCoreApplication.translate("Labels", "≈ %1 min").replace("%1", count_label(minutes))


def region_label(region_id: str) -> str:
    names = {
        "31": QCoreApplication.translate("Labels", "Kyiv city"),
        "14": QCoreApplication.translate("Labels", "Kyiv oblast"),
        "73": QCoreApplication.translate("Labels", "Bila Tserkva raion"),
        "74": QCoreApplication.translate("Labels", "Vyshhorod raion"),
        "75": QCoreApplication.translate("Labels", "Bucha raion"),
        "76": QCoreApplication.translate("Labels", "Obukhiv raion"),
        "77": QCoreApplication.translate("Labels", "Fastiv raion"),
        "78": QCoreApplication.translate("Labels", "Boryspil raion"),
        "79": QCoreApplication.translate("Labels", "Brovary raion"),
    }
    return names.get(region_id, region_id)


def local_time_label(moment: datetime, now: datetime | None = None) -> str:
    """Kyiv wall-clock time, as people read it on their phones; the date only when it is not today."""
    local = moment.astimezone(KYIV)
    today = (now or datetime.now(KYIV)).astimezone(KYIV).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%d.%m.%Y %H:%M")


def duration_label(seconds: float) -> str:
    minutes = max(0, round(seconds / 60))
    if minutes < 60:
        return QCoreApplication.translate("Labels", "%1 min").replace("%1", count_label(minutes))
    return (
        QCoreApplication.translate("Labels", "%1 h %2 min")
        .replace("%1", count_label(minutes // 60))
        .replace("%2", f"{minutes % 60:02d}")
    )


def feed_label(source: str) -> str:
    """An alert feed as people know it (its site), for sentences such as "siren.pp.ua: alert"."""
    names = {
        "siren_pp_ua": "siren.pp.ua",
        "ukraine_alarm": "Ukraine Alarm",
        "alerts_in_ua": "alerts.in.ua",
        "ubilling": "ubilling.net.ua",
        "relay": QCoreApplication.translate("Labels", "your organisation's relay"),
    }
    return names.get(source, source)


def source_badge(source: str) -> str:
    badges = {
        "us_embassy": QCoreApplication.translate("Labels", "US Embassy Kyiv"),
        "fcdo": QCoreApplication.translate("Labels", "UK FCDO"),
        "state_dept": QCoreApplication.translate("Labels", "US State Dept"),
        "canada": QCoreApplication.translate("Labels", "Canada"),
    }
    return badges.get(source, "CAP" if source.startswith("cap") else source)


def stopwatch_label(seconds: float) -> str:
    """A running timer as people read a stopwatch: 4:07, 1:02:09."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
