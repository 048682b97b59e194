"""Several processes on one PostgreSQL store, for real: two `beslissingen sync` runs started at
once against the local fault-injecting decisions API while `serve --workers 2` answers, and a
`bouw` started while another runs.

- The syncs: one takes the store's sync lock, the other is refused with one Dutch line and
  exit code 6, having fetched and written nothing; the first is held at its first write (the
  test holds a lock on the decisions table) until the second has been refused, so the two
  really overlap on a loaded machine. Injected faults make the first run fail part-way; runs
  are started again until one ends well, each resuming where the last stopped. Then every
  decision of the source (the real dump, the year 2021: 774 decisions) is in the store
  exactly once with the content the source served, and the web app, polled all along (its
  pages, a stored decision's page, /gezondheid), never answered anything but 200.
- `bouw`: the second run is refused with one Dutch line while the first holds the lock,
  changes no table, and the first ends well.

Run: PYTHONPATH=src .venv/bin/pytest -q tests/integration/test_postgres_concurrency.py
(about 30-40 s; skips, saying why, without PostgreSQL's binaries or the shared data).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import psycopg
import pytest

from beloftemeter.pipeline.sync_windows import CURSOR_KEY, WATERMARK_KEY
from beloftemeter.sources.decisions_resource import decision_from_resource
from beloftemeter.store import open_store
from beloftemeter.store.copy import table_figures
from beloftemeter.store.copy_tables import schema_tables
from beloftemeter.store.state import get_state
from support.decisions_server import DecisionsServer, load_records
from support.small_data import write_small_data

pytestmark = [pytest.mark.postgres, pytest.mark.integration]

FIRST, LAST = "2021-01-01", "2021-12-31"  # 774 decisions in 12 monthly windows
START_WAIT = 90.0  # seconds for `serve --workers 2` to import the app on a loaded machine
RUN_WAIT = 120.0  # seconds for one run of a command
MAX_RUNS = 4  # sync runs until one ends well (the faults below need two)
# Per request to the API, in arrival order: answers a retry gets past, then a failure the
# run does not get past (with one retry: two 500s in a row), then more after the resume.
FAULTS = {1: "503", 4: "afgekapt", 7: "500", 8: "500", 11: "verbroken", 14: "kort"}
BUSY_SYNC = "fout: Er loopt al een andere synchronisatie op deze opslag ("
BUSY_BOUW = "fout: Er loopt al een andere bouw op deze opslag ("
REFUSED_END = "; probeer het opnieuw als die klaar is. Er is niets veranderd."


def _command(url: str, *args: str) -> list[str]:
    return [sys.executable, "-c", "from beloftemeter.cli import main; main()", "--opslag", url,
            *args]


def _start(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=RUN_WAIT)
    return process.returncode, out, err


def _figures(url: str) -> dict[str, tuple[int, str]]:
    """Rows and checksum of every table of the store."""
    with open_store(url) as store:
        return {t.name: (f.rows, f.checksum)
                for t in schema_tables() for f in [table_figures(store, t)]}


@contextmanager
def _writes_held(url: str, table: str) -> Iterator[psycopg.Connection]:
    """`table` readable but not writable until the block ends (or `.rollback()`): a writer
    waits at its first write to it, holding whatever it holds."""
    with psycopg.connect(url) as connection:
        connection.execute(f"LOCK TABLE {table} IN SHARE MODE")
        yield connection
        connection.rollback()


def _waiting_on_a_lock(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = 'beloftemeter' AND wait_event_type = 'Lock'").fetchone()[0]


def _until(check, what: str, timeout: float = RUN_WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout} s")
        time.sleep(0.05)


# --- the web app, served and polled ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _served(url: str, cwd: Path) -> Iterator[str]:
    """`beloftemeter serve --workers 2` on a loopback port; its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        _command(url, "serve", "--workers", "2", "--host", "127.0.0.1", "--port", str(port)),
        cwd=cwd, env={**os.environ, "BELOFTEMETER_EMBEDDER": "geen"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True)  # its own group: the workers end with it, also on a failure
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_WAIT
        while True:
            if server.poll() is not None:
                pytest.fail(f"serve stopped: {server.stderr.read() if server.stderr else ''}")
            try:
                if httpx.get(f"{base}/gezondheid", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("serve --workers 2 did not answer in time")
            time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


@dataclass
class Poller:
    """Asks the app for its pages, /gezondheid and a stored decision's page, one after the
    other, until stopped; keeps every answer's status (or the transport error)."""

    base: str
    store_url: str
    answers: list[tuple[str, int | str]] = field(default_factory=list)
    decision_pages: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    PAGES = ("/gezondheid", "/", "/zoek?q=onderwijs", "/api/zoek?q=onderwijs", "/methode")

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client, psycopg.connect(
                self.store_url, autocommit=True) as store:
            while not self._stop.is_set():
                paths = list(self.PAGES)
                row = store.execute("SELECT id FROM decisions ORDER BY random() LIMIT 1"
                                    ).fetchone()
                if row:  # committed, so every worker must show it
                    paths.append("/beslissingen/" + quote(row[0], safe=""))
                    self.decision_pages += 1
                for path in paths:
                    try:
                        self.answers.append((path, client.get(path).status_code))
                    except httpx.TransportError as exc:
                        self.answers.append((path, type(exc).__name__))
                time.sleep(0.05)

    @contextmanager
    def polling(self) -> Iterator[Poller]:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join(timeout=60)

    def not_ok(self) -> list[tuple[str, int | str]]:
        return [answer for answer in self.answers if answer[1] != 200]


# --- the syncs ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def records(shared_data: Path) -> list[dict]:
    dump = shared_data / "decisions-vr-2019-2024.jsonl"
    if not dump.is_file():
        pytest.skip(f"echte data ontbreekt: {dump} bestaat niet")
    return [r for r in load_records(dump) if FIRST <= r["meeting_date"] <= LAST]


def _sync_env(server: DecisionsServer) -> dict[str, str]:
    return {"BELOFTEMETER_DECISIONS_API_URL": server.url, "BELOFTEMETER_EMBEDDER": "geen",
            "BELOFTEMETER_REQUESTS_PER_SECOND": "1000", "BELOFTEMETER_HTTP_TIMEOUT": "5",
            "BELOFTEMETER_HTTP_RETRIES": "1"}


def _sync(url: str) -> list[str]:
    # Not --json: a run that resumes says so on stderr.
    return _command(url, "beslissingen", "sync", "--van", FIRST, "--tot", LAST)


def _stored(url: str) -> list[tuple[str, str]]:
    with open_store(url) as store:
        return [(r[0], r[1]) for r in store.execute("SELECT id, content_hash FROM decisions")]


def test_two_syncs_and_the_web_app_end_with_every_decision_once(records, postgres_url,
                                                                tmp_path) -> None:
    first_api = DecisionsServer(records, faults=FAULTS, delay=0.05).start()
    second_api = DecisionsServer(records, faults=FAULTS, delay=0.05).start()
    try:
        expected = {r["id"]: decision_from_resource(r).content_hash
                    for r in first_api.state.resources}
        with _served(postgres_url, tmp_path) as base, Poller(base, postgres_url).polling() as poll:
            before = _figures(postgres_url)
            with _writes_held(postgres_url, "decisions"):
                runs = [_start(_sync(postgres_url), _sync_env(api), tmp_path)
                        for api in (first_api, second_api)]
                _until(lambda: any(run.poll() is not None for run in runs), "a sync ended")
                [refused] = [i for i, run in enumerate(runs) if run.poll() is not None]
                code, out, err = _finish(runs[refused])
                held_figures = _figures(postgres_url)
                still_running = runs[1 - refused].poll() is None
            assert still_running, "both syncs ended: they did not overlap"
            assert code == 9 and out == "", err
            [line] = err.splitlines()
            assert line.startswith(BUSY_SYNC) and line.endswith(REFUSED_END), line
            assert held_figures == before  # the refused run wrote nothing
            api = (first_api, second_api)[1 - refused]
            assert len((first_api, second_api)[refused].requests) == 0  # nor fetched a page

            outcomes = [_finish(runs[1 - refused])]
            while outcomes[-1][0] != 0 and len(outcomes) < MAX_RUNS:
                outcomes.append(_finish(_start(_sync(postgres_url), _sync_env(api), tmp_path)))
            time.sleep(1.5)  # the poller sees the end state too
        assert poll.not_ok() == [], poll.not_ok()[:10]
        assert poll.decision_pages > 0 and len(poll.answers) > 20
    finally:
        first_api.stop()
        second_api.stop()

    codes = [code for code, _, _ in outcomes]
    assert codes[0] == 4 and codes[-1] == 0, outcomes  # the injected failure, then the end
    for _, _, err in outcomes[1:]:  # each run after a failure went on where it stopped
        assert err.startswith(f"vorige sync van {FIRST} tot {LAST} wordt hervat"), err
    assert outcomes[-1][1].startswith(f"sync {FIRST} tot {LAST}: "), outcomes[-1][1]

    rows = _stored(postgres_url)
    ids = [decision_id.upper() for decision_id, _ in rows]
    assert len(rows) == len(expected) == len(set(ids))  # every decision once, none twice
    assert dict(rows) == expected  # the same ids, each with the content that was served
    with open_store(postgres_url) as store:
        assert get_state(store, CURSOR_KEY) is None
        assert get_state(store, WATERMARK_KEY) == LAST


# --- bouw ------------------------------------------------------------------------------------


def _holds_run_lock(url: str, name: str) -> bool:
    """Whether some session holds beloftemeter's run lock `name` (store.postgres_store)."""
    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND classid = %s::bigint::oid AND objid = %s::bigint::oid AND objsubid = 2",
            (zlib.crc32(b"beloftemeter"), zlib.crc32(name.encode()))).fetchone()[0] == 1


