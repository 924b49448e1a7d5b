"""The map as a person sees and uses it: tiles from a local tile server, markers where the shelters are,
clicks, keys and the wheel, clusters from afar, and a map that still works with no network at all."""

from __future__ import annotations

import re
import statistics
import threading
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from shelterapp.map.tile_cache import TileCache
from shelterapp.map.tiles import project, tile_of, unproject
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.ui.map import painting
from shelterapp.ui.map.map_view import MapView
from shelterapp.ui.map.tile_loader import TileLoader

CENTRE = (50.4501, 30.5234)
SQUARE = QColor("#5f3dc4")  # civil-defence shelters: a filled square in this colour
TILE_PATH = re.compile(r"^/(\d+)/(\d+)/(\d+)\.png$")


def tile_colour(z: int, x: int, y: int) -> QColor:
    """Neighbouring tiles and zoom levels differ, so a pixel tells which tile was drawn there."""
    return QColor(60 + (x % 3) * 40, 60 + (y % 3) * 40, 100 + z * 7)


def png_tile(colour: QColor) -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(colour)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def shelter(sid: str, lat: float | None, lon: float | None, kind: Kind = Kind.CIVIL_DEFENCE_SHELTER) -> Shelter:
    return Shelter(sid, f"Укриття {sid}", f"Shelter {sid}", kind, lat=lat, lon=lon)


@dataclass(frozen=True, slots=True)
class ApproximateShelter(Shelter):
    """What Shelter looks like once the geocoder marks guessed positions (the map reads it by getattr)."""

    approximate: bool = False


@pytest.fixture
def tile_url(httpserver) -> str:
    def answer(request: Request) -> Response:
        z, x, y = (int(g) for g in TILE_PATH.match(request.path).groups())
        return Response(png_tile(tile_colour(z, x, y)), mimetype="image/png")

    httpserver.expect_request(TILE_PATH).respond_with_handler(answer)
    return httpserver.url_for("/") + "{z}/{x}/{y}.png"


@pytest.fixture
def make_view(qtbot):
    def make(loader: TileLoader | None, zoom: int = 14, size: tuple[int, int] = (400, 300)) -> MapView:
        view = MapView(loader)
        qtbot.addWidget(view)
        view.resize(*size)
        view.center_on(*CENTRE, zoom)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make


def pixel(view: MapView, point: QPointF | QPoint) -> QColor:
    point = point.toPoint() if isinstance(point, QPointF) else point
    return view.grab().toImage().pixelColor(point)


def visible_tile_count(view: MapView) -> int:
    stats = view.last_paint_stats
    return stats.tiles + stats.fallback_tiles + stats.missing_tiles


def spot_away_from_markers(view: MapView) -> tuple[QPointF, QColor]:
    """A point a quarter of the way in from the top-left, and the colour of the tile under it."""
    lat, lon = CENTRE
    x, y = project(lat, lon)
    world = 256 << view.zoom
    there = unproject(x - (view.width() / 4) / world, y - (view.height() / 4) / world)
    return view.screen_pos(*there), tile_colour(view.zoom, *tile_of(*there, view.zoom))


def test_tiles_come_from_the_server_land_on_disk_and_show_offline_later(
    qtbot, tile_url, make_loader, make_view, tmp_path
):
    view = make_view(make_loader(tile_url))
    spot, colour = spot_away_from_markers(view)
    qtbot.waitUntil(lambda: pixel(view, spot) == colour, timeout=5000)
    qtbot.waitUntil(lambda: view.grab() and view.last_paint_stats.missing_tiles == 0, timeout=5000)
    count = view.last_paint_stats.tiles
    assert count == len(list((tmp_path / "tiles" / "14").glob("*/*.png")))
    assert view.last_paint_stats.offline_rect is None
    assert not view.is_offline()

    # Next day, no network: a map with no client at all shows the same streets from disk.
    offline = make_view(make_loader(None))
    assert offline.is_offline()
    qtbot.waitUntil(lambda: pixel(offline, spot) == colour, timeout=5000)
    # Tiles come off the disk one by one, off the GUI thread: wait for the last, as for the online view above.
    qtbot.waitUntil(lambda: offline.grab() and offline.last_paint_stats.missing_tiles == 0, timeout=5000)
    assert offline.last_paint_stats.tiles == count
    assert offline.last_paint_stats.offline_rect is None  # nothing missing: no need to alarm anyone


def test_a_marker_is_drawn_where_its_shelter_is(qtbot, make_view):
    view = make_view(None)
    view.set_shelters([shelter("a", 50.4510, 30.5200)])
    where = view.screen_pos(50.4510, 30.5200)
    assert view.rect().contains(where.toPoint())
    assert pixel(view, where) == SQUARE
    assert pixel(view, where + QPointF(30, 30)) == painting.BACKGROUND


