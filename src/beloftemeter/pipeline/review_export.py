"""The editors' verdicts as hand labels: the file format `analysis.evaluation` reads
(`{"description", "labels": [{section_key, promise, status, key_decisions, ...}]}`), so the
relevance model can be refitted and measured on them (`bench.editor_learning`).

A reviewed promise's key decisions are the decisions its published evidence rests on as the
editor left it: the machine's evidence the editor saw minus what they rejected, plus what they
confirmed or added. As in the hand-label sets, `geen beslissing gevonden` and `niet te
beoordelen` have none. Nothing about accounts goes in: no user name, no password, no hash.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from beloftemeter.errors import InputError
from beloftemeter.models.assessment import NO_DECISION, NOT_VERIFIABLE
from beloftemeter.models.review import ADDED, CONFIRMED, REJECTED, Review
from beloftemeter.pipeline.base import StoreLike, opened
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.assessment import load_assessments
from beloftemeter.store.promise_ids import ids_by_key

DESCRIPTION = (
    "Oordelen van de redactie van beloftemeter, geëxporteerd met `beloftemeter redactie"
    " export`: per nagekeken belofte de status die de redactie publiceert en de beslissingen"
    " waarop haar bewijs rust (het automatische bewijs dat de redacteur zag min wat hij"
    " afwees, plus wat hij bevestigde of toevoegde); leeg bij 'geen beslissing gevonden' en"
    " 'niet te beoordelen'. Zelfde vorm als tests/fixtures/assessment_labels*.json."
)
NO_KEYS = (NO_DECISION, NOT_VERIFIABLE)


def key_decisions(review: Review) -> tuple[str, ...]:
    """The decisions the editor's verdict rests on, sorted."""
    if review.status in NO_KEYS:
        return ()
    rejected = {d for d, verdict in review.links.items() if verdict == REJECTED}
    chosen = {d for d, verdict in review.links.items() if verdict in (CONFIRMED, ADDED)}
    return tuple(sorted((review.evidence_seen - rejected) | chosen))


def export_labels(store: StoreLike) -> dict[str, Any]:
    """Every reviewed promise that has an assessment, in agreement order, as a label."""
    labels = []
    with opened(store) as target:
        ids = ids_by_key(target)
        reviews = reviews_store.reviews_by_id(target)
        assessments = load_assessments(target)
    for a in assessments:
        review = reviews.get(ids.get((a.node_key, a.ordinal), ""))
        if review is None:
            continue
        labels.append({
            "promise_id": review.promise_id, "section_key": a.node_key, "promise": a.promise,
            "page": a.page, "status": review.status, "key_decisions": list(key_decisions(review)),
            "rejected_decisions": sorted(d for d, v in review.links.items() if v == REJECTED),
            "uncertain": False, "rationale": review.reason, "version": review.version,
            "reviewed_at": review.reviewed_at,
        })
    return {"description": DESCRIPTION, "labels": labels}


def write_export(store: StoreLike, path: str | Path) -> int:
    """Write the labels to `path` (whole or not at all); the number of labels."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is een map; geef een bestandsnaam (bv. redactie.json).")
    if not target.parent.is_dir():
        raise InputError(f"De map {target.parent} bestaat niet.")
    data = export_labels(store)
    # a temporary file beside the target, renamed at the end: a crash leaves the old file
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".redactie-",
                                             suffix=".json")
    except OSError as exc:
        raise InputError(f"Kan niet schrijven in {target.parent}: {exc.strerror}.") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.chmod(temporary, 0o644)  # mkstemp makes it private; labels are not secret
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"Kan {target} niet schrijven: {exc.strerror}.") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(data["labels"])
