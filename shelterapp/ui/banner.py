"""The alert banner at the top of the window: state in words and a symbol, never by colour alone."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget

from shelterapp.shelters.spatial import Hit
from shelterapp.ui import theme
from shelterapp.ui.labels import (
    distance_label,
    duration_label,
    feed_label,
    local_time_label,
    region_label,
    walk_label,
)

if TYPE_CHECKING:
    from shelterapp.alerting.disagreement import SourceWord
    from shelterapp.alerting.history import LastState
    from shelterapp.alerting.tracker import Merged
    from shelterapp.sources.base import Level, Threat

_TONES = {"active": "alert", "clear": "ok", "unknown": "warning", "unconfigured": "neutral"}  # colours: ui/theme.py


class AlertBanner(QLabel):
    """Shows the merged alert state: what, where, since when, which sources are healthy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.setTextFormat(Qt.TextFormat.RichText)  # ours, with every outside string (names, regions) escaped
        self.setWordWrap(True)
        self.setMargin(10)
        self.state = ""
        self._html = ""
        self.disagreement = ""  # plain text under the state while healthy sources disagree (issue #16)
        theme.notifier().changed.connect(self._restyle)
        self.show_starting()

    def _paint(self, state: str, html: str) -> None:
        self.state = state
        self._html = html
        if self.disagreement and state != "unconfigured":
            html += "<br>⚖ " + escape(self.disagreement)
        self.setProperty("state", state)
        self._restyle()
        self.setText(html)
        self.setAccessibleName(self.tr("Alert status"))
        self.setAccessibleDescription(QTextDocumentFragment.fromHtml(html).toPlainText())  # read as words, no tags

    def _restyle(self) -> None:
        """The state's colours in the theme in use; the symbol and the words carry the state in any theme."""
        self.setStyleSheet(theme.current().tone(_TONES[self.state]).style_sheet("QLabel#alertBanner"))

    def show_starting(self) -> None:
        """The first frame's word, until the alert service (built just after that frame) says what it knows."""
        self._paint(
            "unknown",
            "? " + self.tr("<b>Checking the alert state…</b> If you hear a siren, go to the nearest shelter below."),
        )

    def show_unconfigured(self) -> None:
        self._paint(
            "unconfigured",
            "? "  # the same sign as "unknown": no colour needed to tell it from an alert
            + self.tr(
                "<b>Alert status unknown</b>: no alert feed is configured yet. "
                "When the siren sounds, go to the nearest shelter below."
            ),
        )

    def show_state(self, merged: Merged, nearest: Hit | None, last: LastState | None, language: str) -> None:
        from shelterapp.alerting.tracker import State  # the alert machinery comes after the first frame (app.py)
        from shelterapp.sources.base import Level, Threat

        now = datetime.now(UTC)
        where = ", ".join(region_label(r) for r in merged.regions)
        sources = ", ".join(feed_label(name) for name in merged.healthy) or self.tr("none")
        if merged.state is State.ACTIVE:
            active = [r for r in merged.regions.values() if r.state is State.ACTIVE]
            threats = sorted({t for r in active for t in r.threats}, key=list(Threat).index)
            level = (
                Level.RED
                if any(r.level is Level.RED for r in active)
                else (Level.YELLOW if any(r.level for r in active) else None)
            )
            details = [self.threat_name(t) for t in threats] + ([self.level_name(level)] if level else [])
            text = self.tr("⚠ <b>AIR-RAID ALERT</b> in %1").replace(
                "%1", escape(", ".join(region_label(r.region_id) for r in active))
            )
            if merged.since:
                text += " " + self.tr("since %1 (%2)").replace("%1", local_time_label(merged.since)).replace(
                    "%2", duration_label((now - merged.since).total_seconds())
                )
            if details:
                text += " · " + escape(", ".join(details))
            if nearest is not None:
                text += "<br>" + self.tr("Go to the shelter now: <b>%1</b>, %2, %3 on foot.").replace(
                    "%1", escape(nearest.shelter.display_name(language))
                ).replace("%2", distance_label(nearest.distance_m)).replace("%3", walk_label(nearest.walk_min))
            self._paint(
                "active", text + "<br><small>" + self.tr("Sources: %1").replace("%1", escape(sources)) + "</small>"
            )
        elif merged.state is State.CLEAR:
            text = self.tr("✓ <b>No alert</b> in %1").replace("%1", escape(where))
            if merged.since:
                text += " " + self.tr("since %1").replace("%1", local_time_label(merged.since))
            self._paint(
                "clear", text + " · <small>" + self.tr("Sources: %1").replace("%1", escape(sources)) + "</small>"
            )
        else:
            text = self.tr("? <b>Alert state unknown</b>: no alert source can be read right now (offline?).")
            if merged.since:
                text += " " + self.tr("Since %1.").replace("%1", local_time_label(merged.since))
            if merged.episode is not None:
                text += " " + self.tr("The last known state was an alert since %1: treat it as still on.").replace(
                    "%1", local_time_label(merged.episode.started)
                )
            elif last is not None:
                text += " " + self.tr("Last known: %1, %2 ago.").replace("%1", self.state_name(last.state)).replace(
                    "%2", duration_label((now - last.at).total_seconds())
                )
            text += "<br>" + self.tr("If you hear a siren, go to the nearest shelter below.")
            self._paint("unknown", text)

    def set_disagreement(self, words: dict[str, tuple[SourceWord, ...]]) -> None:
        """Say which healthy sources disagree, and what each says; nothing when they agree."""
        text = self.disagreement_text(words)
        if text != self.disagreement:
            self.disagreement = text
            self._paint(self.state, self._html)

    def disagreement_text(self, words: dict[str, tuple[SourceWord, ...]]) -> str:
        """ "Sources disagree about Kyiv city (siren.pp.ua: alert; alerts.in.ua: no alert since 22:14): treat it
        as an alert." Plain text: for the banner (escaped there) and the tray's tooltip."""
        sentences = []
        for region, said in words.items():
            if not said:
                continue
            parts = []
            for word in said:
                if word.active:
                    part = self.tr("%1: alert")
                elif word.since is not None:
                    part = self.tr("%1: no alert since %2").replace("%2", local_time_label(word.since))
                else:
                    part = self.tr("%1: no alert")
                parts.append(part.replace("%1", feed_label(word.source)))
            sentences.append(
                self.tr("Sources disagree about %1 (%2): treat it as an alert.")
                .replace("%1", region_label(region))
                .replace("%2", "; ".join(parts))
            )
        return " ".join(sentences)

    def threat_name(self, threat: Threat) -> str:
        from shelterapp.sources.base import Threat

        return {
            Threat.AIR_RAID: self.tr("air raid"),
            Threat.ARTILLERY: self.tr("artillery"),
            Threat.URBAN_FIGHTS: self.tr("urban fights"),
            Threat.CHEMICAL: self.tr("chemical threat"),
            Threat.NUCLEAR: self.tr("nuclear threat"),
            Threat.OTHER: self.tr("other threat"),
        }[threat]

    def level_name(self, level: Level) -> str:
        from shelterapp.sources.base import Level

        return self.tr("red level") if level is Level.RED else self.tr("yellow level (drones)")

    def state_name(self, state: str) -> str:
        return {"active": self.tr("alert"), "clear": self.tr("no alert")}.get(state, self.tr("unknown"))