@pytest.mark.parametrize(
    ("kind", "colour", "offset"),
    [
        (Kind.METRO, "#c92a2a", QPointF(-7, 0)),  # red disc (its white "M" sits in the middle)
        (Kind.RADIATION_SHELTER, "#d9480f", QPointF(0, 3)),  # triangle
        (Kind.SIMPLEST_SHELTER, "#2b8a3e", QPointF(0, 0)),  # diamond
        (Kind.OTHER, "#495057", QPointF(0, 0)),  # small dot
    ],
)
def test_each_kind_has_its_own_marker(qtbot, make_view, kind, colour, offset):
    view = make_view(None, zoom=17)
    view.set_shelters([shelter("k", *CENTRE, kind=kind)])
    assert pixel(view, view.screen_pos(*CENTRE) + offset) == QColor(colour)


def test_shapes_differ_not_only_colours(qtbot, make_view):
    """The same spot just inside a square's corner is filled for a square and not for a diamond."""
    view = make_view(None, zoom=17)
    corner = QPointF(-6, -6)
    view.set_shelters([shelter("s", *CENTRE, kind=Kind.CIVIL_DEFENCE_SHELTER)])
    assert pixel(view, view.screen_pos(*CENTRE) + corner) == SQUARE
    view.set_shelters([shelter("d", *CENTRE, kind=Kind.SIMPLEST_SHELTER)])
    assert pixel(view, view.screen_pos(*CENTRE) + corner).lightness() > 200
    assert pixel(view, view.screen_pos(*CENTRE)) == QColor("#2b8a3e")


def test_approximate_positions_are_hollow_and_unplaced_shelters_are_left_out(qtbot, make_view):
    view = make_view(None, zoom=17)
    view.set_shelters(
        [
            ApproximateShelter(
                "guess", "", "", Kind.CIVIL_DEFENCE_SHELTER, lat=CENTRE[0], lon=CENTRE[1], approximate=True
            ),
            shelter("nowhere", None, None),
        ]
    )
    centre = pixel(view, view.screen_pos(*CENTRE))
    assert centre != SQUARE and centre.lightness() > 200  # hollow: the middle is pale
    assert view.last_paint_stats.shelters_drawn == {"guess"}


def test_offline_without_tiles_still_shows_markers_and_says_so(qtbot, make_view):
    view = make_view(None)
    view.set_shelters([shelter("a", *CENTRE)])
    image = view.grab().toImage()
    rect = view.last_paint_stats.offline_rect
    assert rect is not None and view.rect().contains(rect)
    inner = rect.adjusted(3, 3, -3, -3)  # inside the rounded corners
    xs, ys = range(inner.left(), inner.right()), range(inner.top(), inner.bottom())
    colours = {image.pixelColor(x, y).rgb() for x in xs for y in ys}
    assert painting.BACKGROUND.rgb() not in colours and len(colours) > 2  # a box with text in it
    assert image.pixelColor(view.screen_pos(*CENTRE).toPoint()) == SQUARE


def test_server_down_goes_offline_without_a_request_storm(qtbot, make_loader, make_view):
    loader = make_loader("http://127.0.0.1:9/{z}/{x}/{y}.png", offline_retry_s=0.3)
    with qtbot.waitSignal(loader.online_changed, timeout=5000) as went:
        view = make_view(loader)
        view.set_shelters([shelter("a", *CENTRE)])
    assert went.args == [False]
    qtbot.waitUntil(lambda: view.grab() and view.last_paint_stats.offline_rect is not None, timeout=3000)
    assert pixel(view, view.screen_pos(*CENTRE)) == SQUARE
    qtbot.waitUntil(lambda: loader.pending() == 0, timeout=3000)
    before = loader.downloads
    for _ in range(20):  # repaints while offline ask nothing of the network
        view.grab()
    assert loader.downloads == before
    with qtbot.waitSignal(loader.retry_due, timeout=3000):
        pass
    with qtbot.waitSignal(loader.retry_due, timeout=3000):
        pass
    assert loader.downloads - before <= 2  # one probe per pause, not a tile per repaint


def test_a_failed_tile_is_not_asked_for_again_at_once(qtbot, httpserver, make_loader, make_view):
    httpserver.expect_request(TILE_PATH).respond_with_data(b"gone", status=404)
    loader = make_loader(httpserver.url_for("/") + "{z}/{x}/{y}.png")
    view = make_view(loader)
    qtbot.waitUntil(lambda: view.grab() and loader.pending() == 0, timeout=5000)
    asked = len(httpserver.log)
    assert asked == visible_tile_count(view)
    for _ in range(10):
        view.grab()
    assert len(httpserver.log) == asked
    assert not view.is_offline()  # the server answers: not offline, just no such tiles


