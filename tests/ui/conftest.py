from __future__ import annotations

import pytest

from shelterapp.paths import default_paths
from shelterapp.settings import Settings
from shelterapp.shelters.catalog import Catalog


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
