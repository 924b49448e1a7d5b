"""Alert sources: enter your own Ukraine Alarm key / alerts.in.ua token (kept in the OS keyring) and see health.

The keys are the user's own: alerts.in.ua's terms forbid shipping a token inside an app.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shelterapp.config import DEFAULT_REGIONS, KNOWN_REGIONS
from shelterapp.sources.registry import SourceSpec
from shelterapp.ui.a11y import describe, describe_standard_button
from shelterapp.ui.labels import region_label
from shelterapp.ui.plain_text import plain_label

TOKEN_SOURCES = ("ukraine_alarm", "alerts_in_ua", "relay")  # relay: the password of [sources.relay]


class SourcesDialog(QDialog):
    """After exec() == Accepted, `tokens()` holds what to store: name -> token ('' = remove)."""

    def __init__(
        self,
        specs: Sequence[SourceSpec],
        health: dict[str, str],
        keyring_ok: bool,
        regions: tuple[str, ...] = DEFAULT_REGIONS,
        regions_fixed: bool = False,
        parent: QWidget | None = None,
        nearby: bool = True,
        nearby_fixed: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alert sources"))
        self.edits: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "siren.pp.ua works without an account. For a second, independent feed enter your own key: "
                "Ukraine Alarm (api.ukrainealarm.com) or alerts.in.ua. Keys are never written to files or logs."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if not keyring_ok:
            warning = QLabel(self.tr("No system keyring is available: keys are kept only until shelterapp quits."))
            warning.setObjectName("keyringWarning")
            warning.setWordWrap(True)
            layout.addWidget(warning)
        form = QFormLayout()
        labels = {
            "ukraine_alarm": self.tr("Ukraine Alarm key"),
            "alerts_in_ua": self.tr("alerts.in.ua token"),
            "relay": self.tr("Relay password"),
        }
        own_key = self.tr("Your own key for this feed; it is kept in the system keyring, never in a file.")
        descriptions = {
            "relay": self.tr(
                "The password of your organisation's relay account (config.toml names the broker and the user); "
                "kept in the system keyring, never in a file."
            )
        }
        for spec in specs:
            if spec.name in TOKEN_SOURCES:
                edit = QLineEdit()
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                describe(edit, labels[spec.name], descriptions.get(spec.name, own_key))
                edit.setPlaceholderText(self.tr("set: leave as is, or type a new one") if spec.settings.token else "")
                self.edits[spec.name] = edit
                form.addRow(labels[spec.name] + ":", edit)
        layout.addLayout(form)
        layout.addWidget(self._regions_box(regions, regions_fixed))
        self.nearby_check = QCheckBox(self.tr("&Quiet notice when a raion next to Kyiv is alerted and the city is not"))
        describe(
            self.nearby_check,
            self.tr("Notice for the raions next to Kyiv"),
            self.tr(
                "For Kyiv city: a normal notification, without alarm, when Brovary, Boryspil, Bucha, Vyshhorod, "
                "Obukhiv, Fastiv or Bila Tserkva raion is alerted while the city is clear."
            )
            + (" " + self.tr("Set by [alerts] nearby in config.toml.") if nearby_fixed else ""),
        )
        self.nearby_check.setChecked(nearby)
        self.nearby_check.setEnabled(not nearby_fixed)
        layout.addWidget(self.nearby_check)
        status = plain_label("\n".join(f"{spec.name}: {health.get(spec.name, self.tr('off'))}" for spec in specs))
        status.setObjectName("sourceHealth")
        status.setTextFormat(Qt.TextFormat.PlainText)  # error details come from outside (a broker, a feed)
        layout.addWidget(status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        describe_standard_button(
            buttons,
            QDialogButtonBox.StandardButton.Save,
            self.tr("Keeps the keys and regions, and restarts the feeds."),
        )
        describe_standard_button(
            buttons, QDialogButtonBox.StandardButton.Cancel, self.tr("Closes this dialog without changing anything.")
        )
        layout.addWidget(buttons)

    def _regions_box(self, regions: tuple[str, ...], fixed: bool) -> QGroupBox:
        box = QGroupBox(self.tr("Alert me for"))
        grid = QGridLayout(box)
        self.region_checks: dict[str, QCheckBox] = {}
        for number, region in enumerate(KNOWN_REGIONS):
            check = QCheckBox(region_label(region))
            check.setChecked(region in regions)
            describe(check, region_label(region), self.tr("Alerts for this region are shown and notified."))
            check.setEnabled(not fixed)
            grid.addWidget(check, number // 3, number % 3)
            self.region_checks[region] = check
        if fixed:
            note = QLabel(self.tr("Set by [alerts] regions in config.toml."))
            grid.addWidget(note, len(KNOWN_REGIONS) // 3 + 1, 0, 1, 3)
        return box

    def regions(self) -> tuple[str, ...]:
        """The ticked regions; none ticked means Kyiv city (an alert app that watches nothing helps nobody)."""
        return tuple(r for r, check in self.region_checks.items() if check.isChecked()) or DEFAULT_REGIONS

    def tokens(self) -> dict[str, str]:
        """Only the fields the person typed in; an untouched field keeps the stored key."""
        return {name: edit.text().strip() for name, edit in self.edits.items() if edit.isModified()}
