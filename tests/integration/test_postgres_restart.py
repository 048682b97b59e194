"""PostgreSQL restarts under a running web app: /gezondheid says 503 in Dutch while the server
is down and 200 again once it is back on the same port and data folder, pages render again,
and what was written meanwhile shows, all without restarting the app.

The server is this module's own (stopping the session's shared one would break other tests).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from beloftemeter.config import Settings
from beloftemeter.models.review import ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import open_store
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.web.app import create_app
from beloftemeter.web.state import CHECK_EVERY
from support.assessed_store import TRAM, build
from support.postgres_server import (
    SERVER_OPTIONS,
    PostgresServer,
    _run,
    running_server,
    server_binaries,
    unavailable_reason,
)

pytestmark = [pytest.mark.postgres, pytest.mark.integration]
REASON = "De deelfietsen rijden sinds de herstart."


@pytest.fixture(scope="module")
def own_server() -> Iterator[PostgresServer]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with running_server() as server:
        yield server


def _pg_ctl(server: PostgresServer, *args: str) -> None:
    binaries = server_binaries()
    assert binaries is not None
    _run([str(binaries / "pg_ctl"), "-D", str(server.folder / "data"), "-s", "-w", *args],
         server.folder / "server.log")


def stop(server: PostgresServer) -> None:
    """As an administrator stops it: every session is ended, new ones are refused."""
    _pg_ctl(server, "-m", "fast", "stop")


def start(server: PostgresServer) -> None:
    """Again on the same port and data folder, with the options it first had."""
    _pg_ctl(server, "-l", str(server.folder / "server.log"), "-t", "60", "-o",
            f"-k {server.folder} -p {server.port} -h 127.0.0.1 {SERVER_OPTIONS}", "start")


def test_health_follows_the_server_down_and_up_and_pages_render_again(own_server) -> None:
    url = own_server.create_database("herstart")
    with open_store(url) as store:
        build(store)
        bikes = ids_by_key(store)[(TRAM, 1)]
    app = create_app(Settings(store_url=url, embedder="geen"))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/gezondheid").status_code == 200
        assert client.get("/beloften").status_code == 200
        assert client.get(f"/api/beloften/{bikes}").json()["status"] != "in uitvoering"

        stop(own_server)
        try:
            for _ in range(2):  # each check tries once, quickly, and says the same
                began = time.monotonic()
                down = client.get("/gezondheid")
                assert down.status_code == 503 and time.monotonic() - began < 5
                assert down.json()["status"] == "fout"
                assert down.json()["error"] == "De opslag is niet bereikbaar."
                assert own_server.password not in down.text and "Traceback" not in down.text
            # Answered from memory, or "come back soon" (503): never a 400 or a 500.
            own = "/vlaanderen-2019-2024"
            for path in (f"{own}/beloften", f"{own}/beloften/{bikes}", "/beloften", "/"):
                page = client.get(path)
                assert page.status_code in (200, 503), (path, page.status_code, page.text[:300])
                assert own_server.password not in page.text and "Traceback" not in page.text
        finally:
            start(own_server)

        # Another process writes before this worker uses the store again: a write its old
        # connection never saw, to be noticed on the new one through the change counters.
        with open_store(url) as other:
            save_review(other, ReviewEdit(bikes, 0, "an", {}, status="in uitvoering",
                                          reason=REASON))
        up = client.get("/gezondheid")
        assert up.status_code == 200 and up.json()["status"] == "ok", up.text
        time.sleep(CHECK_EVERY)  # the app looks for others' writes at most once a second
        promise = client.get(f"/api/beloften/{bikes}")
        assert promise.status_code == 200
        assert promise.json()["status"] == "in uitvoering" and REASON in promise.text
        for path in ("/beloften", f"/beloften/{bikes}", "/zoek?q=kilometerheffing"):
            assert client.get(path).status_code == 200, path
