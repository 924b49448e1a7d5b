"""The list at the size an import accepts at most, and the import that is over it (issue 12, item 6).

The model now sorts itself on keys computed once per list (the proxy only filters), so these tests pin what a
person sees of sorting: the order of every column both ways, the selected shelter kept, unplaced shelters last,
search and filters still applied. Speed is measured in bench/big_list.py, not here.
"""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from ui_helpers import make_window

from shelterapp.settings import Location
from shelterapp.shelters.formats.base import MAX_ROWS
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.ui.data_summary import DataSummary
from shelterapp.ui.shelter_table import ShelterTableModel as Columns

OFFICIAL_HEADERS = ["Район", "Адреса", "Тип укриття"]


def shown(window, column: int) -> list[str]:
    proxy = window.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def shelter(n: int, name: str, address: str, lat: float | None, kind: Kind = Kind.SIMPLEST_SHELTER) -> Shelter:
    return Shelter(
        id=f"t:{n}",
        name_uk=name,
        name_en="",
        kind=kind,
        address=address,
        district="",
        lat=lat,
        lon=None if lat is None else 30.52,
    )


def small_list() -> list[Shelter]:
    return [
        shelter(1, "бета", "вул. Б, 1", 50.452),
        shelter(2, "Альфа", "вул. В, 2", 50.460),
        shelter(3, "гамма", "вул. А, 3", 50.4505),
        shelter(4, "Дельта", "вул. Г, 4", None),  # known only by its address
    ]


def test_every_column_sorts_both_ways_and_the_selection_stays(qtbot, catalog, settings):
    window, _ = make_window(qtbot, catalog, settings)
    window.set_location(Location(50.45, 30.52, "here"))
    summary = DataSummary(4, 1, (), "", None, False)
    window.set_shelters(small_list(), summary)
    assert shown(window, Columns.NAME) == ["гамма", "бета", "Альфа", "Дельта"]  # nearest first, unplaced last
    window.select_shelter("t:1")

    window.table.sortByColumn(Columns.NAME, Qt.SortOrder.AscendingOrder)
    assert shown(window, Columns.NAME) == ["Альфа", "бета", "гамма", "Дельта"]  # case does not matter
    window.table.sortByColumn(Columns.NAME, Qt.SortOrder.DescendingOrder)
    assert shown(window, Columns.NAME) == ["Дельта", "гамма", "бета", "Альфа"]
    window.table.sortByColumn(Columns.ADDRESS, Qt.SortOrder.AscendingOrder)
    assert shown(window, Columns.ADDRESS) == ["вул. А, 3", "вул. Б, 1", "вул. В, 2", "вул. Г, 4"]
    window.table.sortByColumn(Columns.DISTANCE, Qt.SortOrder.DescendingOrder)
    assert shown(window, Columns.NAME) == ["Дельта", "Альфа", "бета", "гамма"]  # unplaced first when reversed
    assert window.details.shelter is not None and window.details.shelter.id == "t:1"  # still selected
    assert window.table.currentIndex().data() == "бета"

    window.filters.search.setText("альфа")
    assert shown(window, Columns.NAME) == ["Альфа"]
    window.filters.search.setText("")
    window.table.sortByColumn(Columns.DISTANCE, Qt.SortOrder.AscendingOrder)
    window.set_location(Location(50.46, 30.52, "north"))  # a new place re-sorts by the new distances
    assert shown(window, Columns.NAME) == ["Альфа", "бета", "гамма", "Дельта"]
    assert shown(window, Columns.DISTANCE)[0] == "0 m"


def test_a_list_over_the_cap_is_refused_and_says_why(qtbot, catalog, settings, tmp_path):
    window, controller = make_window(qtbot, catalog, settings)
    huge = tmp_path / "huge.csv"
    with huge.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(OFFICIAL_HEADERS)
        writer.writerows(["Печерський", f"вул. Нереальна, {n}", "Найпростіші укриття"] for n in range(MAX_ROWS + 1))
    window.import_requested.emit(str(huge))
    qtbot.waitUntil(lambda: not controller.importing, timeout=60_000)
    notice = window.notice.text()
    assert f"more than {MAX_ROWS:,} rows" in notice and "previous shelter list is kept" in notice, notice
    assert window.proxy.rowCount() == 52  # the bundled list, as before
