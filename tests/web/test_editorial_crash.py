"""Crash safety of an editor's save: the real server (`beloftemeter serve`, a fresh process)
takes saves from three editors at once and is killed (SIGKILL) in the middle, three times over.
After each kill the store holds, for every review version, exactly its audit event and its
published verdict: never one without the other, and nothing an editor was told was saved is
lost."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest
from agreement_urls import at

from beloftemeter.store import open_store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.assessment import load_assessment
from beloftemeter.store.promise_ids import ids_by_key, key_of
from support.assessed_store import build
from support.editors import PASSWORD, add_account, csrf_in

ROUNDS = 3
SAVES_BEFORE_KILL = 6  # at least this many saves answered in a round before the kill


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-c", "from beloftemeter.cli import main; main()", "--opslag", url,
         "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "BELOFTEMETER_EMBEDDER": "geen"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    pytest.fail("de server startte niet: " + server.stderr.read().decode()[-500:])


class Editor(threading.Thread):
    """Logs in and saves one promise over and over until the server is gone; `acknowledged`
    is the highest version the server confirmed (a 303, or the version its page showed)."""

    def __init__(self, base: str, name: str, promise_id: str, acknowledged: int) -> None:
        super().__init__(daemon=True)
        self.base, self.name, self.promise_id = base, name, promise_id
        self.acknowledged = acknowledged  # as the previous round left it
        self.saves = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with httpx.Client(base_url=self.base, timeout=10) as client:
                token = csrf_in(client.get("/login").text)
                client.post("/login", data={"csrf": token, "naam": self.name,
                                            "wachtwoord": PASSWORD, "next": "/"})
                page = client.get(at(f"/redactie/beloften/{self.promise_id}")).text
                csrf = csrf_in(page)
                version = int(re.search(r'name="versie" value="(\d+)"', page).group(1))
                assert version >= self.acknowledged  # nothing acknowledged was lost
                self.acknowledged = version
                while True:
                    status = ("afwijkend", "in voorbereiding", "")[version % 3]
                    answer = client.post(at(f"/redactie/beloften/{self.promise_id}"), data={
                        "csrf": csrf, "versie": str(version), "status": status,
                        "reden": f"Controle {version + 1} door {self.name}.",
                        "notitie": f"versie {version + 1}"})
                    assert answer.status_code == 303, answer.text[-300:]
                    version += 1
                    self.acknowledged = version
                    self.saves += 1
        except httpx.TransportError:
            return  # the server was killed
        except BaseException as error:
            self.error = error


def check_store(url: str, acknowledged: dict[str, int]) -> None:
    with open_store(url) as store:
        assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for promise_id, known in acknowledged.items():
            review = reviews_store.get_review(store, promise_id)
            version = 0 if review is None else review.version
            events = reviews_store.events(store, promise_id=promise_id, actions=["review"])
            # At most the one save in flight more than the server acknowledged.
            assert known <= version <= known + 1, (promise_id, known, version, len(events))
            assert sorted(e.after["version"] for e in events) == list(range(1, version + 1))
            if review is None:
                continue
            last = events[0]
            published = load_assessment(store, *key_of(store, promise_id))
            assert last.after["status"] == review.status == published.status
            assert last.after["note"] == review.note == f"versie {version}"
            assert last.after["evidence"] == sorted(e.decision_id for e in published.evidence)


def test_killing_the_server_mid_save_leaves_each_version_whole(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    names = ("anna", "bert", "cas")
    with open_store(url) as store:
        build(store)
        for name in names:
            add_account(store, name, "redacteur")
        promise_ids = sorted(ids_by_key(store).values())
    acknowledged = dict.fromkeys(promise_ids, 0)
    total = 0
    for _ in range(ROUNDS):
        port = free_port()
        server = start_server(url, port)
        editors = [Editor(f"http://127.0.0.1:{port}", name, pid, acknowledged[pid])
                   for name, pid in zip(names, promise_ids, strict=True)]
        for editor in editors:
            editor.start()
        deadline = time.monotonic() + 60
        while (sum(e.saves for e in editors) < SAVES_BEFORE_KILL
               and time.monotonic() < deadline and server.poll() is None):
            time.sleep(0.01)
        server.send_signal(signal.SIGKILL)
        server.wait()
        assert server.returncode == -signal.SIGKILL
        for editor in editors:
            editor.join(timeout=20)
            assert editor.error is None, editor.error
            acknowledged[editor.promise_id] = editor.acknowledged
        total += sum(e.saves for e in editors)
        check_store(url, acknowledged)
    assert total >= ROUNDS * SAVES_BEFORE_KILL
