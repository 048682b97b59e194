"""The language-model judge against the hand labels: does reading the candidates help?

    BELOFTEMETER_LLM_BASE_URL=http://localhost:11434/v1 BELOFTEMETER_LLM_MODEL=... \\
        .venv/bin/python -m bench.judge --opslag sqlite:////tmp/x/x.db [--labels PATH ...]

Prints per label set (status agreement exact and within one step, evidence precision,
key-decision recall) and over all of them (exact, evidence precision), with the relevance
model alone and with the judge
(`assessment_judge = "llm"`, the model of `llm_base_url`), the questions asked and the time
they took. Verdicts are stored in the store (`relevance_judgements`): a second run asks nothing
and measures the same verdicts. Without `llm_base_url` it says so and exits with 2: no model
runs offline here, so these figures exist only where an endpoint is configured.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace

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
)

from beloftemeter import config
from beloftemeter.analysis.evaluation import evaluate_statuses, load_assessment_labels
from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.analysis.judge import build_judge
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.vectors import query_cache_for
from beloftemeter.store import open_store

SETS = (LABELS, HELDOUT, FIRST_BLIND, SECOND_BLIND, THIRD_BLIND, FOURTH_BLIND, FIFTH_BLIND,
        SIXTH_BLIND, SEVENTH_BLIND)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    parser.add_argument("--labels", nargs="+", default=[str(p) for p in SETS])
    args = parser.parse_args()
    settings = replace(config.load(None), store_url=args.opslag)
    if not settings.llm_base_url:
        print("Geen taalmodel ingesteld: zet BELOFTEMETER_LLM_BASE_URL en"
              " BELOFTEMETER_LLM_MODEL (een OpenAI-compatibel chat-eindpunt).", file=sys.stderr)
        sys.exit(2)
    with open_store(settings.store_url) as store:
        engine = SearchEngine(store, settings,
                              query_cache=query_cache_for(store, settings.embedding_cache))
        judge = build_judge("llm", store, settings)
        linkers = {"model": EvidenceLinker(store, engine),
                   "model + taalmodel": EvidenceLinker(store, engine, judge=judge)}
        before = store.execute("SELECT COUNT(*) FROM relevance_judgements").fetchone()[0]
        totals: dict[str, list[int]] = {name: [0, 0, 0, 0] for name in linkers}
        start = time.perf_counter()
        for path in args.labels:
            labels = load_assessment_labels(path)
            for name, linker in linkers.items():
                result = evaluate_statuses(store, linker, labels)
                print(f"{path.rsplit('/', 1)[-1]:40s} {name:18s} {result.as_dict()}")
                cited = result.evidence_decisions
                right = round((result.evidence_precision or 0) * cited)
                exact = round(result.exact * result.found)  # a share of the labels found
                for i, v in enumerate((result.found, exact, cited, right)):
                    totals[name][i] += v
        seconds = time.perf_counter() - start
        after = store.execute("SELECT COUNT(*) FROM relevance_judgements").fetchone()[0]
    judge.close()
    for name, (n, exact, cited, right) in totals.items():
        precision = f"{right / cited:.3f} ({right} van {cited})" if cited else "-"
        print(f"samen {name:18s}: exact {exact / n:.3f} over {n} labels, bewijsprecisie"
              f" {precision}")
    print(f"taalmodel {settings.llm_model} op {settings.llm_base_url}: {after - before} nieuwe"
          f" oordelen, {seconds:.0f} s in totaal")


if __name__ == "__main__":
    main()
