"""Writing an agreement's tree and its statements under its slug, in one transaction.

Saving an agreement read anew (another PDF, or a newer parser or promise rule) replaces its
tree; saving the same tree again changes nothing; other agreements are never touched.
"""

from __future__ import annotations

from beloftemeter.errors import InputError
from beloftemeter.models.agreement import Agreement
from beloftemeter.sources.known_agreements import KNOWN
from beloftemeter.store.agreements import check_slug
from beloftemeter.store.database import Store
from beloftemeter.store.promise_ids import (
    fill_ids,
    ids_for,
    record_redirects,
    stored_ids,
    taken_ids,
)
from beloftemeter.store.sql import Executes

NODE_COLUMNS = (
    "key, parent_key, kind, ordinal, depth, part, chapter, number, title,"
    " first_page, last_page, text"
)


def _term(agreement: Agreement) -> tuple[str, str | None]:
    """The agreement's term as given, else its known slug's; InputError (Dutch) without one."""
    if agreement.term_start:
        return agreement.term_start, agreement.term_end
    known = KNOWN.get(agreement.slug)
    if known is None:
        raise InputError(f"Onbekende regeerperiode voor akkoord {agreement.slug}: geef het begin"
                         " (--van JJJJ-MM-DD) en zo nodig het einde (--tot JJJJ-MM-DD).")
    return known.term_start, known.term_end


def save_agreement(store: Store, agreement: Agreement) -> bool:
    """Store the agreement (the one with its slug; other agreements are never touched) with
    its nodes and statements. False when exactly this tree and these statements were already
    stored (then only a new `source` or term is recorded, and promise ids a store from before
    them lacks are filled in); a new parser or promise rule applied to the same PDF does
    replace them. Every promise gets its stable id (`models.promises.promise_ids`), unique
    across the store's agreements; an id whose sentence was edited redirects to the new one."""
    check_slug(agreement.slug)
    term_start, term_end = _term(agreement)
    nodes = [
        (
            n.key, n.parent_key, n.kind, ordinal, n.depth, n.part, n.chapter, n.number,
            n.title, n.first_page, n.last_page, n.text,
        )
        for ordinal, n in enumerate(agreement.nodes)
    ]
    statements = [
        (s.node_key, s.ordinal, s.page, s.text, int(s.is_promise)) for s in agreement.statements
    ]
    with store.transaction() as conn:
        row = conn.execute("SELECT id FROM agreements WHERE slug = ?",
                           (agreement.slug,)).fetchone()
        agreement_id = None if row is None else int(row[0])
        ids = ids_for(statements, taken_ids(conn, agreement_id), agreement.slug)
        if agreement_id is not None and _is_stored(conn, agreement_id, agreement, nodes,
                                                   statements):
            conn.execute(
                "UPDATE agreements SET source = ?, term_start = ?, term_end = ? WHERE id = ?"
                " AND (source IS NOT ? OR term_start IS NOT ? OR term_end IS NOT ?)",
                (agreement.source, term_start, term_end, agreement_id, agreement.source,
                 term_start, term_end),
            )
            fill_ids(conn, agreement_id, ids)
            return False
        values = (agreement.title, agreement.source, agreement.sha256, agreement.page_count,
                  term_start, term_end)
        if agreement_id is None:
            previous: dict = {}
            agreement_id = int(conn.execute(
                "INSERT INTO agreements(slug, title, source, sha256, page_count, term_start,"
                " term_end) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (agreement.slug, *values)).fetchone()[0])
        else:
            previous = stored_ids(conn, agreement_id)
            conn.execute("DELETE FROM agreement_statements WHERE agreement_id = ?",
                         (agreement_id,))
            conn.execute("DELETE FROM agreement_nodes WHERE agreement_id = ?", (agreement_id,))
            conn.execute(
                "UPDATE agreements SET title = ?, source = ?, sha256 = ?, page_count = ?,"
                " term_start = ?, term_end = ?, imported_at = datetime('now') WHERE id = ?",
                (*values, agreement_id))
        conn.executemany(
            f"INSERT INTO agreement_nodes(agreement_id, {NODE_COLUMNS})"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(agreement_id, *n) for n in nodes],
        )
        conn.executemany(
            "INSERT INTO agreement_statements(agreement_id, node_key, ordinal, page, text,"
            " is_promise, promise_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(agreement_id, *s, ids.get((s[0], s[1]))) for s in statements],
        )
        record_redirects(conn, previous, ids, {(s[0], s[1]): s[3] for s in statements})
    return True


def _is_stored(
    conn: Executes, agreement_id: int, agreement: Agreement, nodes: list[tuple],
    statements: list[tuple],
) -> bool:
    """Whether the store already holds this PDF with exactly these nodes and statements."""
    current_row = conn.execute(
        "SELECT title, sha256, page_count FROM agreements WHERE id = ?", (agreement_id,)
    ).fetchone()
    if current_row is None or tuple(current_row) != (
        agreement.title, agreement.sha256, agreement.page_count
    ):
        return False
    stored_nodes = conn.execute(
        f"SELECT {NODE_COLUMNS} FROM agreement_nodes WHERE agreement_id = ? ORDER BY ordinal",
        (agreement_id,),
    ).fetchall()
    if [tuple(row) for row in stored_nodes] != nodes:
        return False
    stored_statements = conn.execute(
        "SELECT s.node_key, s.ordinal, s.page, s.text, s.is_promise FROM agreement_statements s"
        " JOIN agreement_nodes n ON n.agreement_id = s.agreement_id AND n.key = s.node_key"
        " WHERE s.agreement_id = ? ORDER BY n.ordinal, s.ordinal", (agreement_id,)
    ).fetchall()
    return [tuple(row) for row in stored_statements] == statements