def test_at_most_four_downloads_at_once_newest_first_and_no_duplicates(qtbot, make_loader):
    held = threading.Event()
    lock = threading.Lock()
    seen = {"now": 0, "most": 0}
    order: list[str] = []

    def slow(request: Request) -> Response:
        with lock:
            seen["now"] += 1
            seen["most"] = max(seen["most"], seen["now"])
            order.append(request.path)
        held.wait(5)
        with lock:
            seen["now"] -= 1
        z, x, y = (int(g) for g in TILE_PATH.match(request.path).groups())
        return Response(png_tile(tile_colour(z, x, y)), mimetype="image/png")

    server = HTTPServer(threaded=True)  # the shared fixture answers one request at a time
    server.expect_request(TILE_PATH).respond_with_handler(slow)
    server.start()
    try:
        loader = make_loader(server.url_for("/") + "{z}/{x}/{y}.png")
        wanted = [(14, 9000 + i, 5000) for i in range(10)]
        for key in wanted:
            assert loader.image(*key) is None
            assert loader.image(*key) is None  # asked twice (two repaints): fetched once
        qtbot.waitUntil(lambda: seen["now"] == 4, timeout=5000)
        assert loader.downloads == 4
        held.set()
        qtbot.waitUntil(lambda: loader.pending() == 0 and loader.downloads == 10, timeout=5000)
        assert seen["most"] == 4
        assert len(order) == 10
        # Once a slot frees, the newest request goes first: the oldest is the one the view has left behind.
        assert order.index("/14/9009/5000.png") < order.index("/14/9004/5000.png")
        assert all(loader.image(*key) is not None for key in wanted)
    finally:
        held.set()
        server.clear()
        server.stop()


def test_a_corrupt_cached_tile_is_fetched_again(qtbot, tile_url, make_loader, make_view, tmp_path):
    z, (x, y) = 14, tile_of(*CENTRE, 14)
    broken = tmp_path / "tiles" / str(z) / str(x) / f"{y}.png"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"truncated by a crash")
    view = make_view(make_loader(tile_url))
    qtbot.waitUntil(lambda: pixel(view, view.screen_pos(*CENTRE)) == tile_colour(z, x, y), timeout=5000)
    assert broken.read_bytes() == png_tile(tile_colour(z, x, y))


def test_a_missing_tile_shows_its_parent_enlarged(qtbot, make_loader, make_view, tmp_path):
    cache = TileCache(tmp_path / "tiles")
    px, py = tile_of(*CENTRE, 13)
    cache.put(13, px, py, png_tile(tile_colour(13, px, py)))
    view = make_view(make_loader(None), zoom=14)
    qtbot.waitUntil(lambda: pixel(view, view.screen_pos(*CENTRE)) == tile_colour(13, px, py), timeout=5000)
    assert view.last_paint_stats.fallback_tiles >= 1


def test_clicking_a_marker_selects_it_and_says_which(qtbot, make_view):
    view = make_view(None, zoom=16)
    view.set_shelters([shelter("a", 50.4510, 30.5200), shelter("b", 50.4490, 30.5260)])
    with qtbot.waitSignal(view.shelter_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=view.screen_pos(50.4490, 30.5260).toPoint() + QPoint(3, 2)
        )
    assert clicked.args == ["b"]
    assert view.selected_shelter() == "b"
    with qtbot.assertNotEmitted(view.shelter_clicked):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # empty map


def test_clicking_a_cluster_zooms_in_on_it(qtbot, make_view):
    view = make_view(None, zoom=12)
    view.set_shelters([shelter("a", 50.4501, 30.5234), shelter("b", 50.4504, 30.5238)])
    view.grab()
    assert view.last_paint_stats.clusters == 1 and view.last_paint_stats.markers == 1
    with qtbot.assertNotEmitted(view.shelter_clicked):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.screen_pos(*CENTRE).toPoint())
    assert view.zoom == 14
    assert view.rect().contains(view.screen_pos(*CENTRE).toPoint())


def test_clicking_a_saved_place_names_it(qtbot, make_view):
    view = make_view(None, zoom=15)
    view.set_places([("Home", 50.4520, 30.5200)])
    with qtbot.waitSignal(view.place_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.screen_pos(50.4520, 30.5200).toPoint())
    assert clicked.args == ["Home"]


def test_keys_zoom_and_pan(qtbot, make_view):
    view = make_view(None, zoom=12)
    view.setFocus()
    with qtbot.waitSignal(view.view_changed, timeout=1000):
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom == 13
    qtbot.keyClick(view, Qt.Key.Key_Equal)  # "+" without Shift on most layouts
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom == 13
    lat, lon = view.center
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.center[1] > lon
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.center[0] > lat
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert view.accessibleName()


