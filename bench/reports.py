"""Speed of `rapport --alles` with the extractive generator on a built, assessed store.

    .venv/bin/python -m bench.reports --opslag sqlite:////tmp/x/x.db

Prints, per format, the reports written, the seconds and the peak memory, and the citations
removed by the check (0 expected: the extractive generator cites only what it was given).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time

from beloftemeter.config import Settings
from beloftemeter.pipeline.reports import write_reports
from beloftemeter.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    args = parser.parse_args()
    settings = Settings(store_url=args.opslag, report_generator="extractive")
    with open_store(args.opslag) as store, tempfile.TemporaryDirectory() as folder:
        for fmt in ("md", "html", "json"):
            start = time.perf_counter()
            written = write_reports(store, settings, f"{folder}/{fmt}", (fmt,))
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"rapport --alles --formaat {fmt}: {written.reports} rapporten in"
                  f" {seconds:.1f} s, piekgeheugen {peak:.0f} MB, verwijderde verwijzingen"
                  f" {written.removed_citations}")


if __name__ == "__main__":
    main()
