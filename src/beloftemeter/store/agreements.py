"""The agreements of a store: listing them and finding one by slug (`--akkoord`, URLs)."""

from __future__ import annotations

import difflib
import re

from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.models.agreement import AgreementProgress, StoredAgreement
from beloftemeter.store.scope import DEFAULT_ORDER, current
from beloftemeter.store.sql import Executes

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+){1,8}$")
MAX_SLUG = 60
_COLUMNS = ("id, slug, title, source, sha256, page_count, term_start, term_end,"
            " imported_at")


def check_slug(slug: str) -> str:
    """A slug as URLs and commands take it ("vlaanderen-2024-2029"): lower case letters and
    digits in two to nine parts joined by hyphens; InputError (Dutch) otherwise."""
    if len(slug) > MAX_SLUG or not SLUG.match(slug):
        raise InputError(f"Ongeldige naam voor een akkoord: {slug[:MAX_SLUG]!r} (kleine letters"
                         " en cijfers met koppeltekens, bijvoorbeeld vlaanderen-2024-2029).")
    return slug


def _agreement(row) -> StoredAgreement:
    return StoredAgreement(*(row[i] for i in range(9)))


def list_agreements(conn: Executes) -> list[StoredAgreement]:
    """Every agreement, the most recent government first."""
    return [_agreement(row) for row in conn.execute(
        f"SELECT {_COLUMNS} FROM agreements {DEFAULT_ORDER}")]


def find(conn: Executes, slug: str) -> StoredAgreement:
    """The agreement with this slug; NotFoundError (Dutch) naming the known ones otherwise."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM agreements WHERE slug = ?",
                       (slug.strip().lower(),)).fetchone()
    if row is not None:
        return _agreement(row)
    known = [a.slug for a in list_agreements(conn)]
    if not known:
        raise NotFoundError(f"Onbekend akkoord: {slug[:MAX_SLUG]} (er is nog geen regeerakkoord"
                            " ingelezen; gebruik `beloftemeter akkoord import`).")
    close = difflib.get_close_matches(slug.strip().lower(), known, n=1, cutoff=0.6)
    hint = f"bedoelt u {close[0]}? " if close else ""
    raise NotFoundError(f"Onbekend akkoord: {slug[:MAX_SLUG]} ({hint}bekend: {', '.join(known)}).")


def get(conn: Executes, agreement_id: int) -> StoredAgreement | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM agreements WHERE id = ?",
                       (agreement_id,)).fetchone()
    return None if row is None else _agreement(row)


def in_scope(conn: Executes) -> StoredAgreement | None:
    """The agreement in scope (store.scope), None when the store holds none."""
    return get(conn, current(conn))


def progress(conn: Executes) -> list[AgreementProgress]:
    """Every agreement with its promises' verdicts counted, the most recent government first."""
    counts = {row[0]: (row[1], row[2], row[3]) for row in conn.execute(
        "SELECT s.agreement_id, COUNT(*), COUNT(a.status),"
        " SUM(CASE WHEN a.evidence_count > 0 THEN 1 ELSE 0 END)"
        " FROM agreement_statements s LEFT JOIN promise_assessments a"
        " ON a.agreement_id = s.agreement_id AND a.node_key = s.node_key"
        " AND a.ordinal = s.ordinal WHERE s.promise_id IS NOT NULL GROUP BY s.agreement_id")}
    statuses: dict[int, dict[str, int]] = {}
    for agreement_id, status, count in conn.execute(
            "SELECT a.agreement_id, a.status, COUNT(*) FROM promise_assessments a"
            " JOIN agreement_statements s ON s.agreement_id = a.agreement_id"
            " AND s.node_key = a.node_key AND s.ordinal = a.ordinal"
            " WHERE s.promise_id IS NOT NULL GROUP BY a.agreement_id, a.status"
            " ORDER BY a.agreement_id, a.status"):
        statuses.setdefault(agreement_id, {})[status] = int(count)
    reviewed = {row[0]: int(row[1]) for row in conn.execute(
        "SELECT s.agreement_id, COUNT(*) FROM reviews r JOIN agreement_statements s"
        " ON s.promise_id = r.promise_id GROUP BY s.agreement_id")}
    result = []
    for agreement in list_agreements(conn):
        promises, assessed, evidence = counts.get(agreement.id, (0, 0, 0))
        result.append(AgreementProgress(
            agreement, int(promises), int(assessed), statuses.get(agreement.id, {}),
            int(evidence or 0), reviewed.get(agreement.id, 0)))
    return result
