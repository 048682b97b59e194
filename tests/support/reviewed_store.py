"""The tiny assessed store with editors' reviews saved through pipeline.review, as an editor's
form saves them: script in a reason and a note, editors' names that must never reach a
public page, and one save that changes nothing the public sees (not a correction).

    ids = build_reviewed(store)   # {"toll": ..., "tram": ..., "bikes": ...}
"""

from __future__ import annotations

from beloftemeter.models.review import ADDED, REJECTED, ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import Store
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TOLL, TRAM, build

SCRIPT = "<script>alert('x')</script>"
EDITORS = ("anna.geheim", "bert.geheim")  # "geheim" appears nowhere else
NOTE = f"Zie ook de mededeling van mei. {SCRIPT}"
REASON = f"De minister kondigde een oproep aan. {SCRIPT}"


def build_reviewed(store: Store) -> dict[str, str]:
    build(store)
    ids = ids_by_key(store)
    found = {"toll": ids[(TOLL, 0)], "tram": ids[(TRAM, 0)], "bikes": ids[(TRAM, 1)]}
    anna, bert = EDITORS
    # The decree's ratification rejected: the ladder publishes what is left.
    save_review(store, ReviewEdit(found["toll"], 0, anna, {"k3": REJECTED}, note=NOTE),
                at="2026-11-30T10:00:00+00:00")
    # The editor links a decision by hand and sets the status, with a reason.
    save_review(store, ReviewEdit(found["bikes"], 0, bert, {"t1": ADDED},
                                  status="in voorbereiding", reason=REASON),
                at="2026-12-01T09:00:00+00:00")
    # Saved again unchanged: in the audit, not among the corrections.
    save_review(store, ReviewEdit(found["toll"], 1, bert, {"k3": REJECTED}, note=NOTE),
                at="2026-12-02T08:00:00+00:00")
    return found
