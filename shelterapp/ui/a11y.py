"""What screen readers say for our controls: a short name and one sentence on what the control does.

Every interactive widget gets both (tests/ui/test_accessibility.py walks every window and dialog for them).
A name stays the same when the control's state or text changes; the description may say more.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget


def describe(widget: QWidget, name: str, description: str) -> None:
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)


def describe_standard_button(box: QDialogButtonBox, which: QDialogButtonBox.StandardButton, description: str) -> None:
    """A dialog's standard button (OK, Cancel, Close...): Qt's own translated text is its name."""
    button: QAbstractButton | None = box.button(which)
    if button is not None:
        describe(button, button.text().replace("&", ""), description)
