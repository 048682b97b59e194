"""A store of two agreements for the web tests: the sample PDF (tests/unit/agreement) stored as
the 2019-2024 agreement and again as the 2024-2029 one (same tree, other promise ids), every
promise of the first "uitgevoerd" and of the second "in voorbereiding", so that a page shows
by its statuses and ids which agreement it is about."""

from __future__ import annotations

import dataclasses

from beloftemeter.models.assessment import Assessment
from beloftemeter.pipeline.agreement import prepare_agreement
from beloftemeter.store import Store, agreements, scope
from beloftemeter.store.agreement import iter_promises, save_agreement
from beloftemeter.store.assessment import save_assessments
from beloftemeter.store.promise_ids import ids_by_key
from unit.agreement.agreement_pdfs import sample_agreement

OLD, NEW = "vlaanderen-2019-2024", "vlaanderen-2024-2029"  # NEW: the default (most recent)
STATUS = {OLD: "uitgevoerd", NEW: "in voorbereiding"}


def build_several(store: Store) -> dict[str, list[str]]:
    """Both agreements with their verdicts; slug → its promise ids in the agreement's order."""
    parsed = prepare_agreement(sample_agreement(), "sample.pdf")
    save_agreement(store, parsed)
    save_agreement(store, dataclasses.replace(parsed, slug=NEW, sha256="2" * 64,
                                              source="tweede.pdf"))
    ids: dict[str, list[str]] = {}
    for slug in (OLD, NEW):
        with scope.using(agreements.find(store, slug).id):
            promises = list(iter_promises(store))
            save_assessments(store, [Assessment(
                node_key=p.node_key, ordinal=p.ordinal, page=p.page, promise=p.text,
                status=STATUS[slug], reason=f"Reden in {slug}.", rung=0, rung_label="",
                reached_on=None, first_date=None, last_date=None, fingerprint="f")
                for p in promises])
            by_key = ids_by_key(store)
            ids[slug] = [by_key[(p.node_key, p.ordinal)] for p in promises]
    return ids
