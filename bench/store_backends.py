"""SQLite beside PostgreSQL (issue 20): the project's own steps on each backend, on the real
corpus and on the synthetic one of `bench.search_latency`.

    .venv/bin/python -m bench.store_backends [--size 100000] [--queries 200] [--alleen-echt]
        [--embedder use] [--steekproef 0] [--opslag sqlite,postgresql]

Per corpus and backend, in a process of its own (so the peak memory is that run's): import
the agreement and the decisions (`pipeline.agreement`, `pipeline.decisions_import`: the
real dump, or a JSONL dump of the synthetic corpus written beforehand), index them
(`pipeline.index`: lexical analysis, dossiers, decision vectors and promise queries),
`analyseer --alles` (`pipeline.assess`; with `--steekproef N` on the synthetic corpus only a
fixed sample of N promises), load the search engine and time the query sets of
`bench.search_latency` (p50/p95, hybrid with the embedder). Prints a table per corpus: step,
SQLite, PostgreSQL.

Vectors are not what is compared: before the runs, a warm-up store embeds the real decisions
and the promises' queries once into a vector cache (`embedding_cache`); the synthetic
decisions get random unit vectors in that cache. Indexing then reads them from the cache and
writes them into the store, as a second `indexeer` with a cache does. PostgreSQL is a
throwaway server in a temporary folder on loopback (tests/support/postgres_server.py), one
empty database per run; the server's own memory is not in the peak.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np
from bench.search_corpus import AGREEMENT, DECISIONS
from bench.search_latency import query_sets, time_queries
from bench.synthetic_corpus import (
    SEED,
    as_dump_record,
    random_unit_vectors,
    synthetic_fields,
    write_dump,
)

from beloftemeter import config
from beloftemeter.config import Settings
from beloftemeter.sources.decisions_dump import read_jsonl
from beloftemeter.store import Store, open_store

BACKENDS = ("sqlite", "postgresql")
BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def bench_settings(url: str, embedder: str, cache: str) -> Settings:
    return replace(config.load(None), store_url=url, embedder=embedder, embedding_cache=cache)


def peak_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that over an exec
    from the forked parent, whose own peak (the synthetic dump) would then be counted."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(results: dict[str, str], label: str, step) -> object:
    started = time.perf_counter()
    value = step()
    results[label] = f"{time.perf_counter() - started:.1f} s"
    print(f"  {label}: {results[label]}", file=sys.stderr, flush=True)  # progress, while it runs
    return value


def run_steps(url: str, dump: Path, args: argparse.Namespace) -> dict[str, str]:
    """Every step on one empty store; the figures as the table shows them."""
    from beloftemeter.pipeline.agreement import import_agreement
    from beloftemeter.pipeline.assess import run_assessment
    from beloftemeter.pipeline.decisions_import import import_decisions
    from beloftemeter.pipeline.index import index_decisions
    from beloftemeter.search.engine import SearchEngine

    settings = bench_settings(url, args.embedder, args.cache)
    results: dict[str, str] = {}
    with open_store(url) as store:
        timed(results, "akkoord inlezen", lambda: import_agreement(store, settings, str(AGREEMENT)))
        imported = timed(results, "beslissingen inlezen",
                         lambda: import_decisions(store, settings, dump))
        results["beslissingen"] = f"{imported.read:,}".replace(",", ".")
        timed(results, "indexeren (lexicaal, dossiers, vectoren)",
              lambda: index_decisions(store, settings))
        if args.steekproef:
            report = timed(results, f"analyseer: steekproef {args.steekproef} beloften",
                           lambda: _assess_sample(store, settings, args.steekproef))
        else:
            report = timed(results, "analyseer --alles",
                           lambda: run_assessment(store, settings).run)
        results["beloften beoordeeld"] = f"{report.promises:,}".replace(",", ".")
        results["piekgeheugen na analyseer"] = f"{peak_mb():.0f} MB"
        engine = timed(results, "zoekmachine laden",
                       lambda: SearchEngine(store, settings, sync=False))
        searches, box = query_sets(store, args.queries)
        for name, queries in searches:
            p50, p95 = time_queries(lambda q: engine.search(q, limit=50), queries)
            results[f"zoeken: {name} p50 / p95"] = f"{p50:.1f} / {p95:.1f} ms"
        for name, queries in box:
            p50, p95 = time_queries(lambda q: engine.find(q, limit=50), queries)
            results[f"{name} p50 / p95"] = f"{p50:.1f} / {p95:.1f} ms"
        results["piekgeheugen (proces)"] = f"{peak_mb():.0f} MB"
        results["omvang opslag"] = f"{_size_mb(store, url):.0f} MB"
    return results


def _assess_sample(store: Store, settings: Settings, count: int):
    """`analyseer` on a fixed sample of the promises, as run_assessment does for all."""
    from beloftemeter.analysis.assessor import assess_promises, promises_of
    from beloftemeter.analysis.evidence import EvidenceLinker
    from beloftemeter.search.engine import SearchEngine
    from beloftemeter.search.vectors import query_cache_for

    promises = promises_of(store)
    sample = sorted(random.Random(SEED).sample(range(len(promises)), min(count, len(promises))))
    engine = SearchEngine(store, settings,
                          query_cache=query_cache_for(store, settings.embedding_cache))
    return assess_promises(store, EvidenceLinker(store, engine), [promises[i] for i in sample])


def _size_mb(store: Store, url: str) -> float:
    if url.startswith("sqlite:///"):
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file, not its log
        return Path(url.removeprefix("sqlite:///")).stat().st_size / 1e6
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6


def warm_cache(folder: Path, args: argparse.Namespace) -> float:
    """Embed the real decisions and the promises' queries once into the vector cache."""
    from beloftemeter.pipeline.agreement import import_agreement
    from beloftemeter.pipeline.decisions_import import import_decisions
    from beloftemeter.pipeline.index import index_decisions

    started = time.perf_counter()
    settings = bench_settings(f"sqlite:///{folder / 'warm.db'}", args.embedder, args.cache)
    with open_store(settings.store_url) as store:
        import_agreement(store, settings, str(AGREEMENT))
        import_decisions(store, settings, DECISIONS)
        index_decisions(store, settings)
    return time.perf_counter() - started


