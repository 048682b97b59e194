"""Measure retrieval against reference citations: recall@k and MRR per section and overall.

The labels (`[{chapter, section, title, decision_ids}]`) are read only to score the rankings;
the queries are built from the agreement text alone. Every run also scores a baseline: plain
BM25 (lower-cased words minus stop words, no stemming, no compounds) with the section text
as one query.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from beloftemeter.search.dutch import words
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.label_files import load_label_file
from beloftemeter.search.queries import section_query_for
from beloftemeter.store import Store
from beloftemeter.store.decisions import decision_texts

log = logging.getLogger(__name__)

CUTOFFS = (10, 30, 50, 100)


@dataclass(frozen=True)
class Label:
    """The decisions a reference cites for one section of the agreement."""

    chapter: str
    section: str
    title: str
    decision_ids: tuple[str, ...]


@dataclass(frozen=True)
class SectionScore:
    """The engine's and the baseline's scores on one labelled section."""

    chapter: str
    section: str
    title: str
    key: str
    relevant: int  # labelled decisions present in the store
    baseline: dict[str, float]
    engine: dict[str, float]


@dataclass(frozen=True)
class Evaluation:
    sections: int
    baseline: dict[str, float]
    engine: dict[str, float]
    per_section: tuple[SectionScore, ...]
    skipped: tuple[str, ...] = field(default=())  # labels whose section was not found

    def as_dict(self) -> dict[str, Any]:
        return {
            "sections": self.sections,
            "baseline": self.baseline,
            "engine": self.engine,
            "per_section": [
                {
                    "chapter": s.chapter,
                    "section": s.section,
                    "title": s.title,
                    "key": s.key,
                    "relevant": s.relevant,
                    "baseline": s.baseline,
                    "engine": s.engine,
                }
                for s in self.per_section
            ],
            "skipped": list(self.skipped),
        }


def load_labels(path: str | Path) -> list[Label]:
    """Reference citations from a JSON file; a clear Dutch error for anything else."""
    return load_label_file(
        path, _label, shape="een lijst van secties", noun="item",
        fields="chapter, section en decision_ids",
    )


def _label(item: Any) -> Label:
    return Label(
        chapter=str(item["chapter"]),
        section=str(item["section"]),
        title=str(item.get("title", "")),
        decision_ids=tuple(str(i) for i in item["decision_ids"]),
    )


def scores(ranked: Sequence[str], relevant: set[str]) -> dict[str, float]:
    """recall@k for each cutoff and the reciprocal rank of the first relevant decision."""
    out: dict[str, float] = {}
    for k in CUTOFFS:
        found = len(relevant.intersection(ranked[:k]))
        out[f"recall@{k}"] = found / len(relevant) if relevant else 0.0
    first = next((i for i, d in enumerate(ranked, start=1) if d in relevant), None)
    out["mrr"] = 1.0 / first if first else 0.0
    return out


def _mean(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    if not rows:
        return {f"recall@{k}": 0.0 for k in CUTOFFS} | {"mrr": 0.0}
    return {key: round(float(np.mean([r[key] for r in rows])), 4) for key in rows[0]}


class PlainBM25:
    """The baseline: BM25 over lower-cased words minus stop words, no stems, no compounds."""

    def __init__(self, store: Store) -> None:
        rows = decision_texts(store)
        self.ids = [r[0] for r in rows]
        corpus = [words(f"{r[1]} {r[2]}") for r in rows]
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus, show_progress=False)
        self._vocab = self._bm25.vocab_dict

    def ranked_ids(self, text: str, depth: int = max(CUTOFFS)) -> list[str]:
        terms = [t for t in words(text) if t in self._vocab]
        if not terms:
            return []
        result = self._bm25.get_scores(terms)
        order = np.argsort(-result, kind="stable")[:depth]
        return [self.ids[i] for i in order if result[i] > 0]


def evaluate(
    store: Store,
    engine: SearchEngine,
    labels: Sequence[Label],
    progress: Callable[[int], None] | None = None,
) -> Evaluation:
    """Score the engine and the baseline on every labelled section found in the store."""
    from beloftemeter.store import agreement

    baseline = PlainBM25(store)
    present = set(baseline.ids)
    per_section: list[SectionScore] = []
    skipped: list[str] = []
    for label in labels:
        node = agreement.find_node(store, chapter=label.chapter, number=label.section)
        relevant = {d for d in label.decision_ids if d in present}
        if node is None or not relevant:
            reason = "sectie niet gevonden" if node is None else "geen gelabelde beslissing"
            skipped.append(f"{label.chapter} {label.section}: {reason}")
            if progress is not None:
                progress(1)
            continue
        section_text = agreement.section_text(store, node.key, include_descendants=True)
        query = section_query_for(store, node.key)
        per_section.append(
            SectionScore(
                chapter=label.chapter,
                section=label.section,
                title=node.title,
                key=node.key,
                relevant=len(relevant),
                baseline=scores(baseline.ranked_ids(section_text), relevant),
                engine=scores(engine.ranked_ids(query), relevant),
            )
        )
        if progress is not None:
            progress(1)
    if skipped:
        log.warning("%d secties overgeslagen: %s", len(skipped), "; ".join(skipped[:5]))
    return Evaluation(
        sections=len(per_section),
        baseline=_mean([s.baseline for s in per_section]),
        engine=_mean([s.engine for s in per_section]),
        per_section=tuple(per_section),
        skipped=tuple(skipped),
    )
