"""The progress plumbing every long task shares: the throttle that keeps redraws cheap, sizes for people, and the
rows an import reports as it reads."""

from __future__ import annotations

from pathlib import Path

from shelterapp.progress import Throttle, size_text
from shelterapp.shelters.importer import read_shelters

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shelters"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_throttle_lets_the_first_event_through_then_one_per_interval():
    clock = FakeClock()
    throttle = Throttle(0.25, clock)
    passed = []
    for step in range(100):  # 100 events 10 ms apart: one second
        clock.now = 100.0 + step * 0.01
        passed.append(throttle.ready())
    assert passed[0] is True  # something shows at once
    assert sum(passed) == 4  # at 0, 0.25, 0.50, 0.75 s: a burst never turns into a redraw per event


def test_sizes_read_like_a_file_manager():
    assert [size_text(n) for n in (0, 999, 1000, 850_000, 999_999, 3_400_000, 61_000_000)] == [
        "0 B",
        "999 B",
        "1 kB",
        "850 kB",
        "1,000 kB",
        "3.4 MB",
        "61.0 MB",
    ]


def test_the_official_csv_reports_rows_as_they_are_read(tmp_path):
    """The city's list is the slow one (XLSX: about a second for 4,400 rows): its rows are counted as they
    stream, then the final count once."""
    header, body = (FIXTURES / "kyiv_opendata_small.csv").read_text(encoding="utf-8").split("\n", 1)
    big = tmp_path / "official.csv"
    big.write_text(header + "\n" + (body.rstrip("\n") + "\n") * 40, encoding="utf-8")  # several hundred rows
    reported: list[int] = []
    result = read_shelters(big, "kyiv-opendata", progress=reported.append)
    read = result.accepted + result.rejected
    assert reported[-1] == read
    assert reported[:-1] == list(range(250, read, 250))  # as they stream, every 250 rows
    assert read > 500


def test_formats_read_in_one_go_report_their_rows_once():
    reported: list[int] = []
    result = read_shelters(FIXTURES / "osm_small.json", progress=reported.append)
    assert reported == [result.accepted + result.rejected]
