"""Fixtures of the shelter-list tests: a catalog on a fresh store with the bundled list, the big-file client."""

from __future__ import annotations

import pytest

from shelterapp.shelters.bundled import load_bundled
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.store import ShelterStore
from shelterapp.sources.shelter_lists import big_file_client


@pytest.fixture
def catalog(tmp_path):
    cat = Catalog(ShelterStore.open(tmp_path / "shelters.sqlite"), load_bundled())
    yield cat
    cat.close()


@pytest.fixture
def http():
    client = big_file_client()
    yield client
    client.close()
