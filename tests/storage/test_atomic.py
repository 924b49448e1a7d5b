"""Atomic writes leave no half files, and tidy up what a killed write left behind."""

from __future__ import annotations

import os
import time

from shelterapp.storage.atomic import STALE_TEMP_S, write_atomic


def test_a_killed_writes_leftover_is_removed_and_a_live_one_is_not(tmp_path):
    path = tmp_path / "settings.json"
    stale = tmp_path / ".settings.json.abc123.tmp"  # what SIGKILL between write and rename leaves
    stale.write_bytes(b'{"half')
    old = time.time() - STALE_TEMP_S - 60
    os.utime(stale, (old, old))
    live = tmp_path / ".settings.json.def456.tmp"  # another process writing right now
    live.write_bytes(b"{")
    other = tmp_path / ".history.sqlite.x.tmp"
    other.write_bytes(b"")
    os.utime(other, (old, old))

    write_atomic(path, b'{"language": "uk"}')

    assert path.read_bytes() == b'{"language": "uk"}'
    assert not stale.exists()
    assert live.exists() and other.exists()  # only this file's own leftovers, and only old ones
