"""Decisions an import should never produce but an older store may hold: an id with a slash
and characters that mean something in a URL, and links with schemes a browser would run."""

from __future__ import annotations

from beloftemeter.store import Store
from beloftemeter.store.decisions import upsert_decisions
from support.decision_rows import make_decision

SLASHED_ID = "VR 2021/0312?DOC#1"
SCRIPT_URL = "javascript:alert(1)"
DATA_URL = "data:text/html,<script>alert(1)</script>"
ODD_DECISIONS = {
    SLASHED_ID: ("2021-03-12", "Speelpleinwerking: subsidie voor zomerwerking", SCRIPT_URL),
    "d1": ("2021-04-02", "Zwerfvuil: ontwerp van besluit", DATA_URL),
}


def insert_odd_decisions(store: Store) -> None:
    # Through the store's own upsert, past the importer that would clean the URLs today.
    upsert_decisions(store, [
        make_decision(decision_id, day, title, f"{title}. De regering beslist.", url=url)
        for decision_id, (day, title, url) in ODD_DECISIONS.items()])
