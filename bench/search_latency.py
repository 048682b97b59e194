"""Search latency and index build cost, on the real corpus and on a synthetic 100,000-decision
corpus made from it (sentences shuffled between decisions, dates shifted).

    .venv/bin/python -m bench.search_latency [--size 100000] [--queries 200] [--embedder e5,use]

Prints, per corpus: time to load the decisions, to analyse them (lexical index in the store),
to build the in-memory index, peak memory, and p50/p95 query time for short user queries,
single promises and whole sections; lexical only and hybrid (BM25 + the embedders, including
the time to embed the query); then the search box's `find` (names first, the count of
decisions with all the words) for the same short queries and for typed names, with the one-off
cost of the name index. The synthetic corpus has random unit vectors: 100,000 real
embeddings would take hours (see `bench.search_embed` for decisions per second).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence

import numpy as np
from bench.search_corpus import CACHE, load_decisions
from bench.synthetic_corpus import SEED, as_decision, random_unit_vectors, synthetic_fields

from beloftemeter.config import Settings
from beloftemeter.models.search import Query
from beloftemeter.search.embedders import Embedder, build_embedder
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.lexical import sync_documents
from beloftemeter.search.queries import promise_query, section_query, text_query
from beloftemeter.search.vectors import VectorCache, embed_missing
from beloftemeter.store import Store, open_store
from beloftemeter.store.decisions import (
    count_decisions,
    decision_ids,
    iter_decisions,
    upsert_decisions,
)
from beloftemeter.store.vectors import save_decision_vectors

SHORT_QUERIES = [
    "inburgeringstraject", "traject inburgering", "sociale woningen renovatie",
    "kinderopvang plaatsen", "fietspaden onderhoud", "klimaatplan", "Brussel Vlaamse rand",
    "decreet basisonderwijs", "subsidie cultuur", "energiebesparing gebouwen", "havens",
    "armoede kinderen", "stikstof landbouw", "Oosterweel", "digitale overheid",
]

# Typed names (issue 17): the search box puts the decisions that contain them first.
NAME_QUERIES = [
    "M-decreet", "VMRI", "Vlaamse canon", '"canon van Vlaanderen"', "Vlaams Mensenrechteninstituut",
    "Oosterweel-verbinding", "NT2", "Agentschap Integratie en Inburgering",
]

PROMISES = [
    ("Inburgering", "We maken het inburgeringstraject verplicht en betalend voor nieuwkomers."),
    ("Wonen", "We renoveren het sociale woningpatrimonium energiezuinig tegen 2050."),
    ("Kinderopvang", "We creëren extra plaatsen in de kinderopvang voor baby's en peuters."),
    ("Mobiliteit", "We investeren in veilige fietspaden en fietssnelwegen."),
    ("Klimaat", "We voeren een Vlaams klimaatbeleid dat de uitstoot vermindert tegen 2030."),
    ("Onderwijs", "We versterken het Nederlands in het basisonderwijs met taaltoetsen."),
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(samples: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def synthesise(store: Store, size: int, rng: random.Random) -> float:
    """`size` decisions made of sentences of real ones, shuffled, with shifted dates."""
    source = list(iter_decisions(store))
    started = time.perf_counter()
    batch = []
    for number, fields in enumerate(synthetic_fields(source, size, rng)):
        batch.append(as_decision(fields))
        if len(batch) == 5000 or number == size - 1:
            upsert_decisions(store, batch)
            batch = []
    return time.perf_counter() - started


def random_vectors(store: Store, model: str, dim: int, rng: np.random.Generator) -> None:
    ids = decision_ids(store)
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        vectors = random_unit_vectors(len(chunk), dim, rng)
        save_decision_vectors(
            store, model, [(d, "synthetic", v) for d, v in zip(chunk, vectors, strict=True)]
        )


def section_queries(store: Store, count: int) -> list[Query]:
    """Real sections of the agreement when it is in the store, else made from decisions."""
    try:
        from beloftemeter.store import agreement

        nodes = [n for n in agreement.list_nodes(store) if n.kind == "section"][:count]
        queries = []
        for node in nodes:
            statements = agreement.statements_of(store, node.key, True)
            text = agreement.section_text(store, node.key, include_descendants=True)
            queries.append(section_query(node.title, text,
                                         [s.text for s in statements if s.is_promise],
                                         [s.text for s in statements if not s.is_promise]))
        if queries:
            return queries
    except Exception:
        pass
    first = itertools.islice(iter_decisions(store), count)
    return [section_query(d.title, d.text * 3) for d in first]


QuerySets = list[tuple[str, list[Query]]]


def query_sets(store: Store, count: int) -> tuple[QuerySets, QuerySets]:
    """The queries of this benchmark, named: for `search` (short user queries, single
    promises, whole sections) and for the search box's `find` (short queries, typed names)."""
    rng = random.Random(SEED)
    short = [text_query(rng.choice(SHORT_QUERIES)) for _ in range(count)]
    promises = [promise_query(p, t) for t, p in PROMISES] * max(1, count // 24)
    sections = section_queries(store, max(10, count // 10))
    named = [text_query(rng.choice(NAME_QUERIES)) for _ in range(count)]
    return ([("korte zoekvraag", short), ("één belofte", promises), ("hele sectie", sections)],
            [("zoekvak korte vraag", short), ("zoekvak met naam", named)])


def time_queries(run: Callable[[Query], object], queries: Sequence[Query]) -> tuple[float, float]:
    run(queries[0])  # warm up caches and lazy loads
    samples = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def measure(label: str, store: Store, embedders: list[Embedder], args: argparse.Namespace,
            extra: dict[str, str]) -> None:
    count = count_decisions(store)
    print(f"\n== {label}: {count:,} beslissingen ==")
    for key, value in extra.items():
        print(f"{key:<34} {value}")
    started = time.perf_counter()
    sync_documents(store)
    analyse = time.perf_counter() - started
    started = time.perf_counter()
    lexical = SearchEngine(store, Settings(embedder="geen"), sync=False)
    build = time.perf_counter() - started
    print(f"{'lexicale index: analyse (opslag)':<34} {analyse:.1f} s")
    print(f"{'lexicale index: opbouw in geheugen':<34} {build:.1f} s")
    print(f"{'piekgeheugen na lexicale index':<34} {peak_mb():.0f} MB")

    rows, box = query_sets(store, args.queries)
    short, sections = rows[0][1], rows[2][1]
    for name, queries in rows:
        p50, p95 = time_queries(lambda q: lexical.search(q, limit=50), queries)
        print(f"{'lexicaal ' + name:<34} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    started = time.perf_counter()
    lexical.surface  # noqa: B018 (built on the first query with a name)
    print(f"{'naamindex: opbouw (eerste naam)':<34} {time.perf_counter() - started:.2f} s")
    print(f"{'piekgeheugen na naamindex':<34} {peak_mb():.0f} MB")
    for name, queries in box:
        p50, p95 = time_queries(lambda q: lexical.find(q, limit=50), queries)
        print(f"{'lexicaal ' + name:<34} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    _measure_promises(store, short + box[1][1])
    if not embedders:
        return
    started = time.perf_counter()
    hybrid = SearchEngine(store, Settings(embedder="geen"), embedders=embedders, sync=False)
    print(f"{'hybride index laden':<34} {time.perf_counter() - started:.1f} s"
          f"  (vectoren: {hybrid.status().vectors})")
    print(f"{'piekgeheugen na hybride index':<34} {peak_mb():.0f} MB")
    for name, queries in rows[:2]:
        p50, p95 = time_queries(lambda q: hybrid.search(q, limit=50), queries)
        print(f"{'hybride ' + name:<34} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    for name, queries in box:
        p50, p95 = time_queries(lambda q: hybrid.find(q, limit=50), queries)
        print(f"{'hybride ' + name:<34} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    p50, p95 = time_queries(lambda q: hybrid.search(q, limit=50), sections[:10])
    print(f"{'hybride hele sectie (≤24 vragen)':<34} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")


def _measure_promises(store: Store, queries: Sequence[Query]) -> None:
    """`zoek --soort belofte`: the promise index built in memory, and typed queries on it."""
    from beloftemeter.errors import NotFoundError
    from beloftemeter.search.promises import PromiseSearch

    started = time.perf_counter()
    try:
        promises = PromiseSearch(store)
    except NotFoundError:
        return
    print(f"{'beloften: index opbouw':<34} {time.perf_counter() - started:.2f} s"
          f"  ({len(promises)} beloften)")
    p50, p95 = time_queries(lambda q: promises.find(q, limit=50), queries)
    print(f"{'beloften zoeken (vraag of naam)':<34} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--embedder", default="e5,use", help="e5, use, e5,use of geen")
    args = parser.parse_args()
    kinds = [k for k in args.embedder.split(",") if k and k != "geen"]
    embedders = [build_embedder(kind, Settings()) for kind in kinds]
    print(f"machine: {os.cpu_count()} cores; embedders:"
          f" {', '.join(e.name for e in embedders) or 'geen'}")
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(f"sqlite:///{os.path.join(tmp, 'real.db')}") as store:
            started = time.perf_counter()
            load_decisions(store)
            loaded = time.perf_counter() - started
            _load_agreement(store)
            extra = {"beslissingen inlezen": f"{loaded:.1f} s"}
            cache = VectorCache(CACHE)
            for embedder in embedders:
                report = embed_missing(store, embedder, cache=cache)
                extra[f"vectoren {embedder.name}"] = (
                    f"{report.from_cache} uit cache, {report.embedded} nieuw ingebed in"
                    f" {report.seconds:.0f} s")
            cache.close()
            measure("echt corpus", store, embedders, args, extra)

        with open_store(f"sqlite:///{os.path.join(tmp, 'synthetic.db')}") as store:
            real = load_decisions(store)
            _load_agreement(store)
            made = synthesise(store, args.size - real, random.Random(SEED))
            extra = {"synthetische beslissingen maken": f"{made:.1f} s"}
            for embedder in embedders:
                dim = embedder.embed_queries(["x"]).shape[1]
                random_vectors(store, embedder.name, dim, np.random.default_rng(SEED))
                extra[f"vectoren {embedder.name}"] = f"willekeurig, {dim} dimensies"
            measure("synthetisch corpus", store, embedders, args, extra)


def _load_agreement(store: Store) -> None:
    """The real agreement into the store for section queries, when its importer exists."""
    from bench.search_corpus import AGREEMENT, load_agreement

    if AGREEMENT.is_file():
        load_agreement(store, AGREEMENT)


if __name__ == "__main__":
    main()
