"""File -> Export history: this machine's record (alerting/record.py) as CSV or JSON, chosen in the save dialog
(by its file type, or by the name typed). Read and written off the GUI thread, from a connection of its own
(the history is SQLite in WAL mode: the alert service keeps writing meanwhile), atomically."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.record import read_record, record_json
from shelterapp.alerting.record_csv import record_csv
from shelterapp.background import run_in_background
from shelterapp.storage.atomic import write_atomic
from shelterapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Exported:
    path: Path
    alerts: int
    advisories: int


def export_format(path: str, chosen_filter: str) -> tuple[Path, str]:
    """("csv" | "json") from the name typed, else from the file type chosen; the extension added if missing."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in (".csv", ".json"):
        return target, suffix[1:]
    kind = "json" if "*.json" in chosen_filter else "csv"
    return target.with_name(target.name + "." + kind), kind


def write_export(history_path: Path, target: Path, kind: str) -> Exported:
    """Blocking: runs on a worker thread."""
    history = HistoryStore.open(history_path)
    try:
        record = read_record(history)
    finally:
        history.close()
    data = record_csv(record) if kind == "csv" else record_json(record).encode("utf-8")
    write_atomic(target, data)
    return Exported(target, len(record.alerts), len(record.advisories))


class HistoryExport(QObject):
    """Signals: finished(object Exported | Exception), for tests and anyone who waits on it."""

    finished = Signal(object)

    def __init__(self, window: MainWindow, history_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.history_path = history_path
        self.busy = False
        window.export_history_action.triggered.connect(self.ask)

    def ask(self) -> None:
        csv_filter = self.tr("CSV, for spreadsheets (*.csv)")
        name = f"shelterapp-history-{datetime.now(UTC).date().isoformat()}.csv"
        path, chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Export history"), name, f"{csv_filter};;{self.tr('JSON (*.json)')}", csv_filter
        )
        if path:
            target, kind = export_format(path, chosen)
            self.export(target, kind)

    def export(self, target: Path, kind: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.window.export_history_action.setEnabled(False)
        history_path = self.history_path
        run_in_background(lambda: write_export(history_path, target, kind), self._done, self._failed)

    def _done(self, exported: Exported) -> None:
        self._idle()
        self.window.show_notice(
            self.tr("History exported to %1 (alerts: %2, advisories: %3).")
            .replace("%1", str(exported.path))
            .replace("%2", f"{exported.alerts:,}")
            .replace("%3", f"{exported.advisories:,}")
        )
        self.finished.emit(exported)

    def _failed(self, error: BaseException) -> None:
        self._idle()
        log.error("history export failed: %s", error)
        self.window.show_notice(self.tr("The history could not be exported: %1").replace("%1", str(error)), True)
        self.finished.emit(error)

    def _idle(self) -> None:
        self.busy = False
        self.window.export_history_action.setEnabled(True)
