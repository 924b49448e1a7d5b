"""Opening an app SQLite file: WAL, integrity check, versioned migrations, a damaged file set aside."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from shelterapp.storage.atomic import set_aside

log = logging.getLogger(__name__)

Migration = Callable[[sqlite3.Connection], None]


class NewerSchema(Exception):
    """The file was written by a newer app version: refuse to touch it rather than damage it."""


def open_database(path: Path, migrations: Sequence[Migration]) -> tuple[sqlite3.Connection, Path | None]:
    """Connect and migrate to len(migrations); on corruption set the file aside and start a new one.

    Returns the connection and, when a damaged file was set aside, where it went."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _connect_and_migrate(path, migrations), None
    except sqlite3.OperationalError:  # locked, read-only, cannot open, disk full: not damage; never set aside
        raise
    except sqlite3.DatabaseError as exc:
        if not path.exists():
            raise
        moved = set_aside(path)
        for suffix in ("-wal", "-shm", "-journal"):
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                set_aside(sidecar)
        log.error("database %s is damaged (%s); set aside as %s and started anew", path, exc, moved)
        return _connect_and_migrate(path, migrations), moved


def _connect_and_migrate(path: Path, migrations: Sequence[Migration]) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a crash never corrupts the file; a power cut may lose the last commit (not a whole
        # import, which is one transaction) and no commit waits for an fsync on the GUI thread.
        db.execute("PRAGMA synchronous=NORMAL")
        result = db.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > len(migrations):
            raise NewerSchema(f"{path} was written by a newer shelterapp (schema {version}); update the app")
        for number in range(version + 1, len(migrations) + 1):
            with db:
                db.execute("BEGIN IMMEDIATE")
                migrations[number - 1](db)
                db.execute(f"PRAGMA user_version = {number}")
            log.info("%s migrated to schema %d", path.name, number)
    except BaseException:
        db.close()
        raise
    return db