def synthetic_dump(folder: Path, args: argparse.Namespace) -> Path:
    """The real decisions and `size` minus as many synthetic ones as a JSONL dump; random
    vectors in the cache for the synthetic ones."""
    from beloftemeter.search.embedders import build_embedders
    from beloftemeter.search.vectors import VectorCache, embedding_text, text_hash

    real = list(read_jsonl(DECISIONS))
    path = folder / "synthetic.jsonl"
    made = synthetic_fields(real, args.size - len(real), random.Random(SEED))
    write_dump(path, itertools.chain(_real_records(), (as_dump_record(f) for f in made)))
    hashes = sorted({text_hash(embedding_text(d.title, d.text)) for d in read_jsonl(path)})
    cache = VectorCache(args.cache)
    try:
        for embedder in build_embedders(bench_settings("", args.embedder, args.cache)):
            known = cache.get_many(embedder.name, hashes)  # the real decisions' own vectors
            missing = [h for h in hashes if h not in known]
            dim = embedder.embed_queries(["x"]).shape[1]
            vectors = random_unit_vectors(len(missing), dim, np.random.default_rng(SEED))
            cache.put_many(embedder.name, zip(missing, vectors, strict=True))
    finally:
        cache.close()
    return path


def _real_records() -> Iterator[dict]:
    with DECISIONS.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


@contextmanager
def postgres_server(wanted: bool) -> Iterator[object | None]:
    if not wanted:
        yield None
        return
    from tests.support.postgres_server import running_server, unavailable_reason

    reason = unavailable_reason()
    if reason:
        raise SystemExit(f"geen PostgreSQL: {reason}")
    with running_server() as server:
        print(f"PostgreSQL-server gestart in {server.startup_seconds:.1f} s (loopback)")
        yield server


def run_child(url: str, dump: Path, sample: int, args: argparse.Namespace) -> dict[str, str]:
    """One backend on one corpus in its own process: its own peak memory, no warm caches."""
    command = [sys.executable, "-m", "bench.store_backends", "--meting", url, "--dump", str(dump),
               "--cache", args.cache, "--embedder", args.embedder, "--queries", str(args.queries),
               "--steekproef", str(sample)]
    load = os.getloadavg()[0]
    print(f"{url.split('@')[-1]}:", file=sys.stderr, flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"meting faalde ({url.split('@')[-1]})")
    results = json.loads(done.stdout.strip().splitlines()[-1])
    results["belasting (1 min) begin / eind"] = f"{load:.1f} / {os.getloadavg()[0]:.1f}"
    return results


def format_table(title: str, columns: dict[str, dict[str, str]]) -> str:
    """A Markdown table: one row per step (in the order first seen), one column per backend."""
    steps: list[str] = []
    for figures in columns.values():
        steps += [s for s in figures if s not in steps]
    names = list(columns)
    lines = [f"\n== {title} ==", "| stap | " + " | ".join(names) + " |",
             "| --- |" + " --- |" * len(names)]
    for step in steps:
        cells = [columns[n].get(step, "–") for n in names]
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--alleen-echt", action="store_true")
    parser.add_argument("--embedder", default="use",
                        help="use (standaard: snel ingebed), e5,use of geen")
    parser.add_argument("--steekproef", type=int, default=0,
                        help="synthetisch corpus: analyseer alleen zoveel beloften (0: alle)")
    parser.add_argument("--opslag", default="sqlite,postgresql")
    parser.add_argument("--meting", help=argparse.SUPPRESS)  # one run, in a child process
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    parser.add_argument("--cache", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.meting:
        print(json.dumps(run_steps(args.meting, Path(args.dump), args)))
        return
    backends = [b for b in args.opslag.split(",") if b in BACKENDS]
    print(f"machine: {os.cpu_count()} cores, belasting {os.getloadavg()[0]:.1f};"
          f" embedder {args.embedder}; {args.queries} zoekvragen per soort")
    with tempfile.TemporaryDirectory(prefix="bench-opslag-") as tmp:
        folder = Path(tmp)
        args.cache = str(folder / "vectors.sqlite")
        print(f"vectorcache vullen (echte beslissingen en zoekvragen van de beloften):"
              f" {warm_cache(folder, args):.0f} s")
        corpora = [("echt corpus", DECISIONS, 0)]
        if not args.alleen_echt:
            started = time.perf_counter()
            corpora.append((f"synthetisch corpus ({args.size:,})".replace(",", "."),
                            synthetic_dump(folder, args), args.steekproef))
            print(f"synthetische dump en willekeurige vectoren: "
                  f"{time.perf_counter() - started:.0f} s")
        with postgres_server("postgresql" in backends) as server:
            for number, (title, dump, sample) in enumerate(corpora):
                columns = {}
                for backend in backends:
                    if backend == "sqlite":
                        url = f"sqlite:///{folder / f'run{number}.db'}"
                    else:
                        url = server.create_database(f"run{number}", template=None)
                    columns[BACKEND_NAMES[backend]] = run_child(url, dump, sample, args)
                print(format_table(title, columns), flush=True)


if __name__ == "__main__":
    main()
