"""Fit the evidence relevance model on the hand-labelled promises and measure it honestly.

    .venv/bin/python -m bench.fit_relevance --opslag sqlite:////tmp/x/x.db [--schrijf]
        [--labels PATH ...] [--blind PATH ...] [--zonder-blind]

For every labelled promise the candidates are searched as `analyseer` does; a candidate is
positive when the label lists it among the key decisions. Two models are fitted: "hybrid"
(BM25 + the configured embedders) and "lexical" (BM25 only). Printed per model and threshold:
status agreement (exact, within one step), evidence precision and key-decision recall,
leave-one-chapter-out on the fitting labels (each chapter judged by a model fitted without it),
and on a blind set given with `--blind` (never used for fitting or choosing), in full and
without the labels the annotator marked uncertain. Each held-out set became a fitting set once
it had been measured (all seven blind sets so far; the shipped model of 1 December is fitted
on the first eight sets, before the seventh blind set was measured). `--zonder-blind` leaves
the blind set out.
`--schrijf` writes the weights fitted on all fitting labels to
`src/beloftemeter/analysis/relevance_model.json`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

from beloftemeter import config
from beloftemeter.analysis import evidence as evidence_module
from beloftemeter.analysis.evaluation import AssessmentLabel, load_assessment_labels, within_one
from beloftemeter.analysis.evidence import Candidates, EvidenceLinker
from beloftemeter.analysis.relevance import FEATURES, MODEL_FILE, fit_logistic
from beloftemeter.analysis.status import assess
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.vectors import VectorCache
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import open_store

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "fixtures" / "assessment_labels.json"
HELDOUT = ROOT / "tests" / "fixtures" / "assessment_labels_heldout.json"
FIRST_BLIND = ROOT / "tests" / "fixtures" / "assessment_labels_blind.json"
SECOND_BLIND = ROOT / "tests" / "fixtures" / "assessment_labels_blind2.json"
THIRD_BLIND = ROOT / "tests" / "fixtures" / "assessment_labels_blind3.json"
FOURTH_BLIND = ROOT / "tests" / "fixtures" / "assessment_labels_blind4.json"
FIFTH_BLIND = ROOT / "tests" / "fixtures" / "assessment_labels_blind5.json"
SIXTH_BLIND = ROOT / "tests" / "fixtures" / "assessment_labels_blind6.json"
SEVENTH_BLIND = ROOT / "tests" / "fixtures" / "assessment_labels_blind7.json"
THRESHOLDS = (0.55, 0.6, 0.65, 0.7, 0.75)


@dataclass
class Example:
    label: AssessmentLabel
    node_key: str
    ordinal: int
    page: int
    text: str
    candidates: Candidates
    y: np.ndarray

    @property
    def chapter(self) -> str:
        return self.node_key.split("/")[0]


def examples(store, linker: EvidenceLinker, labels) -> list[Example]:
    found = []
    for label in labels:
        node = agreement_store.get_node(store, label.section_key)
        statement = next(
            s for s in agreement_store.statements_of(store, node.key)
            if " ".join(s.text.split()).lower() == " ".join(label.promise.split()).lower()
        )
        candidates = linker.candidates(statement.text, node.title)
        y = np.array([1.0 if h.decision_id in label.key_decisions else 0.0
                      for h in candidates.hits])
        found.append(Example(label, node.key, statement.ordinal, statement.page, statement.text,
                             candidates, y))
    return found


def fit(items: list[Example]) -> tuple[np.ndarray, float]:
    rows = [e.candidates.features for e in items if len(e.y)]
    return fit_logistic(np.vstack(rows), np.concatenate([e.y for e in items if len(e.y)]))


def probabilities(w: np.ndarray, b: float, e: Example) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(e.candidates.features @ w + b)))


def score(linker, items: list[Example], probs: list[np.ndarray], threshold: float) -> dict:
    exact = near = cited = correct = keys = keys_found = 0
    for e, p in zip(items, probs, strict=True):
        linked = linker.decide(e.candidates, p, threshold)
        verdict = assess(e.node_key, e.ordinal, e.page, e.text, linked)
        exact += verdict.status == e.label.status
        near += within_one(verdict.status, e.label.status)
        ids = [d.decision_id for d in verdict.evidence]
        cited += len(ids)
        correct += sum(i in e.label.key_decisions for i in ids)
        keys += len(e.label.key_decisions)
        keys_found += len(set(ids) & set(e.label.key_decisions))
    n = len(items) or 1
    return {"drempel": threshold, "exact": round(exact / n, 3), "binnen_een_stap":
            round(near / n, 3), "bewijsprecisie": round(correct / cited, 3) if cited else None,
            "bewijs": cited, "recall_sleutel": round(keys_found / keys, 3) if keys else None}


def report(name: str, linker, tuning: list[Example], blind: list[Example]) -> dict:
    cv: list[np.ndarray | None] = [None] * len(tuning)
    for chapter in sorted({e.chapter for e in tuning}):
        w, b = fit([e for e in tuning if e.chapter != chapter])
        for i, e in enumerate(tuning):
            if e.chapter == chapter:
                cv[i] = probabilities(w, b, e)
    w, b = fit(tuning)
    print(f"\n== {name}: {len(tuning)} fitting labels, {len(blind)} blind labels")
    print("gewichten:", {f: round(float(v), 3) for f, v in zip(FEATURES, w, strict=True)},
          "bias", round(b, 3))
    for threshold in THRESHOLDS:
        print("  kruisvalidatie per hoofdstuk", score(linker, tuning, cv, threshold))
        for title, items in (("blind                      ", blind),
                             ("blind, zeker               ",
                              [e for e in blind if not e.label.uncertain])):
            if items:
                print("  " + title,
                      score(linker, items, [probabilities(w, b, e) for e in items], threshold))
    return {"weights": {f: round(float(v), 6) for f, v in zip(FEATURES, w, strict=True)},
            "bias": round(b, 6), "labels": len(tuning)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    parser.add_argument("--labels", nargs="+",
                        default=[str(p) for p in (LABELS, HELDOUT, FIRST_BLIND, SECOND_BLIND,
                                                  THIRD_BLIND, FOURTH_BLIND, FIFTH_BLIND,
                                                  SIXTH_BLIND, SEVENTH_BLIND)])
    # every blind set so far has been measured once and joined the fitting labels: the next
    # one is given here
    parser.add_argument("--blind", nargs="+", default=[])
    parser.add_argument("--zonder-blind", action="store_true")
    parser.add_argument("--schrijf", action="store_true")
    args = parser.parse_args()
    settings = replace(config.load(None), store_url=args.opslag)
    tuning_labels = [label for path in args.labels for label in load_assessment_labels(path)]
    blind_labels = [] if args.zonder_blind else [
        label for path in args.blind for label in load_assessment_labels(path)]
    models = {}
    with open_store(settings.store_url) as store:
        cache = VectorCache(settings.embedding_cache) if settings.embedding_cache else None
        for name, engine_settings in (("hybrid", settings),
                                      ("lexical", replace(settings, embedder="geen"))):
            engine = SearchEngine(store, engine_settings, query_cache=cache)
            linker = EvidenceLinker(store, engine)
            if name == "hybrid" and not linker.hybrid:
                print("geen embedder ingesteld: alleen het lexicale model")
                continue
            models[name] = report(name, linker, examples(store, linker, tuning_labels),
                                  examples(store, linker, blind_labels))
    print(f"\nbewijsdrempel in analysis/evidence.py: {evidence_module.EVIDENCE_PROBABILITY}")
    if args.schrijf:
        path = ROOT / "src" / "beloftemeter" / "analysis" / MODEL_FILE
        # the version enters every promise's fingerprint: new weights must re-assess, also on
        # the same day
        digest = hashlib.sha256(json.dumps(models, sort_keys=True).encode()).hexdigest()[:8]
        version = f"relevance-{date.today().isoformat()}-{digest}"
        path.write_text(json.dumps({"version": version, "features": list(FEATURES),
                                    "models": models}, indent=1) + "\n", encoding="utf-8")
        print(f"geschreven: {path}")


if __name__ == "__main__":
    main()
