"""Assessment quality and speed on a built store.

    .venv/bin/python -m bench.assessment --opslag sqlite:////tmp/x/x.db [--alles] [--lexicaal]

Prints: status agreement with tests/fixtures/assessment_labels.json (exact, within one step),
evidence precision, recall of the key decisions, the union recall of the tuning reference
citations per section (evidence + context) with the most evidence any promise got, and with
`--alles` the time and peak memory of assessing every promise (on a copy of the store, so the
store itself is not changed).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.search_corpus import LABELS as SHARED_LABELS

from beloftemeter import config
from beloftemeter.analysis.assessor import assess_promises, promises_of
from beloftemeter.analysis.evaluation import (
    evaluate_statuses,
    load_assessment_labels,
    union_recall,
)
from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.evaluation import load_labels
from beloftemeter.search.vectors import query_cache_for
from beloftemeter.store import open_store
from beloftemeter.store.database import sqlite_path

LABELS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "assessment_labels.json"
CITATIONS = SHARED_LABELS  # the tuning reference citations beside the project


def _linker(store, settings) -> EvidenceLinker:
    # As `analyseer` does: promise queries embedded by `indexeer` come from the store.
    cache = query_cache_for(store, settings.embedding_cache)
    return EvidenceLinker(store, SearchEngine(store, settings, query_cache=cache))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    parser.add_argument("--labels", default=str(LABELS))
    parser.add_argument("--citaties", default=str(CITATIONS))
    parser.add_argument("--alles", action="store_true")
    parser.add_argument("--lexicaal", action="store_true", help="zonder embedder")
    args = parser.parse_args()
    settings = replace(config.load(None), store_url=args.opslag)
    if args.lexicaal:
        settings = replace(settings, embedder="geen")
    with open_store(settings.store_url) as store:
        linker = _linker(store, settings)
        print(f"rankers: {', '.join(linker._engine.rankers)}")
        evaluation = evaluate_statuses(store, linker, load_assessment_labels(args.labels))
        print("labels:", evaluation.as_dict())
        for r in evaluation.results:
            if r.status != r.label.status:
                print(f"  {r.label.section_key}: label {r.label.status!r}, automatisch"
                      f" {r.status!r} | {r.label.promise[:70]}")
        if Path(args.citaties).exists():
            recall = union_recall(store, linker, load_labels(args.citaties))
            print(f"union recall (bewijs + verwant): micro {recall.recall:.3f}, macro"
                  f" {recall.macro:.3f} over {recall.sections} secties;"
                  f" hoogstens {recall.max_evidence} bewijsstukken per belofte")
    if args.alles:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "copy.db"
            shutil.copy(sqlite_path(settings.store_url), copy)
            start = time.perf_counter()
            with open_store(f"sqlite:///{copy}") as store:
                linker = _linker(store, settings)
                report = assess_promises(store, linker, promises_of(store), complete=True)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"--alles: {report.promises} beloften in {seconds:.1f} s"
                  f" (eerste run, met laden), piekgeheugen {peak:.0f} MB")


if __name__ == "__main__":
    main()
