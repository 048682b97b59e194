"""Decisions an import should never produce but an older store may hold: an id with a slash
and characters that mean something in a URL, and links with schemes a browser would run."""

from __future__ import annotations

from beloftemeter.store import Store

SLASHED_ID = "VR 2021/0312?DOC#1"
SCRIPT_URL = "javascript:alert(1)"
DATA_URL = "data:text/html,<script>alert(1)</script>"
ODD_DECISIONS = {
    SLASHED_ID: ("2021-03-12", "Speelpleinwerking: subsidie voor zomerwerking", SCRIPT_URL),
    "d1": ("2021-04-02", "Zwerfvuil: ontwerp van besluit", DATA_URL),
}


def insert_odd_decisions(store: Store) -> None:
    # Straight into the table, like an older store: an import today would clean the URLs.
    with store.transaction() as conn:
        for decision_id, (day, title, url) in ODD_DECISIONS.items():
            conn.execute(
                "INSERT INTO decisions(id, meeting_date, item_type, title, text, url,"
                " content_hash) VALUES (?,?,?,?,?,?,?)",
                (decision_id, day, "nota", title, f"{title}. De regering beslist.", url,
                 "h-" + decision_id))
