"""`beloftemeter serve --workers 2` for real (a subprocess on a loopback port), once on SQLite
and once on PostgreSQL: an editor's save answered by one worker shows on requests answered by
both, and a decision indexed by another process is found by both, without a restart.

Which worker answers is read from /gezondheid (its `worker` pid) on the same keep-alive
connection as the request that is checked."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from agreement_urls import at

from beloftemeter.search.lexical import sync_documents
from beloftemeter.store import open_store
from beloftemeter.store.decisions import upsert_decisions
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TRAM, build
from support.decision_rows import make_decision
from support.editors import add_account, log_in

START_WAIT = 90.0  # seconds for two workers to import the app on a loaded machine
SEEN_WITHIN = 2.5  # seconds after a save (or an index run) for every worker to show it
REASON = "De oproep voor mobipunten loopt."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(backend_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(the base URL of `serve --workers 2`, the store's URL)."""
    with open_store(backend_url) as store:
        build(store)
        add_account(store, "anna", "redacteur")
    port = _free_port()
    env = {**os.environ, "BELOFTEMETER_EMBEDDER": "geen"}
    server = subprocess.Popen(
        [sys.executable, "-c", "from beloftemeter.cli import main; main()", "--opslag",
         backend_url, "serve", "--workers", "2", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)  # its own group: the workers end with it, also on a failure
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base, backend_url
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"serve stopped: {server.stderr.read() if server.stderr else ''}")
        try:
            if httpx.get(f"{base}/gezondheid", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("serve --workers 2 did not answer in time")


def _worker_of(client: httpx.Client) -> int:
    return int(client.get("/gezondheid").json()["worker"])


def _workers(base: str) -> set[int]:
    """The pids of the workers, found over new connections (the kernel hands each to one)."""
    found: set[int] = set()
    for _ in range(300):
        with httpx.Client(base_url=base, timeout=10) as client:
            found.add(_worker_of(client))
        if len(found) == 2:
            break
    return found


def _until_every_worker(base: str, workers: set[int], shows: Callable[[httpx.Client], bool],
                        since: float) -> dict[int, float]:
    """Seconds after `since` at which each worker first answered with what `shows` checks."""
    first: dict[int, float] = {}
    while set(first) != workers and time.monotonic() - since < SEEN_WITHIN + 5:
        with httpx.Client(base_url=base, timeout=10) as client:  # one connection, one worker
            worker = _worker_of(client)
            if worker not in first and shows(client):
                first[worker] = time.monotonic() - since
        time.sleep(0.02)
    return first


def test_an_editors_save_and_a_new_decision_reach_both_workers(served) -> None:
    base, url = served
    with open_store(url) as store:
        bikes = ids_by_key(store)[(TRAM, 1)]
    workers = _workers(base)
    assert len(workers) == 2, "the two workers did not both answer"

    def saved(client: httpx.Client) -> bool:
        answer = client.get(at(f"/api/beloften/{bikes}")).json()
        return answer["status"] == "in voorbereiding" and REASON in str(answer)

    with httpx.Client(base_url=base, timeout=30) as editor:  # one connection: one worker
        csrf = log_in(editor, "anna")
        saving = _worker_of(editor)
        assert not saved(editor)
        answer = editor.post(at(f"/redactie/beloften/{bikes}"), data={
            "csrf": csrf, "versie": "0", "status": "in voorbereiding", "reden": REASON,
            "notitie": ""}, follow_redirects=False)
        assert answer.status_code == 303, answer.text
        since = time.monotonic()
        assert _worker_of(editor) == saving and saved(editor)
    first = _until_every_worker(base, workers, saved, since)
    assert set(first) == workers and max(first.values()) < SEEN_WITHIN, first

    # A decision imported and indexed by another process (as `bouw` does).
    with open_store(url) as store:
        upsert_decisions(store, [make_decision(
            "n1", "2023-04-21", "Fietssnelweg Leuven-Brussel: startbeslissing",
            "De regering neemt een startbeslissing over de fietssnelweg tussen Leuven en"
            " Brussel.", instrument="besluit", stage="andere")])
        sync_documents(store)
    since = time.monotonic()

    def found(client: httpx.Client) -> bool:
        hits = client.get(at("/api/zoek"), params={"q": "fietssnelweg"}).json()["results"]
        return any(hit["id"] == "n1" for hit in hits)

    first = _until_every_worker(base, workers, found, since)
    # The index's counter must stand still for one look before a worker rebuilds its index.
    assert set(first) == workers and max(first.values()) < SEEN_WITHIN + 2.5, first
