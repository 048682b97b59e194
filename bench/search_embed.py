"""Semantic index build on the real decisions: decisions per second for each offline embedder.

    .venv/bin/python -m bench.search_embed [--model e5|use] [--no-cache]

Vectors go to a throw-away store and to the vector cache `.cache/vectors.sqlite` (keyed by
model and text hash), so the quality benchmark and later runs reuse them. With `--no-cache`
every decision is embedded again, which is what the build time below measures.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time

from bench.search_corpus import CACHE, load_decisions

from beloftemeter.config import Settings
from beloftemeter.search.embedders import build_embedder
from beloftemeter.search.vectors import VectorCache, embed_missing
from beloftemeter.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="e5", choices=["e5", "use"])
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="only the first N decisions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, open_store(
        f"sqlite:///{os.path.join(tmp, 'bench.db')}"
    ) as store:
        count = load_decisions(store, limit=args.limit)
        embedder = build_embedder(args.model, Settings())
        cache = None if args.no_cache else VectorCache(CACHE)
        done = 0
        started = time.perf_counter()

        def progress(n: int) -> None:
            nonlocal done
            done += n
            if done % 160 < n:
                rate = done / max(time.perf_counter() - started, 1e-9)
                print(f"  {done}/{count} ({rate:.1f}/s)", file=sys.stderr, flush=True)

        report = embed_missing(store, embedder, cache=cache, progress=progress)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = report.embedded / report.seconds if report.embedded else float("nan")
    print(f"model            {report.model}")
    print(f"decisions        {report.total}")
    print(f"embedded now     {report.embedded} (from cache: {report.from_cache})")
    print(f"time             {report.seconds:.1f} s")
    print(f"decisions/s      {rate:.2f}  (cores: {os.cpu_count()})")
    if report.embedded:
        print(f"estimate at 100k {100_000 / rate / 3600:.1f} h")
    print(f"peak memory      {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
