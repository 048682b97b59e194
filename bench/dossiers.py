"""Dossiers: how the real decisions group into files, how fast, and a sample to check by hand.

    .venv/bin/python -m bench.dossiers [--voorbeelden 20] [--zaad 1] [--opslag sqlite:///PAD]

Without `--opslag` the shared dump `decisions-vr-2019-2024.jsonl` is imported into a new
temporary store first. `assign_dossiers` then runs twice (the second run must give the same
keys: idempotent) and the script prints the counts (dossiers, those of two or more steps, the
stage sequences that occur), the time of each run, and a random sample of multi-step
dossiers with their steps and their sentence, to read and judge by hand.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from beloftemeter.analysis.dossiers import assign_dossiers, dossier_sentence, dossiers_for
from beloftemeter.pipeline.dump_import import import_dump
from beloftemeter.store import Store, open_store
from beloftemeter.store.decisions import decision_ids
from beloftemeter.store.dossiers import count_dossiers

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BELOFTEMETER_SHARED_DATA", ROOT.parent / "shared" / "data"))
DUMP = SHARED_DATA / "decisions-vr-2019-2024.jsonl"
_SHORT = {"principiele_goedkeuring": "P", "definitieve_goedkeuring": "D",
          "bekrachtiging": "B", "instemming": "I"}


def _measure(store: Store, samples: int, seed: int) -> None:
    first = assign_dossiers(store)
    keys_first = {d: x.key for d, x in dossiers_for(store, decision_ids(store)).items()}
    started = time.perf_counter()
    second = assign_dossiers(store)
    again = time.perf_counter() - started
    by_id = dossiers_for(store, decision_ids(store))
    keys_second = {d: x.key for d, x in by_id.items()}
    stored, stored_multi = count_dossiers(store)
    dossiers = {x.key: x for x in by_id.values()}
    multi = [x for x in dossiers.values() if len(x.steps) > 1]

    print(f"beslissingen:              {first.decisions}")
    print(f"dossiers:                  {first.dossiers} (opgeslagen: {stored})")
    print(f"dossiers met 2+ stappen:   {first.multi_step} (opgeslagen: {stored_multi}),"
          f" samen {first.grouped_decisions} beslissingen")
    print("grootte:                   " + ", ".join(
        f"{n} stappen: {c}" for n, c in sorted(Counter(len(x.steps) for x in multi).items())))
    print("per akte:                  " + ", ".join(
        f"{k}: {c}" for k, c in Counter(x.instrument for x in multi).most_common()))
    sequences = Counter("→".join(_SHORT.get(s.stage or "", "?") for s in x.steps) for x in multi)
    print("stadiumreeksen:            " + ", ".join(
        f"{k}: {c}" for k, c in sequences.most_common(10)))
    print(f"tijd toewijzen:            {first.seconds:.2f} s (eerste), {second.seconds:.2f} s"
          f" (tweede; met teruglezen {again:.2f} s)")
    print(f"idempotent:                {'ja' if keys_first == keys_second else 'NEE'}")

    print(f"\nsteekproef van {min(samples, len(multi))} dossiers met 2+ stappen (zaad {seed}):")
    for dossier in random.Random(seed).sample(sorted(multi, key=lambda x: x.key),
                                              min(samples, len(multi))):
        print(f"\n== {dossier.key}")
        for step in dossier.steps:
            print(f"   {step.meeting_date} {step.stage:<24} {step.title[:110]}")
        print(f"   → {dossier_sentence(dossier)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voorbeelden", type=int, default=20)
    parser.add_argument("--zaad", type=int, default=1)
    parser.add_argument("--opslag", help="een gevulde opslag (sqlite:///PAD) in plaats van de dump")
    args = parser.parse_args()
    if args.opslag:
        with open_store(args.opslag) as store:
            _measure(store, args.voorbeelden, args.zaad)
        return
    with tempfile.TemporaryDirectory() as folder, \
            open_store(f"sqlite:///{Path(folder) / 'dossiers.db'}") as store:
        import_dump(store, DUMP)
        _measure(store, args.voorbeelden, args.zaad)


if __name__ == "__main__":
    main()
