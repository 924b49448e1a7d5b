"""The Preparedness tab: what to do when the siren sounds, checklists with saved ticks, emergency numbers
and the person's own contacts. Everything here is authored by us and works offline.

It only shows and reports: PreparednessController loads and saves the person's data.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelterapp.preparedness.content import Content, Section
from shelterapp.preparedness.progress import Contact, clean_contact
from shelterapp.ui.labels import count_label

ITEM_ID = Qt.ItemDataRole.UserRole


class PreparednessView(QWidget):
    """Signals: item_toggled(str item id, bool ticked), reviewed(), contacts_changed(list[Contact])."""

    item_toggled = Signal(str, bool)
    reviewed = Signal()
    contacts_changed = Signal(list)

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preparedness")
        self.content = content
        self._loading = False
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_guide())
        splitter.addWidget(self._build_checklists())
        splitter.addWidget(self._build_numbers())
        splitter.setSizes([400, 520, 300])  # the checklist lines are the longest
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # building -------------------------------------------------------------------------------
    def _build_guide(self) -> QWidget:
        self.guide = QTextBrowser()
        self.guide.setObjectName("preparednessGuide")
        self.guide.setOpenLinks(False)
        self.guide.setHtml("".join(_section_html(s) for s in (self.content.siren, self.content.cannot_reach)))
        self.guide.setAccessibleName(self.tr("What to do when the siren sounds"))
        self.guide.setAccessibleDescription(
            self.tr("Steps to take when an air-raid alert starts and when no shelter can be reached.")
        )
        self.after = QTextBrowser()
        self.after.setObjectName("preparednessAfter")
        self.after.setHtml(_section_html(self.content.after))
        self.after.setAccessibleName(self.tr("After the all clear"))
        self.after.setAccessibleDescription(self.tr("What to do once the official all clear is given."))
        column = QSplitter(Qt.Orientation.Vertical)
        column.addWidget(self.guide)
        column.addWidget(self.after)
        column.setSizes([520, 300])
        return column

    def _build_checklists(self) -> QWidget:
        box = QGroupBox(self.tr("Checklists"))
        self.ready_label = QLabel()
        self.ready_label.setObjectName("checklistReady")
        self.review_label = QLabel()
        self.review_label.setObjectName("checklistReview")
        self.review_label.setWordWrap(True)
        self.review_button = QPushButton(self.tr("I &checked my lists today"))
        self.review_button.setAccessibleName(self.tr("Mark the checklists as reviewed"))
        self.review_button.setAccessibleDescription(
            self.tr("Records today as the date you last checked your go-bag and home supplies.")
        )
        self.review_button.clicked.connect(self.reviewed)
        self.tree = QTreeWidget()
        self.tree.setObjectName("checklists")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAccessibleName(self.tr("Checklists"))
        self.tree.setAccessibleDescription(
            self.tr("Go-bag and home items. Press Space to tick or untick the selected item; ticks are saved.")
        )
        self.item_widgets: dict[str, QTreeWidgetItem] = {}
        for checklist in self.content.checklists:
            group = QTreeWidgetItem(self.tree, [checklist.title])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for item in checklist.items:
                item_id = f"{checklist.id}.{item.id}"
                row = QTreeWidgetItem(group, [item.text])
                row.setToolTip(0, item.text)  # the whole line where a narrow window elides it
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Unchecked)
                row.setData(0, ITEM_ID, item_id)
                self.item_widgets[item_id] = row
            group.setExpanded(True)
        self.tree.itemChanged.connect(self._item_changed)
        layout = QVBoxLayout(box)
        layout.addWidget(self.ready_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.review_label)
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _build_numbers(self) -> QWidget:
        numbers = QGroupBox(self.tr("Emergency numbers"))
        self.numbers_label = QLabel(
            "<table cellpadding='3'>"
            + "".join(
                f"<tr><td><big><b>{escape(n.number)}</b></big></td><td>{escape(n.label)}</td></tr>"
                for n in self.content.numbers
            )
            + "</table>"
        )
        self.numbers_label.setObjectName("emergencyNumbers")
        self.numbers_label.setWordWrap(True)
        self.numbers_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.numbers_label.setAccessibleName(self.tr("Emergency numbers"))
        self.numbers_label.setAccessibleDescription("; ".join(f"{n.number}: {n.label}" for n in self.content.numbers))
        numbers_layout = QVBoxLayout(numbers)
        numbers_layout.addWidget(self.numbers_label)

        contacts = QGroupBox(self.tr("My contacts"))
        self.contacts = QTableWidget(0, 2)
        self.contacts.setObjectName("contacts")
        self.contacts.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Phone")])
        self.contacts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.contacts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.contacts.verticalHeader().hide()
        self.contacts.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells, F2 edits
        self.contacts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts.setAccessibleName(self.tr("My contacts"))
        self.contacts.setAccessibleDescription(
            self.tr("Your own emergency contacts, kept on this computer. Press F2 to edit a cell.")
        )
        self.contacts.itemChanged.connect(self._contact_edited)
        self.add_contact_button = QPushButton(self.tr("A&dd contact"))
        self.add_contact_button.setAccessibleName(self.tr("Add contact"))
        self.add_contact_button.setAccessibleDescription(self.tr("Adds a row; type the name, then the phone number."))
        self.add_contact_button.clicked.connect(self.add_contact_row)
        self.remove_contact_button = QPushButton(self.tr("&Remove contact"))
        self.remove_contact_button.setAccessibleName(self.tr("Remove contact"))
        self.remove_contact_button.setAccessibleDescription(self.tr("Removes the selected contact."))
        self.remove_contact_button.clicked.connect(self.remove_selected_contact)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_contact_button)
        buttons.addWidget(self.remove_contact_button)
        buttons.addStretch(1)
        contacts_layout = QVBoxLayout(contacts)
        contacts_layout.addWidget(self.contacts, 1)
        contacts_layout.addLayout(buttons)

        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(numbers)
        layout.addWidget(contacts, 1)
        return column

    # feeding --------------------------------------------------------------------------------
    def set_ticked(self, ticked: frozenset[str]) -> None:
        self._loading = True
        try:
            for item_id, row in self.item_widgets.items():
                row.setCheckState(0, Qt.CheckState.Checked if item_id in ticked else Qt.CheckState.Unchecked)
        finally:
            self._loading = False
        self._show_ready()

    def set_review(self, days_since: int | None, due: bool) -> None:
        if days_since is None:
            text = self.tr("You have not reviewed these lists yet. Check them once a month.")
        elif days_since == 0:
            text = self.tr("Reviewed today. Next review in a month.")
        else:
            text = self.tr("Last reviewed %n day(s) ago.", None, days_since)
            if due:
                text += " " + self.tr(
                    "Time for the monthly check: food, water and medicines expire, batteries run down."
                )
        self.review_label.setText(("⚠ " if due else "✓ ") + text)  # a symbol as well as the words, not colour
        self.review_label.setProperty("due", due)

    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        self._loading = True
        try:
            self.contacts.setRowCount(0)
            for contact in contacts:
                row = self.contacts.rowCount()
                self.contacts.insertRow(row)
                self.contacts.setItem(row, 0, QTableWidgetItem(contact.name))
                self.contacts.setItem(row, 1, QTableWidgetItem(contact.phone))
        finally:
            self._loading = False

    def ticked(self) -> frozenset[str]:
        return frozenset(i for i, row in self.item_widgets.items() if row.checkState(0) == Qt.CheckState.Checked)

    def entered_contacts(self) -> list[Contact]:
        """Complete rows only: a half-typed row is kept on screen but not saved until it has both parts."""
        contacts = []
        for row in range(self.contacts.rowCount()):
            name, phone = self.contacts.item(row, 0), self.contacts.item(row, 1)
            contact = clean_contact(name.text() if name else "", phone.text() if phone else "")
            if contact is not None:
                contacts.append(contact)
        return contacts

    # reacting -------------------------------------------------------------------------------
    def _item_changed(self, row: QTreeWidgetItem, _column: int) -> None:
        item_id = row.data(0, ITEM_ID)
        if self._loading or not item_id:
            return
        self._show_ready()
        self.item_toggled.emit(str(item_id), row.checkState(0) == Qt.CheckState.Checked)

    def _show_ready(self) -> None:
        done, total = len(self.ticked()), len(self.item_widgets)
        self.ready_label.setText(
            self.tr("Ready: %1 of %2 items").replace("%1", count_label(done)).replace("%2", count_label(total))
        )

    def add_contact_row(self) -> None:
        row = self.contacts.rowCount()
        name = QTableWidgetItem("")
        self._loading = True
        try:
            self.contacts.insertRow(row)
            self.contacts.setItem(row, 0, name)
            self.contacts.setItem(row, 1, QTableWidgetItem(""))
        finally:
            self._loading = False
        self.contacts.setCurrentCell(row, 0)
        self.contacts.setFocus(Qt.FocusReason.OtherFocusReason)
        self.contacts.editItem(name)

    def remove_selected_contact(self) -> None:
        row = self.contacts.currentRow()
        if row < 0:
            return
        self.contacts.removeRow(row)
        self.contacts_changed.emit(self.entered_contacts())

    def _contact_edited(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.contacts_changed.emit(self.entered_contacts())


def _section_html(section: Section) -> str:
    steps = "".join(f"<li style='margin-bottom: 6px'>{escape(step)}</li>" for step in section.steps)
    return f"<h3>{escape(section.title)}</h3><ol>{steps}</ol>"