def test_wheel_zooms_about_the_cursor(qtbot, make_view):
    view = make_view(None, zoom=13)
    target = (50.4600, 30.5000)
    before = view.screen_pos(*target)
    event = QWheelEvent(
        before,
        view.mapToGlobal(before),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)
    assert view.zoom == 14
    after = view.screen_pos(*target)
    assert abs(after.x() - before.x()) <= 1.5 and abs(after.y() - before.y()) <= 1.5


def test_dragging_pans_the_map(qtbot, make_view):
    view = make_view(None, zoom=14)
    start = view.screen_pos(*CENTRE)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(200, 150))
    qtbot.mouseMove(view, QPoint(260, 190))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(260, 190))
    moved = view.screen_pos(*CENTRE) - start
    assert (round(moved.x()), round(moved.y())) == (60, 40)


def test_zoomed_out_shelters_cluster_and_zoomed_in_stand_alone(qtbot, make_view):
    import random

    rnd = random.Random(3)
    shelters = [shelter(f"s{i}", rnd.uniform(50.445, 50.455), rnd.uniform(30.515, 30.530)) for i in range(500)]
    view = make_view(None, zoom=11)
    view.set_shelters(shelters)
    view.grab()
    stats = view.last_paint_stats
    assert 0 < stats.markers < 10 and stats.clusters > 0
    view.center_on(*CENTRE, 17)
    view.grab()
    assert view.last_paint_stats.clusters == 0
    assert 0 < view.last_paint_stats.markers == len(view.last_paint_stats.shelters_drawn)


def test_selecting_from_the_list_brings_the_shelter_into_view_with_a_ring(qtbot, make_view):
    view = make_view(None, zoom=16)
    far = (50.5000, 30.4000)
    view.set_shelters([shelter("far", *far)])
    assert not view.rect().contains(view.screen_pos(*far).toPoint())
    with qtbot.assertNotEmitted(view.shelter_clicked):
        view.select_shelter("far")
    where = view.screen_pos(*far)
    assert view.rect().contains(where.toPoint())
    assert view.selected_shelter() == "far"
    assert pixel(view, where + QPointF(0, 13)) == painting.SELECTED_RING
    view.select_shelter(None)
    assert pixel(view, where + QPointF(0, 13)) != painting.SELECTED_RING


def test_route_to_the_nearest_shelter_with_its_label(qtbot, make_view):
    view = make_view(None, zoom=15)
    me, target = (50.4490, 30.5200), (50.4510, 30.5270)
    view.set_shelters([shelter("n", *target)])
    view.set_my_position(*me)
    middle = (view.screen_pos(*me) + view.screen_pos(*target)) / 2
    assert pixel(view, middle) == painting.BACKGROUND
    view.set_route("n", "350 m, 5 min")
    assert pixel(view, middle).lightness() > 240  # the label's white box sits on the line's middle
    assert pixel(view, view.screen_pos(*me)) == painting.ME_COLOUR
    view.set_my_position(None, None)
    assert pixel(view, middle) == painting.BACKGROUND  # no position, no line


def test_fit_shows_every_point(qtbot, make_view):
    view = make_view(None, zoom=5)
    points = [(50.4501, 30.5234), (50.4620, 30.5010), (50.4390, 30.5400)]
    view.fit(points)
    assert view.zoom >= 13
    assert all(view.rect().contains(view.screen_pos(*p).toPoint()) for p in points)
    view.fit(points[:1], max_zoom=16)
    assert view.zoom == 16


@pytest.mark.parametrize("zoom", [12, 16])
def test_5000_shelters_repaint_within_a_frame(qtbot, make_view, zoom):
    import random

    rnd = random.Random(5)
    kinds = list(Kind)
    shelters = [
        shelter(f"s{i}", rnd.uniform(50.21, 50.59), rnd.uniform(30.24, 30.83), kinds[i % 5]) for i in range(5000)
    ]
    view = make_view(None, zoom=zoom, size=(1024, 768))
    view.set_shelters(shelters)
    view.grab()  # the zoom's clusters are built on first paint
    times = []
    for step in range(15):
        view.center_on(CENTRE[0] + step * 0.0005, CENTRE[1])
        view.grab()
        times.append(view.last_paint_stats.ms)
    assert statistics.median(times) < 16, times  # bench/map_paint.py has the real figures


def test_a_map_view_is_freed_without_the_cycle_collector(qtbot):
    # A reference cycle through the view (its viewport asking its size) would leave the widget to Python's
    # cycle collector, which can run on a tile worker thread: a widget deleted there crashes the app.
    import gc
    import weakref

    view = MapView(None)
    view.resize(300, 200)
    assert view.viewport.origin()  # the viewport in use
    held = weakref.ref(view)
    gc.disable()
    try:
        del view
        assert held() is None
    finally:
        gc.enable()
