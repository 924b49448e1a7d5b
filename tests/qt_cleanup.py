"""Delete a test's QObjects on the GUI thread before the next test starts.

Objects tied in a cycle through Qt connections (a lambda connected to a signal of an object that also holds the
lambda's owner) are never freed by Python's collector; they would live until PySide's sweep at interpreter exit,
which deletes whatever is left in no safe order and, now and then, crashes the test process after every test
has passed. Deleting them here, parents and children in Qt's own order, leaves nothing to that sweep.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject


def dispose(*objects: QObject | None) -> None:
    for obj in objects:
        if obj is not None and shiboken6.isValid(obj):
            obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
