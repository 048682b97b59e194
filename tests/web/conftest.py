"""Fixtures of the web tests: the app over a tiny assessed store (lexical search only)."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from odd_decisions import insert_odd_decisions

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from support.assessed_store import build


@pytest.fixture(scope="module")
def web_settings(tmp_path_factory) -> Settings:
    path = tmp_path_factory.mktemp("web") / "web.db"
    with open_store(f"sqlite:///{path}") as store:
        build(store)
        insert_odd_decisions(store)
    return Settings(store_url=f"sqlite:///{path}", embedder="geen")


@pytest.fixture(scope="module")
def client(web_settings):
    from fastapi.testclient import TestClient

    from beloftemeter.web.app import create_app

    with TestClient(create_app(web_settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def live_server(web_settings):
    """The app served by uvicorn on a free loopback port, in a thread."""
    import uvicorn

    from beloftemeter.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_settings), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
