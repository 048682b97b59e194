"""Load on the running web app over loopback: section pages and searches (or the promise
list with random filter combinations) at 20 concurrent clients for 30 seconds.

    .venv/bin/python -m bench.web_load --opslag sqlite:////tmp/x/x.db [--clients 20]
        [--seconds 30] [--zonder-opwarmen] [--soort secties|beloften] [--workers N]
        [--postgres] [--matrix]

Starts `beloftemeter serve` in its own process, warms it (each section page and each query
once, unless --zonder-opwarmen), then lets the clients each request, in a loop, a random
section page or a random search; with `--soort beloften`, the list /beloften with one to
three filters drawn at random from its own facets (status, part, chapter, minister, domain,
evidence, stage, year), sometimes a word to search and another sort or page. Prints per kind:
requests, p50, p95, max and errors.

With `--postgres` the app serves a copy of the (SQLite) store in a throwaway PostgreSQL
server on loopback (tests/support/postgres_server.py; the store is first copied to a
temporary file and migrated there, so the given one is never changed). With `--matrix` it
runs every cell of 1 and 4 workers × 20 and 100 clients (`--workers-reeks`, `--clients-reeks`)
and prints requests per second, p50 and p95 over all requests per cell, with the load.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

QUERIES = [
    "inburgering", "kilometerheffing", "NT2", "kinderopvang", "woonbonus", "Vlaamse toetsen",
    "jobbonus", "dienstencheques", "Syntra", "Vlaamse parken", "klimaatfonds", "renovatie",
    "luchthavens", "De Lijn", "basisbereikbaarheid", "sociale huur", "onroerend erfgoed",
    "VRT beheersovereenkomst", "gemeentefusies", "Unia", "mensenrechteninstituut",
    "leerplicht", "lerarentekort", "zorgbudget", "persoonsvolgende financiering", "VDAB",
    "stikstof", "Oosterweel", "natuurbeheer", "cultuurerfgoed",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Facet names of /api/beloften → the list's URL parameters.
FACET_PARAMS = {"status": "status", "part": "deel", "chapter": "hoofdstuk",
                "minister": "minister", "domain": "domein", "has_evidence": "bewijs",
                "latest_stage": "fase", "latest_year": "jaar"}
WORDS = ["onderwijs", "klimaat", "zorg", "inburgering", "wonen", "mobiliteit", "cultuur"]


def _promise_filters(rng: random.Random, facets: dict) -> dict[str, str]:
    """One to three filters with values the list offers, now and then a word, sort or page."""
    names = [n for n in FACET_PARAMS if facets.get(n)]
    params: dict[str, str] = {}
    for name in rng.sample(names, k=min(len(names), rng.randint(1, 3))):
        value = rng.choice(facets[name])["value"]
        if name == "has_evidence":  # the facet says true/false, the URL ja/nee
            value = "ja" if str(value).lower() in ("true", "ja") else "nee"
        params[FACET_PARAMS[name]] = str(value)
    if rng.random() < 0.3:
        params["q"] = rng.choice(WORDS)
    if rng.random() < 0.3:
        params["sortering"] = rng.choice(["akkoord", "recent", "status"])
    if rng.random() < 0.2:
        params["pagina"] = "2"
    return params


@contextmanager
def serving(store_url: str, workers: int) -> Iterator[str]:
    """`beloftemeter serve` on a free loopback port, in its own process; its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", "from beloftemeter.cli import main; main()",
         "--opslag", store_url, "serve", "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))
    try:
        started = time.perf_counter()
        with httpx.Client(timeout=30) as client:
            while True:
                try:
                    client.get(base + "/gezondheid")
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.perf_counter() - started > 180:
                        raise SystemExit("de webapp startte niet: "
                                         + server.stderr.read().decode()[-500:]) from None
                    time.sleep(0.2)
            # The pages of the default agreement (the most recent government), under its own
            # address: the old addresses answer a redirect, which is not what is measured.
            listed = client.get(base + "/api/akkoorden").json()
        if not listed:
            raise SystemExit("de opslag heeft geen regeerakkoord")
        print(f"opgestart in {time.perf_counter() - started:.1f} s ({workers} werkprocessen),"
              f" akkoord {listed[0]['slug']}")
        yield base + listed[0]["url"].rstrip("/")
    finally:
        server.terminate()
        server.wait(timeout=30)


def prepare(base: str, soort: str, warm: bool, workers: int = 1) -> tuple[list[str], dict]:
    """The section keys and the list's facets; when `warm`, every page and query once per
    worker (a new connection each time, so that each worker gets its share)."""
    with httpx.Client(timeout=30) as client:
        keys = [n["key"] for n in client.get(base + "/api/secties").json()]
        facets = client.get(base + "/api/beloften").json()["facets"] if soort == "beloften" else {}
    if not warm:
        return keys, facets
    for _ in range(workers):
        if soort == "beloften":
            httpx.get(base + "/beloften", timeout=30)
            continue
        for key in keys:
            httpx.get(f"{base}/secties/{key}", timeout=30)
        for query in QUERIES:
            httpx.get(f"{base}/zoek", params={"q": query}, timeout=30)
    return keys, facets


@dataclass
class Load:
    """What the clients saw: seconds per request and errors, per kind of request."""

    clients: int
    seconds: float
    timings: dict[str, list[float]]
    errors: dict[str, int]
    load_before: float = 0.0
    load_after: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def all_timings(self) -> list[float]:
        return sorted(t for values in self.timings.values() for t in values)