def test_a_bouw_started_while_another_runs_is_refused_in_one_dutch_line(postgres_url,
                                                                        tmp_path) -> None:
    data = write_small_data(tmp_path / "data")
    bouw = _command(postgres_url, "bouw", "--data", str(data))
    env = {"BELOFTEMETER_EMBEDDER": "geen"}
    with _writes_held(postgres_url, "decisions"):
        first = _start(bouw, env, tmp_path)
        # Held at its second step (the decisions), with the agreement written and the lock held.
        _until(lambda: _holds_run_lock(postgres_url, "bouw")
               and _waiting_on_a_lock(postgres_url) == 1, "the first bouw waits at step 2")
        before = _figures(postgres_url)
        code, out, err = _finish(_start(bouw, env, tmp_path))
        after = _figures(postgres_url)
        assert first.poll() is None, "the first bouw ended before the second was refused"
    assert code == 9 and out == "", err
    [line] = err.splitlines()
    assert line.startswith(BUSY_BOUW) and line.endswith(REFUSED_END), line
    assert postgres_url.split("@")[0].split(":")[-1] not in line  # never the password
    assert after == before

    code, out, err = _finish(first)
    assert code == 0, err
    assert "Klaar." in out
    again = _finish(_start(bouw, env, tmp_path))  # the store is whole: nothing left to do
    assert again[0] == 0, again[2]
    assert "0 nieuw, 0 gewijzigd" in again[1]
    with open_store(postgres_url) as store:
        assert store.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 85
