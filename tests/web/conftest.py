"""Fixtures of the web tests: the app over a tiny assessed store (lexical search only), and
over a store whose agreement has parts."""

from __future__ import annotations

import pytest
from odd_decisions import insert_odd_decisions
from parted_store import build_parted
from promise_history import add_history

from beloftemeter.analysis.dossiers import assign_dossiers
from beloftemeter.config import Settings
from beloftemeter.store import open_store
from support.assessed_store import build
from support.live_app import serve


@pytest.fixture(scope="module")
def web_settings(tmp_path_factory) -> Settings:
    path = tmp_path_factory.mktemp("web") / "web.db"
    with open_store(f"sqlite:///{path}") as store:
        build(store)
        insert_odd_decisions(store)
        assign_dossiers(store)  # as the index step does: k2 and k3 are one decree's stages
        add_history(store)  # the promise pages show it
    return Settings(store_url=f"sqlite:///{path}", embedder="geen")


@pytest.fixture(scope="module")
def parted_settings(tmp_path_factory) -> Settings:
    path = tmp_path_factory.mktemp("web") / "parted.db"
    with open_store(f"sqlite:///{path}") as store:
        build_parted(store)
    return Settings(store_url=f"sqlite:///{path}", embedder="geen")


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
def live_server(web_settings):
    with serve(web_settings) as url:
        yield url


@pytest.fixture(scope="module")
def parted_server(parted_settings):
    with serve(parted_settings) as url:
        yield url