def percentile(ordered: list[float], share: float) -> float:
    return ordered[int(share * (len(ordered) - 1))] if ordered else float("nan")


def run_load(base: str, keys: list[str], facets: dict, soort: str, clients: int,
             seconds: float) -> Load:
    """`clients` threads, each requesting in a loop for `seconds`."""
    kinds = ["beloften"] if soort == "beloften" else ["sectiepagina", "zoeken"]
    load = Load(clients, seconds, {kind: [] for kind in kinds}, dict.fromkeys(kinds, 0))
    stop = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(timeout=30) as client:
            while time.perf_counter() < stop:
                if soort == "beloften":
                    kind, request = "beloften", (f"{base}/beloften",
                                                 _promise_filters(rng, facets))
                elif rng.random() < 0.5:
                    kind, request = "sectiepagina", (f"{base}/secties/{rng.choice(keys)}", {})
                else:
                    kind, request = "zoeken", (f"{base}/zoek", {"q": rng.choice(QUERIES)})
                begin = time.perf_counter()
                try:
                    ok = client.get(request[0], params=request[1]).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - begin
                with load.lock:
                    load.timings[kind].append(elapsed)
                    load.errors[kind] += not ok

    load.load_before = os.getloadavg()[0]
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    load.load_after = os.getloadavg()[0]
    return load


def show(load: Load) -> None:
    for kind, values in load.timings.items():
        values.sort()
        print(f"{kind}: {len(values)} verzoeken, p50 {statistics.median(values) * 1000:.0f}"
              f" ms, p95 {percentile(values, 0.95) * 1000:.0f} ms, max {values[-1] * 1000:.0f}"
              f" ms, fouten {load.errors[kind]} ({load.clients} clients, {load.seconds:.0f} s)")
    # The machine is shared: the load beside the figures says how far to trust them.
    print(f"belasting (1 min) bij de start {load.load_before:.1f}, aan het eind"
          f" {load.load_after:.1f}")


def matrix_row(workers: int, load: Load) -> str:
    """One cell of the matrix as a Markdown table row."""
    values = load.all_timings()
    return (f"| {workers} | {load.clients} | {len(values) / load.seconds:.0f} |"
            f" {statistics.median(values) * 1000:.0f} ms | {percentile(values, 0.95) * 1000:.0f}"
            f" ms | {sum(load.errors.values())} | {load.load_before:.1f} / {load.load_after:.1f} |")


MATRIX_HEADER = ("| werkprocessen | clients | verzoeken/s | p50 | p95 | fouten |"
                 " belasting begin / eind |\n| --- | --- | --- | --- | --- | --- | --- |")


@contextmanager
def postgres_copy(store_url: str) -> Iterator[str]:
    """A copy of the SQLite store at `store_url` in a throwaway PostgreSQL server; its URL."""
    import sqlite3

    from bench.store_copy import throwaway_database

    from beloftemeter.pipeline.store_copy import copy_store
    from beloftemeter.store import open_store
    from beloftemeter.store.database import sqlite_path

    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        copy = Path(folder) / "bron.db"
        # SQLite's backup: a consistent copy even of a store in use; migrated, never the source
        with closing(sqlite3.connect(sqlite_path(store_url))) as source, \
                closing(sqlite3.connect(copy)) as target:
            source.backup(target)
        open_store(f"sqlite:///{copy}").close()
        with throwaway_database() as url:
            result = copy_store(f"sqlite:///{copy}", url)
            print(f"opslag gekopieerd naar PostgreSQL: {result.rows} rijen in"
                  f" {result.seconds:.1f} s")
            yield url


def _numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--zonder-opwarmen", action="store_true")
    parser.add_argument("--soort", choices=("secties", "beloften"), default="secties")
    parser.add_argument("--workers", type=int, default=1,
                        help="werkprocessen van serve (serve --workers N)")
    parser.add_argument("--postgres", action="store_true",
                        help="een kopie van de (SQLite-)opslag in een wegwerpserver PostgreSQL")
    parser.add_argument("--matrix", action="store_true",
                        help="elke combinatie van --workers-reeks en --clients-reeks")
    parser.add_argument("--workers-reeks", default="1,4")
    parser.add_argument("--clients-reeks", default="20,100")
    args = parser.parse_args()
    with postgres_copy(args.opslag) if args.postgres else _given(args.opslag) as store_url:
        if not args.matrix:
            with serving(store_url, args.workers) as base:
                keys, facets = prepare(base, args.soort, not args.zonder_opwarmen, args.workers)
                show(run_load(base, keys, facets, args.soort, args.clients, args.seconds))
            return
        rows = []
        for workers in _numbers(args.workers_reeks):
            with serving(store_url, workers) as base:
                keys, facets = prepare(base, args.soort, not args.zonder_opwarmen, workers)
                for clients in _numbers(args.clients_reeks):
                    load = run_load(base, keys, facets, args.soort, clients, args.seconds)
                    show(load)
                    rows.append(matrix_row(workers, load))
        print(f"\n{os.cpu_count()} cores, gedeeld met de clients van de meting;"
              f" {args.soort}, {args.seconds:.0f} s per cel")
        print(MATRIX_HEADER)
        print("\n".join(rows))


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


if __name__ == "__main__":
    main()
