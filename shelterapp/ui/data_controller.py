"""Keeping the shelter lists current: "Update now", the weekly refresh, and positions for addresses.

Downloads and parsing run off the GUI thread; the swap (one SQLite transaction) runs here. A failed
update keeps the old list and says why. Geocoded positions come back one by one and are applied in
batches, so the list and the map repaint a few times a minute, not once a second.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from shelterapp.background import run_in_background
from shelterapp.progress import Throttle
from shelterapp.shelter_updates.list_updates import ListUpdates
from shelterapp.shelter_updates.updater import UpdateOutcome
from shelterapp.shelters.geocode_job import geocode_query
from shelterapp.ui.data_dialog import DataDialog
from shelterapp.ui.labels import count_label

if TYPE_CHECKING:
    from shelterapp.shelter_updates.geocode_service import GeocodeService
    from shelterapp.sources.shelter_lists import ShelterList
    from shelterapp.ui.controller import AppController

log = logging.getLogger(__name__)

REFRESH_CHECK_MS = 6 * 3600 * 1000  # how often the weekly refresh looks whether a list is due
FIRST_CHECK_MS = 60 * 1000  # after start, let the alerts and the window settle first
APPLY_POSITIONS_MS = 5000
PROGRESS_INTERVAL_S = 0.25  # a download reports every network read; the dialog redraws at most 4 times a second


class _FetchProgress(QObject):
    """Carries one list's download and reading progress from the worker to the GUI thread. It lives on the GUI
    thread, so `changed` reaches its receivers queued there; the worker only emits, never touches a widget.
    Signals: changed(str list name, int bytes received, int total bytes or -1, int rows read or -1)."""

    changed = Signal(str, int, int, int)

    def __init__(self, name: str, parent: QObject) -> None:
        super().__init__(parent)
        self._name = name
        self._received, self._total, self._rows = 0, -1, -1
        self._throttle = Throttle(PROGRESS_INTERVAL_S)

    def bytes_received(self, received: int, total: int | None) -> None:  # on the worker
        self._received, self._total = received, -1 if total is None else total
        self._emit()

    def rows_read(self, rows: int) -> None:  # on the worker
        self._rows = rows
        self._emit()

    def _emit(self) -> None:
        if self._throttle.ready():
            self.changed.emit(self._name, self._received, self._total, self._rows)


class DataController(QObject):
    """The Shelter data dialog and what it drives: `updates` (the lists, downloaded off the GUI thread) and
    `geocoder` (positions for addresses; None where there is none)."""

    def __init__(
        self,
        app: AppController,
        updates: ListUpdates,
        geocoder: GeocodeService | None,
        geocoder_host: str,
        auto_refresh: bool = True,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.updates = updates
        self.geocoder = geocoder
        self.geocoder_host = geocoder_host  # shown so the person knows where the addresses go
        self.running: list[str] = []  # list names being updated now
        self.progress: dict[str, tuple[int, int, int]] = {}  # list name -> (bytes, total bytes or -1, rows or -1)
        self._reporters: dict[str, _FetchProgress] = {}
        self.outcomes: list[UpdateOutcome] = []
        self.dialog: DataDialog | None = None
        self._pending: int | None = None  # rows a lookup could place; a scan costs ~130 ms for 4,000 rows
        app.window.data_requested.connect(self.show_dialog)
        self._apply_timer = QTimer(self, singleShot=True, interval=APPLY_POSITIONS_MS)
        self._apply_timer.timeout.connect(self._apply_positions)
        self._refresh_timer = QTimer(self, interval=REFRESH_CHECK_MS)
        self._refresh_timer.timeout.connect(self.refresh_due)
        if auto_refresh:
            QTimer.singleShot(FIRST_CHECK_MS, self, self.refresh_due)
            self._refresh_timer.start()
        if geocoder is not None:
            geocoder.progress.connect(lambda _d, _t: self._show_geocode())
            geocoder.position_found.connect(lambda *_: self._apply_timer.start())
            geocoder.finished.connect(self._geocode_finished)
            geocoder.failed.connect(self._geocode_failed)
            if app.settings.geocode_shelters:  # consented earlier: resume (the job is built off the GUI thread)
                geocoder.start(app.catalog.shelters)

    @property
    def lists(self) -> list[ShelterList]:
        return self.updates.lists

    # dialog ---------------------------------------------------------------------------------
    def show_dialog(self) -> None:
        if self.dialog is None:
            self.dialog = DataDialog(self.app.window)
            self.dialog.update_requested.connect(lambda: self.update(self.lists))
            self.dialog.geocode_start_requested.connect(self.start_geocoding)
            if self.geocoder is not None:
                self.dialog.geocode_pause_requested.connect(self.geocoder.pause)
                self.dialog.geocode_resume_requested.connect(self.geocoder.resume)
            self.dialog.geocode_pause_requested.connect(self._show_geocode)
            self.dialog.geocode_resume_requested.connect(self._show_geocode)
        self._show_datasets()
        self._show_geocode()
        self.dialog.show()
        self.dialog.raise_()

    def _show_datasets(self) -> None:
        if self.dialog is None:
            return
        names = {s.dataset: s.name for s in self.lists}
        self.dialog.set_datasets([d for d in self.app.catalog.datasets() if d.rows], names)
        if not self.running:
            self.dialog.set_update_state(False, self._outcome_text())
        else:  # opened during an update (e.g. the weekly one): show where it is
            self.dialog.set_update_state(True, self.tr("Downloading the shelter lists…"))
            self.dialog.show_update_progress(self._running_progress())

    def _outcome_text(self) -> str:
        lines = []
        for outcome in self.outcomes:
            if outcome.ok:
                lines.append(
                    self.tr("%1: %2 shelters updated.")
                    .replace("%1", outcome.source)
                    .replace("%2", count_label(outcome.rows))
                )
            else:
                lines.append(
                    self.tr("%1: update failed (%2); the previous list is kept.")
                    .replace("%1", outcome.source)
                    .replace("%2", outcome.error or outcome.failure or "?")
                )
        return "\n".join(lines)

    # updating -------------------------------------------------------------------------------
    def refresh_due(self) -> None:
        """The weekly refresh: only lists whose data is older than their interval; failures stay quiet."""
        due = self.updates.due(datetime.now(UTC))
        if due:
            log.info("weekly refresh of %s", ", ".join(s.name for s in due))
            self.update(due, automatic=True)

    def update(self, lists: Sequence[ShelterList], automatic: bool = False) -> None:
        todo = [s for s in lists if s.name not in self.running]
        if not todo:
            return
        self.outcomes = [o for o in self.outcomes if o.source not in {s.name for s in todo}]
        for source in todo:
            self.running.append(source.name)
            self._start_fetch(source, automatic)
        if self.dialog is not None:
            self.dialog.set_update_state(True, self.tr("Downloading the shelter lists…"))

    def _start_fetch(self, source: ShelterList, automatic: bool) -> None:
        progress = _FetchProgress(source.name, self)
        progress.changed.connect(self._progress_changed)
        self._reporters[source.name] = progress
        self.progress.pop(source.name, None)
        updates = self.updates
        run_in_background(
            updates.fetch_job(source, progress),
            lambda fetched: self._done(updates.finish(fetched), automatic),
            lambda error: self._done(updates.failed(source, error), automatic),
        )

    def _progress_changed(self, name: str, received: int, total: int, rows: int) -> None:
        if name not in self.running:  # a late report of a list that is done
            return
        self.progress[name] = (received, total, rows)
        if self.dialog is not None:
            self.dialog.show_update_progress(self._running_progress())

    def _running_progress(self) -> dict[str, tuple[int, int, int]]:
        """Every list being updated; one that has not reported yet counts as (0, -1, -1), so the bar does not
        show 100 % while the other list has not started."""
        return {name: self.progress.get(name, (0, -1, -1)) for name in self.running}

    def _done(self, outcome: UpdateOutcome, automatic: bool) -> None:
        self.progress.pop(outcome.source, None)
        reporter = self._reporters.pop(outcome.source, None)
        if reporter is not None:  # its worker has returned: nothing emits any more
            reporter.deleteLater()
        if outcome.source in self.running:
            self.running.remove(outcome.source)
        self.outcomes.append(outcome)
        if outcome.ok:
            log.info("%s updated: %d shelters from %s", outcome.source, outcome.rows, outcome.url)
            self._pending = None
            self.app.refresh()
        else:
            log.warning("%s not updated: %s", outcome.source, outcome.error)
        if not self.running:
            self._show_datasets()
            self._show_geocode()
            failed = [o for o in self.outcomes if not o.ok]
            if failed and not automatic:
                self.app.window.show_notice(self._outcome_text(), problem=True)
            elif not automatic:
                self.app.window.show_notice(self._outcome_text())

    # positions for addresses ----------------------------------------------------------------
    def pending_addresses(self) -> int:
        """Rows without a position that have an address to look up: from the running job when there is one,
        else counted once per change of the list (never per progress tick)."""
        if self.geocoder is not None and self.geocoder.is_running:
            done, total = self.geocoder.progress_now
            if total:
                return total - done
        if self._pending is None:
            self._pending = sum(1 for s in self.app.catalog.shelters if not s.has_position and geocode_query(s))
        return self._pending

    def start_geocoding(self) -> None:
        if self.geocoder is None:
            return
        self.app.update_settings(geocode_shelters=True)  # consent remembered: resumes at the next start
        self.geocoder.start(self.app.catalog.shelters)
        self._show_geocode()

    def _apply_positions(self) -> None:
        self._pending = None
        self.app.catalog.reload()  # the catalog's overlay applies every cached position
        self.app.refresh()

    def _geocode_finished(self) -> None:
        self._apply_timer.stop()
        self._apply_positions()
        self._show_geocode()

    def _geocode_failed(self, reason: str) -> None:
        log.warning("geocoding paused: %s", reason)
        if self.dialog is not None:
            self._show_geocode()
            self.dialog.geocode_text.setText(
                self.tr("Looking up addresses paused: %1. Press Resume to try again.").replace("%1", reason)
            )

    def _show_geocode(self) -> None:
        if self.dialog is None or self.geocoder is None:
            if self.dialog is not None:
                self.dialog.geocode_box.setEnabled(False)
            return
        done, total = self.geocoder.progress_now
        self.dialog.set_geocode_state(
            done,
            total,
            running=self.geocoder.is_running,
            paused=self.geocoder.is_paused,
            pending=self.pending_addresses(),
            service=self.geocoder_host,
        )
        failures = self.geocoder.failures()
        if len(failures) != self.dialog.failures.count():  # refill only when one was added, not every tick
            self.dialog.set_failures([f"{f.address} ({f.reason})" for f in failures])
