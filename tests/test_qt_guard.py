"""Guard against the PySide6 6.12.0 + Python 3.11 bug that kills the app minutes into real use."""

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_drop_references_to_none():
    # On the broken pair each call drops one reference to None (-1000 here), and the
    # interpreter aborts with none_dealloc a few thousand calls later (../shared/research/qt-tech.md).
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -100
