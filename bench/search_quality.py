"""Retrieval quality on the reference citations: the baseline and each engine configuration
in one run.

    .venv/bin/python -m bench.search_quality [--labels PATH] [--configs geen,e5,use,e5+use]

Builds a throw-away store from the real decisions and agreement, embeds the decisions (vectors
come from `.cache/vectors.sqlite` when `bench.search_embed` filled it; the rest are embedded
now and cached), then scores recall@10/30/50/100 and MRR per configuration, over all
sections and over two fixed halves (even and odd positions among the scored sections), so that
a setting chosen on one half can be checked on the other. The labels are read only to score;
queries come from the agreement text.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

from bench.search_corpus import CACHE, LABELS, load_agreement, load_decisions

from beloftemeter.config import Settings
from beloftemeter.search.embedders import build_embedder
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.evaluation import CUTOFFS, SectionScore, evaluate, load_labels
from beloftemeter.search.vectors import VectorCache, embed_missing
from beloftemeter.store import open_store


def halves(sections: tuple[SectionScore, ...], side: str, key: str) -> tuple[float, float]:
    """Mean of `key` on the sections at even and at odd positions."""
    means = []
    for start in (0, 1):
        chosen = [getattr(s, side)[key] for s in sections[start::2]]
        means.append(sum(chosen) / len(chosen) if chosen else 0.0)
    return means[0], means[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", default=str(LABELS))
    parser.add_argument("--configs", default="geen,e5,use,e5+use")
    parser.add_argument("--per-section", action="store_true")
    args = parser.parse_args()
    labels = load_labels(args.labels)
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    cache = VectorCache(CACHE)
    keys = [f"recall@{k}" for k in CUTOFFS] + ["mrr"]
    with tempfile.TemporaryDirectory() as tmp, open_store(
        f"sqlite:///{os.path.join(tmp, 'quality.db')}"
    ) as store:
        load_decisions(store)
        if not load_agreement(store):
            raise SystemExit("de parser van het regeerakkoord ontbreekt nog")
        embedders = {}
        for kind in sorted({k for c in configs for k in c.split("+") if k != "geen"}):
            embedder = build_embedder(kind, Settings())
            report = embed_missing(store, embedder, cache=cache)
            print(f"{embedder.name}: {report.from_cache} vectoren uit cache, "
                  f"{report.embedded} nieuw ({report.seconds:.0f} s)")
            embedders[kind] = embedder
        print(f"\n{len(labels)} gelabelde secties; {'':<18}" + "".join(f"{k:>11}" for k in keys))
        baseline_printed = False
        for config in configs:
            chosen = [embedders[k] for k in config.split("+") if k != "geen"]
            engine = SearchEngine(store, Settings(embedder="geen"), embedders=chosen,
                                  query_cache=cache)
            started = time.perf_counter()
            result = evaluate(store, engine, labels)
            seconds = time.perf_counter() - started
            if not baseline_printed:
                even, odd = halves(result.per_section, "baseline", "recall@50")
                print(f"{'basislijn (BM25 op sectietekst)':<42}"
                      + "".join(f"{result.baseline[k]:>11.3f}" for k in keys)
                      + f"   recall@50 even {even:.3f} / oneven {odd:.3f}")
                baseline_printed = True
            name = "bm25 + " + config if config != "geen" else "bm25 (Nederlands)"
            even, odd = halves(result.per_section, "engine", "recall@50")
            print(f"{name:<42}" + "".join(f"{result.engine[k]:>11.3f}" for k in keys)
                  + f"   recall@50 even {even:.3f} / oneven {odd:.3f}"
                  + f"   ({result.sections} secties, {seconds:.0f} s)")
            if args.per_section:
                for section in result.per_section:
                    print(f"    {section.chapter} {section.section:<8} "
                          f"base {section.baseline['recall@50']:.2f} "
                          f"engine {section.engine['recall@50']:.2f}")
    cache.close()


if __name__ == "__main__":
    main()
