"""History rows for the tiny assessed store, as assessment runs would have written them: every
promise's first assessment, then the toll promise going from 'in voorbereiding' (the concept
note only) to 'uitgevoerd' when the decree was ratified."""

from __future__ import annotations

from dataclasses import replace

from beloftemeter.analysis.history import change
from beloftemeter.store import Store
from beloftemeter.store.assessment import load_assessments
from beloftemeter.store.history import append_history
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TOLL

RULES = "evidence-15"
FIRST_RUN = "2021-01-15T08:00:00+00:00"
SECOND_RUN = "2022-03-14T08:00:00+00:00"


def add_history(store: Store) -> None:
    ids = ids_by_key(store)
    entries = []
    for a in load_assessments(store):
        pid = ids[(a.node_key, a.ordinal)]
        if a.node_key == TOLL:
            earlier = replace(a, status="in voorbereiding", evidence=a.evidence[:1])
            first = change(pid, None, earlier, RULES, FIRST_RUN)
            entries.append(first)
            entries.append(change(pid, (first.after_status, first.after_evidence, RULES), a,
                                  RULES, SECOND_RUN))
        else:
            entries.append(change(pid, None, a, RULES, FIRST_RUN))
    with store.transaction() as conn:
        append_history(conn, [e for e in entries if e is not None])
