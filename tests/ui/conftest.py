from __future__ import annotations

import pytest

from shelterapp.map.tile_cache import TileCache
from shelterapp.paths import default_paths
from shelterapp.settings import Settings
from shelterapp.shelters.catalog import Catalog
from shelterapp.sources.http import HttpClient
from shelterapp.sources.tiles import TileService
from shelterapp.ui.map.tile_loader import TileLoader


@pytest.fixture
def catalog(app_home):
    paths = default_paths()
    paths.ensure()
    cat = Catalog.open(paths.database)
    yield cat
    cat.close()


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture(autouse=True)
def english_translators(qapp):
    """The app always installs its English plural forms ('1 shelter', '5 shelters'); so do the UI tests."""
    from shelterapp.i18n import install_translators

    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def make_loader(tmp_path):
    """Tile loaders as the app builds them (a TileService over a TileCache), shut down at the test's end;
    `url` None means no tile server (the disk only), `clock` the service's wall clock."""
    made: list[tuple[TileLoader, TileService]] = []

    def make(url: str | None, root=None, clock=None, **kwargs) -> TileLoader:
        client = HttpClient(deadline_s=5.0, connect_timeout_s=2.0) if url else None
        cache = TileCache(root or tmp_path / "tiles")
        tiles = TileService(client, cache, url or "") if clock is None else TileService(client, cache, url or "", clock)
        loader = TileLoader(tiles, **kwargs)
        made.append((loader, tiles))
        return loader

    yield make
    for loader, tiles in made:
        loader.shutdown()
        tiles.close()
