"""Keeps the Preparedness tab and the person's preparedness file in step, and suggests a monthly review.

Every tick and contact edit is saved at once (atomic write): these are small files a person trusts us with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from shelterapp.preparedness.progress import (
    REVIEW_EVERY,
    Contact,
    Progress,
    load_progress,
    save_progress,
    with_tick,
)
from shelterapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)

REMINDER_CHECK_MS = 60 * 60 * 1000  # hourly: the app may run for weeks in the tray


class PreparednessController(QObject):
    def __init__(
        self,
        path: Path,
        window: MainWindow,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.window = window
        self.view = window.preparedness
        self.clock = clock
        report = load_progress(path)
        self.progress = report.progress
        if report.set_aside_as is not None:
            text = self.tr("Your checklists file could not be read and was set aside as %1; the lists start empty.")
            window.show_notice(text.replace("%1", str(report.set_aside_as)), problem=True)
        self.view.set_ticked(self.progress.ticked)
        self.view.set_contacts(self.progress.contacts)
        self._show_review()
        self.view.item_toggled.connect(self._toggled)
        self.view.reviewed.connect(self.mark_reviewed)
        self.view.contacts_changed.connect(self._contacts_changed)
        self._reminder_timer = QTimer(self, interval=REMINDER_CHECK_MS)
        self._reminder_timer.timeout.connect(self.remind_if_due)
        self._reminder_timer.start()
        self.remind_if_due()

    def _show_review(self) -> None:
        now = self.clock()
        self.view.set_review(self.progress.days_since_review(now), self.progress.review_due(now))

    def _toggled(self, item_id: str, ticked: bool) -> None:
        self._save(with_tick(self.progress, item_id, ticked))

    def _contacts_changed(self, contacts: list[Contact]) -> None:
        self._save(replace(self.progress, contacts=tuple(contacts)))

    def mark_reviewed(self) -> None:
        self._save(replace(self.progress, reviewed=self.clock()))
        self._show_review()

    def remind_if_due(self) -> None:
        """A notice once a month while a review is due; never on the very first start (nothing to nag about yet)."""
        now = self.clock()
        self._show_review()
        if self.progress.reminded is None:
            self._save(replace(self.progress, reminded=now.date()))
            return
        if not self.progress.review_due(now) or now.date() - self.progress.reminded < REVIEW_EVERY:
            return
        days = self.progress.days_since_review(now)
        if days is None:
            text = self.tr("Prepare for the next alert: tick what your go-bag already holds in the Preparedness tab.")
        else:
            text = self.tr("It is %n day(s) since you last checked your go-bag: see the Preparedness tab.", None, days)
        self.window.show_notice(text)
        self._save(replace(self.progress, reminded=now.date()))

    def _save(self, progress: Progress) -> None:
        self.progress = progress
        try:
            save_progress(self.path, progress)
        except OSError as exc:
            log.error("could not save %s: %s", self.path, exc)
            self.window.show_notice(
                self.tr("Your checklists could not be saved: %1").replace("%1", str(exc)), problem=True
            )
