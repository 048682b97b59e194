"""Agreement ingestion: parse time, peak memory, coverage and promise quality on the real PDF.

    .venv/bin/python -m bench.agreement [PAD.pdf]

Prints the figures quoted in docs/metingen.md (section "Regeerakkoord").
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BELOFTEMETER_SHARED_DATA", ROOT.parent / "shared" / "data"))
PDF = SHARED_DATA / "regeerakkoord-2019-2024.pdf"
LABELS = ROOT / "tests" / "fixtures" / "promise_labels.json"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def main() -> None:
    pdf = Path(sys.argv[1]) if len(sys.argv) > 1 else PDF
    if not pdf.is_file():
        sys.exit(f"PDF ontbreekt: {pdf}")
    from beloftemeter.analysis.promises import extract_statements, is_promise
    from beloftemeter.sources.agreement_pdf import body_coverage, body_lines, parse_agreement
    from beloftemeter.store import open_store
    from beloftemeter.store.agreement import save_agreement

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores,"
          f" Python {platform.python_version()}")
    rss_before = _rss_mb()
    started = time.perf_counter()
    cpu_started = time.process_time()
    agreement = parse_agreement(pdf)
    parse_seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    rss_after = _rss_mb()
    print(f"parse: {parse_seconds:.2f} s voor {agreement.page_count} pagina's"
          f" ({cpu_seconds:.2f} s processortijd; belasting {os.getloadavg()[0]:.1f})")
    print(f"piekgeheugen (RSS van het hele proces): {rss_after:.0f} MB"
          f" (voor het parsen {rss_before:.0f} MB)")

    started = time.perf_counter()
    statements = extract_statements(agreement.nodes)
    split_seconds = time.perf_counter() - started
    promises = sum(s.is_promise for s in statements)
    kinds = {kind: sum(n.kind == kind for n in agreement.nodes)
             for kind in ("part", "chapter", "section")}
    print(f"boom: {len(agreement.nodes)} knopen ({kinds['part']} delen, {kinds['chapter']}"
          f" hoofdstukken, {kinds['section']} secties) uit {len(agreement.toc)}"
          " regels inhoudstafel")
    for mismatch in agreement.toc_mismatches:
        print(f"  inhoudstafel wijkt af: {mismatch}")
    print(f"uitspraken: {len(statements)}, waarvan {promises} beloften"
          f" ({promises / len(statements):.0%}); splitsen {split_seconds:.2f} s")

    covered, total = body_coverage(body_lines(pdf), agreement.nodes)
    print(f"dekking van de lopende tekst: {covered / total:.4f} ({covered} van {total} tekens)")

    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    sets = sorted({x["set"] for x in labels})
    for name, subset in [("alle", labels)] + [
        (name, [x for x in labels if x["set"] == name]) for name in sets
    ]:
        tp = sum(1 for x in subset if x["promise"] and is_promise(x["sentence"]))
        fp = sum(1 for x in subset if not x["promise"] and is_promise(x["sentence"]))
        fn = sum(1 for x in subset if x["promise"] and not is_promise(x["sentence"]))
        print(f"beloften, {name} ({len(subset)} gelabelde zinnen): precisie"
              f" {tp / (tp + fp):.2f}, recall {tp / (tp + fn):.2f}")

    from dataclasses import replace

    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(f"sqlite:///{folder}/bench.db") as store,
    ):
        started = time.perf_counter()
        save_agreement(store, replace(agreement, statements=tuple(statements)))
        first = time.perf_counter() - started
        started = time.perf_counter()
        changed = save_agreement(store, replace(agreement, statements=tuple(statements)))
        second = time.perf_counter() - started
    print(f"opslaan: {first:.2f} s; opnieuw dezelfde PDF: {second * 1000:.1f} ms"
          f" (gewijzigd: {changed})")
    print(f"piekgeheugen aan het eind: {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
