"""Shared by the search benchmarks: load the real decisions into a store, find the shared data."""

from __future__ import annotations

import os
from pathlib import Path

from beloftemeter.sources.decisions_dump import read_jsonl
from beloftemeter.store import Store
from beloftemeter.store.decisions import upsert_decisions

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BELOFTEMETER_SHARED_DATA", ROOT.parent / "shared" / "data"))
DECISIONS = SHARED_DATA / "decisions-vr-2019-2024.jsonl"
AGREEMENT = SHARED_DATA / "regeerakkoord-2019-2024.pdf"
LABELS = SHARED_DATA / "labels" / "reference-citations-tuning.json"
CACHE = ROOT / ".cache" / "vectors.sqlite"


def load_decisions(store: Store, path: Path = DECISIONS, limit: int = 0) -> int:
    """The real decisions into `store` through the project's importer; with `limit`, only the
    first that many by meeting date."""
    decisions = list(read_jsonl(path))
    if limit:
        decisions = sorted(decisions, key=lambda d: (d.meeting_date, d.id))[:limit]
    upsert_decisions(store, decisions)
    return len(decisions)


def load_agreement(store: Store, path: Path = AGREEMENT) -> bool:
    """The real agreement into `store` through the project's parser; False if it is absent."""
    try:
        from beloftemeter.analysis.promises import extract_statements
        from beloftemeter.models.agreement import Agreement
        from beloftemeter.sources.agreement_pdf import parse_agreement
        from beloftemeter.store.agreement import save_agreement
    except ImportError:
        return False
    parsed = parse_agreement(path.read_bytes())
    agreement = Agreement(
        title=parsed.title,
        source=str(path),
        sha256=parsed.sha256,
        page_count=parsed.page_count,
        nodes=parsed.nodes,
        toc=parsed.toc,
        statements=tuple(extract_statements(parsed.nodes)),
    )
    save_agreement(store, agreement)
    return True
