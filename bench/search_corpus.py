"""Shared by the search benchmarks: load the real decisions into a store, find the shared data."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from beloftemeter.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BELOFTEMETER_SHARED_DATA", ROOT.parent / "shared" / "data"))
DECISIONS = SHARED_DATA / "decisions-vr-2019-2024.jsonl"
AGREEMENT = SHARED_DATA / "regeerakkoord-2019-2024.pdf"
LABELS = SHARED_DATA / "labels" / "reference-citations-tuning.json"
CACHE = ROOT / ".cache" / "vectors.sqlite"


def load_decisions(store: Store, path: Path = DECISIONS) -> int:
    """The real decisions into `store`, through the project's importer when it exists."""
    try:
        from beloftemeter.sources.decisions_dump import read_jsonl
        from beloftemeter.store.decisions import upsert_decisions
    except ImportError:
        return _insert_raw(store, path)
    decisions = list(read_jsonl(path))
    upsert_decisions(store, decisions)
    return len(decisions)


def _insert_raw(store: Store, path: Path) -> int:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            title = item["title"] or " ".join(item["text"].split()[:12])
            digest = hashlib.sha256(line.encode("utf-8")).hexdigest()
            url = f"http://themis.vlaanderen.be/id/nieuwsbrief-info/{item['id']}"
            rows.append(
                (item["id"], item["meeting_date"], item["agenda_item_type"], title,
                 item["text"], url, item["source_url"], digest)
            )
    with store.transaction() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO decisions(id, meeting_date, item_type, title, text, url,"
            " source_url, content_hash) VALUES (?,?,?,?,?,?,?,?)",
            rows,
        )
    return len(rows)


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
