"""Fixtures of the web tests: the app over a tiny assessed store (lexical search only), and
over a store whose agreement has parts."""

from __future__ import annotations

import pytest
from odd_decisions import insert_odd_decisions
from parted_store import build_parted
from promise_history import add_history
from several_store import build_several

from beloftemeter.analysis.dossiers import assign_dossiers
from beloftemeter.config import Settings
from beloftemeter.store import open_store
from support.assessed_store import build
from support.live_app import serve


def _web_store(url: str) -> Settings:
    with open_store(url) as store:
        build(store)
        insert_odd_decisions(store)
        assign_dossiers(store)  # as the index step does: k2 and k3 are one decree's stages
        add_history(store)  # the promise pages show it
    return Settings(store_url=url, embedder="geen")


def _parted_store(url: str) -> Settings:
    with open_store(url) as store:
        build_parted(store)
    return Settings(store_url=url, embedder="geen")


# The in-process app's tests run on SQLite and on PostgreSQL (tests/conftest.py); the
# browser's live server stays on SQLite (the pages are the same; Chromium is the slow part).
@pytest.fixture(scope="module")
def web_settings(make_module_store) -> Settings:
    return _web_store(make_module_store("web"))


@pytest.fixture(scope="module")
def parted_settings(make_module_store) -> Settings:
    return _parted_store(make_module_store("parted"))


@pytest.fixture(scope="module")
def sqlite_web_settings(tmp_path_factory) -> Settings:
    return _web_store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}")


@pytest.fixture(scope="module")
def sqlite_parted_settings(tmp_path_factory) -> Settings:
    return _parted_store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'parted.db'}")


@pytest.fixture(scope="module")
def client(web_settings):
    from fastapi.testclient import TestClient

    from beloftemeter.web.app import create_app

    with TestClient(create_app(web_settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def parted_client(parted_settings):
    from fastapi.testclient import TestClient

    from beloftemeter.web.app import create_app

    with TestClient(create_app(parted_settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def live_server(sqlite_web_settings):
    with serve(sqlite_web_settings) as url:
        yield url


@pytest.fixture(scope="module")
def several_server(tmp_path_factory):
    """Two agreements (tests/web/several_store.py), served for a browser."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'several.db'}"
    with open_store(url) as store:
        build_several(store)
    with serve(Settings(store_url=url, embedder="geen")) as served:
        yield served


@pytest.fixture(scope="module")
def parted_server(sqlite_parted_settings):
    with serve(sqlite_parted_settings) as url:
        yield url
