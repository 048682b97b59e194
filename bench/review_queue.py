"""Queue efficiency: how many decisions an editor reads, in queue order, before finding half
and 80 % of the decisions that carry the labelled promises out.

    .venv/bin/python -m bench.review_queue --opslag sqlite:////tmp/x/x.db
        [--labels PATH ...] [--kruisvalidatie [--voorbeelden PAD]]

The truth: the key decisions of the hand-label sets (tests/fixtures/assessment_labels*.json),
per labelled promise. Only labelled promises take part (of the others nothing is known). An
editor works through the queue entry by entry and reads each entry's decisions in the order
the queue gives them; found = a decision that is among that promise's key decisions. Beside
it the way without a queue: section by section in agreement order, each promise's decisions as
its page lists them (evidence as a timeline, then the candidates, most probable first). Both
read the same decisions per promise (evidence and candidates), so only the order differs;
the line "ook verwant" adds each promise's context decisions at its end (most probable
first) for both, which is what it costs to find the key decisions the model put there.

The stored assessments are in-sample for the labelled promises (the shipped relevance model
is fitted on these labels). `--kruisvalidatie` instead judges each chapter's labelled promises
with a model fitted without that chapter (as bench.fit_relevance does), so the model's
probabilities are as uncertain as on promises it never saw; it searches every labelled
promise again (some minutes; `--voorbeelden PAD` reuses what bench.editor_learning
searched). A store without reviews and reader reports: those signals are
measured by the unit tests, not here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import replace

from bench.editor_learning import Searched
from bench.fit_relevance import (
    FIFTH_BLIND,
    FIRST_BLIND,
    FOURTH_BLIND,
    HELDOUT,
    LABELS,
    SECOND_BLIND,
    SEVENTH_BLIND,
    SIXTH_BLIND,
    THIRD_BLIND,
    fit,
    probabilities,
)

from beloftemeter import config
from beloftemeter.analysis.evaluation import AssessmentLabel, load_assessment_labels
from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.analysis.review_queue import (
    CONTEXT_SHOWN,
    WEIGHTS,
    QueueInput,
    Weights,
    review_queue,
)
from beloftemeter.analysis.status import assess
from beloftemeter.models.assessment import Assessment
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.vectors import VectorCache
from beloftemeter.store import open_store
from beloftemeter.store.assessment import load_assessments

LABEL_SETS = (LABELS, HELDOUT, FIRST_BLIND, SECOND_BLIND, THIRD_BLIND, FOURTH_BLIND,
              FIFTH_BLIND, SIXTH_BLIND, SEVENTH_BLIND)
SHARES = (0.5, 0.8)
Key = tuple[str, int]
Walk = list[tuple[Key, Sequence[str]]]  # (promise, decision ids in reading order)


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def labelled(assessments: Sequence[Assessment], labels: Sequence[AssessmentLabel],
             ) -> dict[Key, set[str]]:
    """(node_key, ordinal) → key decisions, for each label whose promise is assessed (a
    promise labelled twice keeps the union)."""
    where = {(a.node_key, _squash(a.promise)): (a.node_key, a.ordinal) for a in assessments}
    keys: dict[Key, set[str]] = {}
    for label in labels:
        found = where.get((label.section_key, _squash(label.promise)))
        if found is not None:
            keys.setdefault(found, set()).update(label.key_decisions)
    return keys


def reading(walk: Walk, keys: dict[Key, set[str]]) -> dict:
    """Decisions read before each share of the key decisions is found (None: never), the
    share found after reading everything, and how much was read then."""
    total = sum(len(k) for k in keys.values())
    read = found = 0
    reached: dict[str, int | None] = {f"{round(s * 100)}%": None for s in SHARES}
    for promise, decisions in walk:
        for decision in decisions:
            read += 1
            if decision in keys.get(promise, ()):
                found += 1
                for share in SHARES:
                    name = f"{round(share * 100)}%"
                    if reached[name] is None and found >= share * total:
                        reached[name] = read
    return {**reached, "gevonden": f"{found}/{total}", "gelezen": read}


def _rest(a: Assessment, listed: Sequence[str], everything: bool) -> list[str]:
    """With `everything`: the context decisions not listed yet, most probable first."""
    if not everything:
        return []
    shown = set(listed)
    return [d.decision_id for d in sorted(a.context, key=lambda d: -d.score)
            if d.decision_id not in shown]


def agreement_walk(verdicts: Sequence[Assessment], everything: bool) -> Walk:
    """Section by section, each promise's decisions as its page lists them: the evidence as
    a timeline, the candidates, the most probable context (as many as the queue lists)."""
    walk: Walk = []
    for a in verdicts:
        listed = [d.decision_id for d in (*a.evidence, *a.candidates, *sorted(
            a.context, key=lambda d: -d.score)[:CONTEXT_SHOWN])]
        walk.append(((a.node_key, a.ordinal), listed + _rest(a, listed, everything)))
    return walk


def queue_walk(verdicts: Sequence[Assessment], everything: bool,
               weights: Weights = WEIGHTS) -> Walk:
    by_key = {(a.node_key, a.ordinal): a for a in verdicts}
    items = [QueueInput(f"{a.node_key}#{a.ordinal}", a) for a in verdicts]
    walk: Walk = []
    for entry in review_queue(items, weights):
        a = by_key[(entry.node_key, entry.ordinal)]
        listed = [d.decision_id for d in entry.decisions]
        walk.append(((a.node_key, a.ordinal), listed + _rest(a, listed, everything)))
    return walk


VARIANTS: dict[str, Callable[[Sequence[Assessment], bool], Walk]] = {
    "akkoordvolgorde (zonder wachtrij)": agreement_walk,
    "wachtrij": queue_walk,
    "wachtrij zonder 'waarschijnlijk bewijs'": lambda v, e: queue_walk(
        v, e, Weights(likely=0.0)),
    "wachtrij met alleen 'waarschijnlijk bewijs'": lambda v, e: queue_walk(
        v, e, Weights(near=0.0, single=0.0)),
    "wachtrij met alleen 'dicht bij de drempel'": lambda v, e: queue_walk(
        v, e, Weights(likely=0.0, single=0.0)),
}


def cross_validated(search: Searched, label_files: Sequence[str],
                    order: dict[Key, int]) -> list[Assessment]:
    """Each labelled promise judged by a relevance model fitted without its chapter."""
    found = [e for path in label_files for e in search(path)]
    verdicts: dict[Key, Assessment] = {}
    for chapter in sorted({e.chapter for e in found}):
        w, b = fit([e for e in found if e.chapter != chapter])
        for e in found:
            if e.chapter == chapter:
                linked = search.linker.decide(e.candidates, probabilities(w, b, e))
                verdicts[(e.node_key, e.ordinal)] = assess(e.node_key, e.ordinal, e.page,
                                                           e.text, linked)
    return sorted(verdicts.values(), key=lambda a: order.get((a.node_key, a.ordinal), 0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    parser.add_argument("--labels", nargs="+", default=[str(p) for p in LABEL_SETS])
    parser.add_argument("--kruisvalidatie", action="store_true")
    parser.add_argument("--voorbeelden", help="bestand met de gezochte kandidaten van"
                        " bench.editor_learning (sneller)")
    args = parser.parse_args()
    settings = replace(config.load(None), store_url=args.opslag)
    labels = [label for path in args.labels for label in load_assessment_labels(path)]
    with open_store(settings.store_url) as store:
        assessments = load_assessments(store)
        keys = labelled(assessments, labels)
        order = {(a.node_key, a.ordinal): i for i, a in enumerate(assessments)}
        if args.kruisvalidatie:
            cache = (VectorCache(settings.embedding_cache) if settings.embedding_cache
                     else None)
            linker = EvidenceLinker(store, SearchEngine(store, settings, query_cache=cache))
            search = Searched(store, linker, "hybrid" if linker.hybrid else "lexical",
                              settings.store_url, args.voorbeelden)
            verdicts = cross_validated(search, args.labels, order)
            present = {(a.node_key, a.ordinal) for a in verdicts}
            keys = {k: v for k, v in keys.items() if k in present}
        else:
            verdicts = [a for a in assessments if (a.node_key, a.ordinal) in keys]
    how = ("kruisvalidatie per hoofdstuk" if args.kruisvalidatie
           else "opgeslagen beoordeling (in-sample)")
    print(f"{len(verdicts)} gelabelde beloften, {sum(len(k) for k in keys.values())}"
          f" sleutelbeslissingen; {how}")
    for everything, title in ((False, f"wat de wachtrij toont (bewijs, mogelijk relevant en"
                                      f" de {CONTEXT_SHOWN} waarschijnlijkste verwante)"),
                              (True, "alles wat het zoeken vond (ook de rest van verwant)")):
        print(f"\n== {title}")
        for name, walk in VARIANTS.items():
            print(f"  {name:45s}", reading(walk(verdicts, everything), keys))


if __name__ == "__main__":
    main()
