"""Speed of the promise list (issue 18): a filtered page with its facets, on a real store and
on 100,000 synthetic promises.

    .venv/bin/python -m bench.promise_list [--opslag sqlite:////tmp/p1/beloftemeter.db]
        [--size 100000] [--combinations 200] [--zaad 18]

Per store: p50/p95/max of `pipeline.promises.list_promises` over random filter combinations
(status, part, chapter, minister, has evidence, stage and year of the latest evidence, sort,
page; a third of them with words to search), "cold" (the per-store cache emptied before every
call, as in a fresh process: the names are read again and the list's snapshot is read from
the store; the promise search index, built once per data version, is kept and measured once
apart, as is building the snapshot) and "warm" (what a running web app sees between data
changes, for a combination it has not answered yet: its last answers are kept as well). The
synthetic store is written with a fixed seed through the store's own functions
(save_agreement, upsert_decisions, save_assessments, save_document) into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from beloftemeter.models.agreement import Agreement, Node, Statement
from beloftemeter.models.assessment import EVIDENCE, STATUSES, Assessment, EvidenceDecision
from beloftemeter.models.decisions import Decision, compute_content_hash
from beloftemeter.models.labels import STAGE_NAMES
from beloftemeter.models.policy import Action, PolicyDocument, PromiseLink
from beloftemeter.models.promises import SORTS, PromiseFilters
from beloftemeter.pipeline import promise_cache, promise_snapshot
from beloftemeter.pipeline.promises import list_promises
from beloftemeter.store import Store, open_store
from beloftemeter.store import promise_list as list_store
from beloftemeter.store.agreement import save_agreement
from beloftemeter.store.assessment import save_assessments
from beloftemeter.store.decisions import upsert_decisions
from beloftemeter.store.policy import save_document

WORDS = ("kinderopvang", "inburgering", "fietspaden", "woningen", "klimaat", "onderwijs",
         "leraren", "armoede", "subsidie", "decreet", "haven", "energie", "cultuur", "zorg",
         "jeugd", "sport", "landbouw", "natuur", "water", "digitaal")
MINISTERS = ("Jan Jambon", "Hilde Crevits", "Ben Weyts", "Bart Somers", "Wouter Beke",
             "Zuhal Demir", "Lydia Peeters", "Matthias Diependaele", "Benjamin Dalle")


def random_filters(rng: random.Random, facets: dict[str, list[str]]) -> PromiseFilters:
    """Each filter set with probability 0.3 (words 1 in 3), a value its facet offers."""
    def pick(name: str) -> str | None:
        values = facets.get(name) or []
        return rng.choice(values) if values and rng.random() < 0.3 else None

    evidence = pick("has_evidence")
    year = pick("latest_year")
    return PromiseFilters(
        status=pick("status"), part=pick("part"), chapter=pick("chapter"),
        minister=pick("minister"), has_evidence=None if evidence is None else evidence == "true",
        latest_stage=pick("latest_stage"), latest_year=None if year is None else int(year),
        text=" ".join(rng.sample(WORDS, rng.choice((1, 2)))) if rng.random() < 1 / 3 else None,
        sort=rng.choice(SORTS), page=rng.choice((1, 1, 1, 2, 5)), per_page=50)


def measure(store: Store, combinations: int, seed: int) -> dict[str, list[float]]:
    rng = random.Random(seed)
    start = time.perf_counter()
    promise_snapshot.encode(promise_snapshot.build(list_store.facet_rows(store)))
    print(f"  momentopname van de lijst bouwen (eenmalig per gegevensversie):"
          f" {time.perf_counter() - start:.2f} s")
    first = list_promises(store, PromiseFilters())
    facets = {f.name: [v.value for v in f.values] for f in first.facets}
    promise_cache._cache.clear()
    start = time.perf_counter()
    list_promises(store, PromiseFilters(text=WORDS[0]))
    print(f"  zoekindex over de beloften bouwen (eenmalig): {time.perf_counter() - start:.2f} s")
    search = promise_cache.cached(store)["search"]
    times: dict[str, list[float]] = {"koud": [], "koud, met woorden": [], "warm": [],
                                     "warm, met woorden": []}
    for _ in range(combinations):
        filters = random_filters(rng, facets)
        promise_cache._cache.clear()
        promise_cache.cached(store)["search"] = search  # built once per data version
        start = time.perf_counter()
        list_promises(store, filters)
        times["koud, met woorden" if filters.text else "koud"].append(
            time.perf_counter() - start)
        promise_cache.cached(store).pop("lists", None)  # the work, not a kept answer
        start = time.perf_counter()
        list_promises(store, filters)
        key = "warm, met woorden" if filters.text else "warm"
        times[key].append(time.perf_counter() - start)
    return times


def report(label: str, times: dict[str, list[float]]) -> None:
    print(f"{label} (belasting van de machine, 1 min: {os.getloadavg()[0]:.1f})")
    for name, values in times.items():
        if not values:
            continue
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"  {name:<18} n={len(values):<4} p50 {statistics.median(values) * 1000:7.1f} ms"
              f"  p95 {p95 * 1000:7.1f} ms  max {values[-1] * 1000:7.1f} ms")


def synthetic_store(folder: Path, size: int, seed: int) -> Store:
    """`size` promises in 6 parts × 5 chapters × sections of ~60, 3,000 decisions, verdicts
    with 0-3 evidence decisions, and one policy document planning 1 % of the promises."""
    rng = random.Random(seed)
    store = open_store(f"sqlite:///{folder / 'synth.db'}")
    decisions = []
    stages = list(STAGE_NAMES)
    for i in range(3000):
        fields = dict(id=f"d{i}", meeting_date=f"{rng.randint(2019, 2024)}-"
                      f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", item_type="nota",
                      title=" ".join(rng.sample(WORDS, 3)), alternative_title="",
                      text="Tekst.", url=f"https://example.test/d{i}", source_url="",
                      instrument="besluit", stage=rng.choice(stages), amounts=())
        decisions.append(Decision(**fields, content_hash=compute_content_hash(**fields)))
    upsert_decisions(store, decisions)
    nodes, statements = [], []
    sections = max(1, size // 60)
    for p in range(6):
        nodes.append(Node(f"deel-{p}", "part", f"Deel {p}", None, None, f"Deel {p}", 1, 1, "",
                          depth=0, ordinal=len(nodes)))
        for c in range(5):
            chapter = f"hoofdstuk-{p}-{c}"
            nodes.append(Node(chapter, "chapter", f"Deel {p}", f"{c + 1} — Hoofdstuk {p}.{c}",
                              str(c + 1), f"Hoofdstuk {p}.{c}", 1, 1, "", f"deel-{p}", 1,
                              len(nodes)))
            for s in range(sections // 30 + 1):
                key = f"{chapter}/{s + 1}"
                nodes.append(Node(key, "section", f"Deel {p}", f"{c + 1} — Hoofdstuk {p}.{c}",
                                  f"{c + 1}.{s + 1}", f"Sectie {s}", 1, 1, "", chapter, 2,
                                  len(nodes)))
    section_nodes = [n for n in nodes if n.kind == "section"]
    for i in range(size):
        node = section_nodes[i % len(section_nodes)]
        text = "We " + " ".join(rng.choices(WORDS, k=8)) + f" {i}."
        statements.append(Statement(node.key, i // len(section_nodes), 1 + i % 200, text, True))
    save_agreement(store, Agreement("Synthetisch", "synthetisch", "0" * 64, 200, tuple(nodes),
                                    statements=tuple(statements)))
    verdicts = []
    for s in statements:
        evidence = tuple(sorted((EvidenceDecision(d.id, EVIDENCE, 0.8, 1, d.meeting_date,
                                                  d.title, d.instrument, d.stage, "")
                                 for d in rng.sample(decisions, rng.choice((0, 0, 1, 2, 3)))),
                                key=lambda e: e.meeting_date))
        dates = [e.meeting_date for e in evidence]
        verdicts.append(Assessment(
            s.node_key, s.ordinal, s.page, s.text, rng.choice(STATUSES), "Reden.", 0, "",
            None, min(dates, default=None), max(dates, default=None), "fp", evidence))
    save_assessments(store, verdicts)
    actions = tuple(Action(str(i), f"Actie {i}", None, "Tekst.", responsible=(
        f"Domein {i % 7} – minister {rng.choice(MINISTERS)}")) for i in range(size // 100))
    links = [PromiseLink("nota", a.number, s.node_key, s.ordinal, "zoeken", 0.5, "")
             for a, s in zip(actions, rng.sample(statements, len(actions)), strict=True)]
    save_document(store, PolicyDocument("nota", "Beleidsnota", "x", "0" * 64, (), actions),
                  links, [])
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opslag", default="sqlite:////tmp/p1/beloftemeter.db")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--combinations", type=int, default=200)
    parser.add_argument("--zaad", type=int, default=18)
    args = parser.parse_args()
    if args.opslag:
        with open_store(args.opslag) as store:
            report(f"echte opslag ({args.opslag})", measure(store, args.combinations, args.zaad))
    if args.size:
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            with synthetic_store(Path(folder), args.size, args.zaad) as store:
                print(f"synthetische opslag gemaakt in {time.perf_counter() - start:.0f} s")
                report(f"synthetisch, {args.size} beloften",
                       measure(store, args.combinations, args.zaad))


if __name__ == "__main__":
    main()
