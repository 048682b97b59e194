"""A throwaway PostgreSQL server for the tests (Debian's binaries; `make postgres` installs
them): started once per test session with initdb and pg_ctl in a temporary folder (in memory
when /dev/shm has room), listening on a free loopback port (and a unix socket in that folder),
stopped and removed at the end, also when the session fails. Each test gets its own database,
copied from a migrated template (~0.1 s).

As root, initdb refuses to run: the server then runs as the `postgres` system user.
Without the binaries the PostgreSQL tests skip and say why.
"""

from __future__ import annotations

import itertools
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from beloftemeter.store import Store, open_store

USER = "beloftemeter"
TEMPLATE = "beloftemeter_template"
# Durability is worthless for a server that lives one test session: no fsync, no full pages.
# wal_level=minimal made copying the template slower, not faster (0.10 against 0.08 s).
SERVER_OPTIONS = ("-F -c full_page_writes=off -c synchronous_commit=off -c max_connections=40"
                  " -c shared_buffers=32MB")
_names = itertools.count(1)


def server_binaries() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin that has initdb and pg_ctl."""
    found = []
    for folder in Path("/usr/lib/postgresql").glob("*/bin"):
        version = folder.parent.name
        if version.isdigit() and (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            found.append((int(version), folder))
    return max(found)[1] if found else None


def unavailable_reason() -> str | None:
    """Why no server can be started here, or None."""
    if server_binaries() is None:
        return ("PostgreSQL ontbreekt (geen /usr/lib/postgresql/*/bin/initdb); `make postgres`"
                " installeert het als root")
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "als root kan initdb alleen als gebruiker postgres draaien, en die ontbreekt"
    return None


class PostgresServer:
    """A running server: URLs of its databases, and databases made and dropped."""

    def __init__(self, folder: Path, port: int, password: str) -> None:
        self.folder = folder
        self.port = port
        self.password = password
        self.startup_seconds = 0.0

    def url(self, database: str, password: str | None = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql://{USER}:{secret}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(sql)

    def create_database(self, name: str, template: str | None = TEMPLATE) -> str:
        """A new database `name` (a copy of the migrated template by default); its URL."""
        copy = f" TEMPLATE {template}" if template else ""
        self.admin(f"CREATE DATABASE {name}{copy}")
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _as_server_user(command: list[str]) -> list[str]:
    """`command` as the postgres user when we are root (initdb and postgres refuse root)."""
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *command]
    return ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(command)]


def _run(command: list[str], log: Path | None = None) -> None:
    result = subprocess.run(_as_server_user(command), capture_output=True, text=True,
                            timeout=120, env={**os.environ, "LC_ALL": "C"})
    if result.returncode:
        tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
        raise RuntimeError(f"{shlex.join(command)} faalde ({result.returncode}):"
                           f" {result.stderr.strip()}\n{tail}")


def _memory_folder() -> str | None:
    """/dev/shm when it is there with room to spare: in memory a database copy takes ~0.1 s
    instead of 0.3-0.7 s on a busy disk (measured on a 2-core machine under load)."""
    shm = Path("/dev/shm")
    try:
        room = shutil.disk_usage(shm).free
    except OSError:
        return None
    return str(shm) if room > 1 << 30 and os.access(shm, os.W_OK) else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server() -> Iterator[PostgresServer]:
    """A new server in a temporary folder for the length of the block."""
    binaries = server_binaries()
    assert binaries is not None
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="beloftemeter-pg-", dir=_memory_folder()))
    data, log, password = folder / "data", folder / "server.log", secrets.token_hex(12)
    try:
        (folder / "password").write_text(password)
        if os.geteuid() == 0:
            for path in (folder, folder / "password"):
                shutil.chown(path, "postgres", "postgres")
        # Collation C: text sorts by code point, as in SQLite.
        _run([str(binaries / "initdb"), "-D", str(data), "-U", USER, "-E", "UTF8",
              "--no-locale", f"--pwfile={folder / 'password'}", "--auth-local=trust",
              "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"])
        for attempt in range(3):  # another process may take the free port meanwhile
            port = _free_port()
            try:
                _run([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                      "-t", "60", "-s", "-o",
                      f"-k {folder} -p {port} -h 127.0.0.1 {SERVER_OPTIONS}", "start"], log)
                break
            except RuntimeError:
                if attempt == 2 or "already in use" not in log.read_text(errors="replace"):
                    raise
        server = PostgresServer(folder, port, password)
        try:
            server.create_database(TEMPLATE, template=None)
            open_store(server.url(TEMPLATE)).close()
            server.startup_seconds = time.perf_counter() - started
            yield server
        finally:
            _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-s", "stop"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _database_name(request: pytest.FixtureRequest) -> str:
    """A readable, unique database name for the test (PostgreSQL allows 63 characters)."""
    words = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower()).strip("_")
    return f"t{next(_names)}_{words}"[:63]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with running_server() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a fresh, migrated database of its own, dropped after the test."""
    name = _database_name(request)
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh migrated store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        open_store(url).close()
        return url
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def backend_store(backend_url: str) -> Iterator[Store]:
    """The store at `backend_url`, open for the test."""
    with open_store(backend_url) as store:
        yield store
