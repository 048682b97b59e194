"""Policy documents in the store: saved whole, read back, and linked to promises."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

from beloftemeter.errors import NotFoundError
from beloftemeter.models.policy import (
    Action,
    Objective,
    PlannedAction,
    PolicyDocument,
    PromiseLink,
)
from beloftemeter.store import Store
from beloftemeter.store.scope import current


def save_document(
    store: Store,
    document: PolicyDocument,
    promise_links: Iterable[PromiseLink],
    decision_links: Iterable[tuple[str, str, int, float]],
) -> None:
    """Replace the document (same id) with this one and its links, all or nothing; it plans
    promises of the agreement in scope."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM policy_promise_links WHERE document_id = ?", (document.id,))
        conn.execute("DELETE FROM policy_decision_links WHERE document_id = ?", (document.id,))
        conn.execute("DELETE FROM policy_documents WHERE id = ?", (document.id,))
        conn.execute(
            "INSERT INTO policy_documents(id, title, source, sha256, warnings, imported_at,"
            " agreement_id) VALUES (?,?,?,?,?,?,?)",
            (document.id, document.title, document.source, document.sha256,
             "\n".join(document.warnings), datetime.now(UTC).isoformat(timespec="seconds"),
             current(conn)),
        )
        conn.executemany(
            "INSERT INTO policy_objectives(document_id, ordinal, kind, number, title)"
            " VALUES (?,?,?,?,?)",
            [(document.id, i, o.kind, o.number, o.title)
             for i, o in enumerate(document.objectives)],
        )
        conn.executemany(
            "INSERT INTO policy_actions(document_id, number, ordinal, title, objective, text,"
            " goals, responsible, agreement_pages, agreement_quotes, timing, budget)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(document.id, a.number, i, a.title, a.objective, a.text, a.goals, a.responsible,
              a.agreement_pages, json.dumps(list(a.agreement_quotes), ensure_ascii=False),
              a.timing, a.budget) for i, a in enumerate(document.actions)],
        )
        conn.executemany(
            "INSERT INTO policy_promise_links(document_id, action_number, node_key,"
            " ordinal, method, score, evidence) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            [(link.document_id, link.action_number, link.node_key, link.ordinal, link.method,
              link.score, link.evidence) for link in promise_links],
        )
        conn.executemany(
            "INSERT INTO policy_decision_links(document_id, action_number,"
            " decision_id, rank, score) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
            [(document.id, *row) for row in decision_links],
        )


def list_documents(store: Store) -> list[dict]:
    return [dict(row) for row in store.execute(
                "SELECT d.id, d.title, d.source, d.imported_at,"
                " (SELECT COUNT(*) FROM policy_actions a WHERE a.document_id = d.id) AS acties,"
                " (SELECT COUNT(*) FROM policy_objectives o WHERE o.document_id = d.id)"
                " AS doelstellingen FROM policy_documents d WHERE d.agreement_id = ?"
                " ORDER BY d.id", (current(store),))]


def get_document(store: Store, document_id: str) -> PolicyDocument:
    row = store.execute("SELECT * FROM policy_documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        known = ", ".join(d["id"] for d in list_documents(store)) or "geen"
        raise NotFoundError(f"Onbekend beleidsdocument: {document_id} (bekend: {known}).")
    objectives = tuple(Objective(r["kind"], r["number"], r["title"]) for r in store.execute(
        "SELECT * FROM policy_objectives WHERE document_id = ? ORDER BY ordinal", (document_id,)))
    actions = tuple(Action(
        number=r["number"], title=r["title"], objective=r["objective"], text=r["text"],
        goals=r["goals"], responsible=r["responsible"], agreement_pages=r["agreement_pages"],
        agreement_quotes=tuple(json.loads(r["agreement_quotes"])), timing=r["timing"],
        budget=r["budget"]) for r in store.execute(
        "SELECT * FROM policy_actions WHERE document_id = ? ORDER BY ordinal", (document_id,)))
    return PolicyDocument(row["id"], row["title"], row["source"], row["sha256"], objectives,
                          actions, (), tuple(w for w in row["warnings"].split("\n") if w))


def promise_links(store: Store, document_id: str) -> list[PromiseLink]:
    return [PromiseLink(*r) for r in store.execute(
        "SELECT document_id, action_number, node_key, ordinal, method, score, evidence"
        " FROM policy_promise_links WHERE document_id = ? ORDER BY action_number",
        (document_id,))]


def decision_links(store: Store, document_id: str) -> list[tuple[str, str, int, float]]:
    return [tuple(r) for r in store.execute(
        "SELECT action_number, decision_id, rank, score FROM policy_decision_links"
        " WHERE document_id = ? ORDER BY action_number, rank", (document_id,))]


def actions_for_promise(store: Store, node_key: str, ordinal: int) -> list[PlannedAction]:
    """The planned actions linked to one agreement statement, quotes first."""
    return [PlannedAction(*r) for r in store.execute(
        "SELECT d.id, d.title, a.number, a.title, a.responsible, a.timing, a.budget, l.method,"
        " l.score FROM policy_promise_links l"
        " JOIN policy_actions a ON a.document_id = l.document_id AND a.number = l.action_number"
        " JOIN policy_documents d ON d.id = l.document_id"
        " WHERE l.node_key = ? AND l.ordinal = ? AND d.agreement_id = ?"
        " ORDER BY l.score DESC, d.id, a.ordinal", (node_key, ordinal, current(store)))]


def planned_promises(store: Store) -> set[tuple[str, int]]:
    """Statements with at least one planned action."""
    return {(r[0], r[1]) for r in store.execute(
        "SELECT DISTINCT l.node_key, l.ordinal FROM policy_promise_links l"
        " JOIN policy_documents d ON d.id = l.document_id WHERE d.agreement_id = ?",
        (current(store),))}
