"""The queries of the promise list (issue 18): facet counts grouped in one pass, one page of
promises under the filters, and the promises' policy links.

Facets are counted from `facet_groups`: the promises grouped by every facet value at once
(statuses × parts × chapters × stages × years: a few hundred groups for the real agreement),
so each facet can be counted under the other filters in Python without another query. Only
promises with a planned action keep a group of their own (their ministers and domains are
many per promise).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from beloftemeter.models.assessment import STATUSES
from beloftemeter.models.promises import PromiseSummary
from beloftemeter.store.database import Store


@dataclass(frozen=True)
class Where:
    """The filters as the store applies them; `ids`: only these promise ids (text search,
    minister, domain), None: no such restriction."""

    status: str | None = None  # "" : not assessed yet
    part: str | None = None  # the part's title, as nodes store it
    chapter: str | None = None  # the chapter's title ("1 — Onderwijs")
    has_evidence: bool | None = None
    latest_stage: str | None = None
    latest_year: int | None = None
    ids: Sequence[str] | None = None


# The covering indexes of migration 0012 named outright, and `+` keeps the planner off the
# promise_id index: each halves the scan of 100,000 promises or better (bench.promise_list).
_FROM = (" FROM agreement_statements s INDEXED BY agreement_statements_list"
         " JOIN agreement_nodes n ON n.key = s.node_key"
         " LEFT JOIN promise_assessments a INDEXED BY promise_assessments_list"
         " ON a.node_key = s.node_key AND a.ordinal = s.ordinal"
         " WHERE s.is_promise = 1 AND +s.promise_id IS NOT NULL")
_SUMMARY_FROM = (" FROM agreement_statements s JOIN agreement_nodes n ON n.key = s.node_key"
                 " LEFT JOIN promise_assessments a ON a.node_key = s.node_key"
                 " AND a.ordinal = s.ordinal WHERE s.promise_id IN"
                 " (SELECT value FROM json_each(?))")
_SUMMARY = ("SELECT s.promise_id, s.node_key, s.ordinal, s.page, s.text, a.status, a.reason,"
            " n.part, n.chapter, n.number, n.title, COALESCE(a.evidence_count, 0),"
            " COALESCE(a.candidate_count, 0), a.last_date, a.latest_stage")
_STATUS_ORDER = " ".join(f"WHEN '{status}' THEN {rank}" for rank, status in enumerate(STATUSES))
SORTS = {
    "agreement": "n.ordinal, s.ordinal",
    "latest": "a.last_date IS NULL, a.last_date DESC, n.ordinal, s.ordinal",
    "status": f"CASE a.status {_STATUS_ORDER} ELSE {len(STATUSES)} END, n.ordinal, s.ordinal",
}


def _conditions(where: Where) -> tuple[str, list]:
    sql, params = [], []
    if where.status == "":
        sql.append("a.status IS NULL")
    elif where.status is not None:
        sql.append("a.status = ?")
        params.append(where.status)
    for column, value in (("n.part", where.part), ("n.chapter", where.chapter),
                          ("a.latest_stage", where.latest_stage)):
        if value is not None:
            sql.append(f"{column} = ?")
            params.append(value)
    if where.has_evidence is not None:
        sql.append("COALESCE(a.evidence_count, 0) > 0" if where.has_evidence
                   else "COALESCE(a.evidence_count, 0) = 0")
    if where.latest_year is not None:
        sql.append("a.last_date >= ? AND a.last_date < ?")
        params += [f"{where.latest_year:04d}", f"{where.latest_year + 1:04d}"]
    if where.ids is not None:
        sql.append("s.promise_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(where.ids)))
    return "".join(f" AND {condition}" for condition in sql), params


def facet_groups(store: Store, ids: Sequence[str] | None = None) -> list[tuple]:
    """(status, part, chapter, has evidence, latest stage, latest year, promise id or None,
    count): the promises (of `ids`, if given) grouped by every facet value; a promise with a
    planned action in a group of its own, under its id."""
    clause, params = _conditions(Where(ids=ids))
    return [tuple(row) for row in store.execute(
        "SELECT a.status, n.part, n.chapter, COALESCE(a.evidence_count, 0) > 0,"
        " a.latest_stage, CAST(substr(a.last_date, 1, 4) AS INTEGER),"
        " CASE WHEN EXISTS (SELECT 1 FROM policy_promise_links l WHERE l.node_key ="
        " s.node_key AND l.ordinal = s.ordinal) THEN s.promise_id END AS linked, COUNT(*)"
        f"{_FROM}{clause} GROUP BY 1, 2, 3, 4, 5, 6, 7", params)]


def facet_rows(store: Store) -> dict[str, tuple]:
    """promise id → the group key `facet_groups` would count it under (status, part, chapter,
    has evidence, latest stage, latest year, its id when it has a planned action), so any
    subset of promises can be grouped without another query."""
    return {row[0]: tuple(row[1:]) for row in store.execute(
        "SELECT s.promise_id, a.status, n.part, n.chapter, COALESCE(a.evidence_count, 0) > 0,"
        " a.latest_stage, CAST(substr(a.last_date, 1, 4) AS INTEGER),"
        " CASE WHEN EXISTS (SELECT 1 FROM policy_promise_links l WHERE l.node_key ="
        " s.node_key AND l.ordinal = s.ordinal) THEN s.promise_id END"
        f"{_FROM}")}


def _summary(row: Sequence) -> PromiseSummary:
    number, title = row[9], row[10]
    return PromiseSummary(
        id=row[0], section=row[1], ordinal=row[2], page=row[3], text=row[4], status=row[5],
        reason=row[6], part=row[7], chapter=row[8],
        section_title=f"{number} {title}" if number else title, evidence_count=row[11],
        candidate_count=row[12], latest_decision_date=row[13], latest_stage=row[14])


def page_of(store: Store, where: Where, sort: str, limit: int | None,
            offset: int = 0) -> list[PromiseSummary]:
    """One page of the promises under `where`, in the order `sort` names (a key of SORTS);
    `limit` None: all of them. The ids are chosen first (from the indexes alone), then only
    their rows are read whole."""
    clause, params = _conditions(where)
    tail = "" if limit is None else " LIMIT ? OFFSET ?"
    extra = [] if limit is None else [limit, offset]
    ids = [row[0] for row in store.execute(
        f"SELECT s.promise_id{_FROM}{clause} ORDER BY {SORTS[sort]}{tail}", (*params, *extra))]
    found = summaries(store, ids)
    return [found[i] for i in ids if i in found]


def summaries(store: Store, ids: Sequence[str]) -> dict[str, PromiseSummary]:
    """id → summary of the promises with these ids."""
    return {row[0]: _summary(row) for row in store.execute(
        f"{_SUMMARY}{_SUMMARY_FROM}", (json.dumps(list(ids)),))}


def neighbours(store: Store, node_key: str, ordinal: int) -> tuple[str | None, str | None]:
    """The statements just before and after one (of the same node), any kind."""
    before = store.execute("SELECT text FROM agreement_statements WHERE node_key = ? AND"
                           " ordinal < ? ORDER BY ordinal DESC LIMIT 1",
                           (node_key, ordinal)).fetchone()
    after = store.execute("SELECT text FROM agreement_statements WHERE node_key = ? AND"
                          " ordinal > ? ORDER BY ordinal LIMIT 1", (node_key, ordinal)).fetchone()
    return (None if before is None else before[0], None if after is None else after[0])


def policy_responsibles(store: Store) -> list[tuple[str, str, str]]:
    """(promise id, document title, the action's "Bevoegde beleidsdomeinen en ministers")
    for every planned action linked to a promise."""
    return [tuple(row) for row in store.execute(
        "SELECT s.promise_id, d.title, a.responsible FROM policy_promise_links l"
        " JOIN agreement_statements s ON s.node_key = l.node_key AND s.ordinal = l.ordinal"
        " JOIN policy_actions a ON a.document_id = l.document_id AND a.number = l.action_number"
        " JOIN policy_documents d ON d.id = l.document_id WHERE s.promise_id IS NOT NULL"
        " ORDER BY s.promise_id, d.id, a.ordinal")]


def assessment_meta(store: Store, node_key: str, ordinal: int) -> str | None:
    """When the promise was last assessed (ISO), None when it was not."""
    row = store.execute("SELECT assessed_at FROM promise_assessments WHERE node_key = ? AND"
                        " ordinal = ?", (node_key, ordinal)).fetchone()
    return None if row is None else row[0]


# Per open store: (cheap stamp, full version). The full version scans several tables (about
# 2 ms on the real store, a third of a list request); the stamp is two counters SQLite keeps.
_versions: WeakKeyDictionary[Store, tuple[tuple[int, int], tuple]] = WeakKeyDictionary()


def data_version(store: Store) -> tuple:
    """Changes whenever what the list shows may have changed: the agreement, the assessments,
    the history and the policy documents.

    Recomputed only when the database changed since the last call: `PRAGMA data_version`
    moves when another connection commits, `total_changes` when this one writes."""
    stamp = (store.execute("PRAGMA data_version").fetchone()[0],
             store.connection.total_changes)
    known = _versions.get(store)
    if known is not None and known[0] == stamp:
        return known[1]
    version = _full_version(store)
    _versions[store] = (stamp, version)
    return version


def _full_version(store: Store) -> tuple:
    return tuple(store.execute(
        "SELECT (SELECT imported_at FROM agreement WHERE id = 1),"
        " (SELECT COUNT(*) FROM agreement_statements WHERE promise_id IS NOT NULL),"
        " (SELECT MAX(assessed_at) FROM promise_assessments),"
        " (SELECT COUNT(*) FROM promise_assessments), (SELECT MAX(id) FROM promise_history),"
        " (SELECT MAX(imported_at) FROM policy_documents)").fetchone())
