"""One promise's page: its text between its neighbours, its place in the agreement, the
decisions linked to it in three tiers, the actions that plan it, similar promises, its
history and whether the editors checked its verdict. And, for an id that leads nowhere, the
promises it may have meant."""

from __future__ import annotations

import difflib

from beloftemeter.analysis.ministers import responsible
from beloftemeter.ascii_digits import parse_digits
from beloftemeter.errors import NotFoundError
from beloftemeter.models.assessment import EvidenceDecision
from beloftemeter.models.promises import (
    LinkedDecision,
    PlannedStep,
    PromiseDetail,
    PromiseSummary,
)
from beloftemeter.models.public_review import PublicReview
from beloftemeter.models.review import REJECTED
from beloftemeter.pipeline.promise_cache import promise_search
from beloftemeter.store import Store
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import history as history_store
from beloftemeter.store import promise_list as list_store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.assessment import load_assessments
from beloftemeter.store.decisions import get_decisions
from beloftemeter.store.policy import actions_for_promise
from beloftemeter.store.promise_ids import ids_by_key, key_of, resolve
from beloftemeter.urls import is_web_url

SIMILAR = 5


def resolve_promise_id(store: Store, promise_id: str) -> str | None:
    """The current id of `promise_id`: itself, the id an edited sentence redirects to, or
    for the older "section#ordinal" form (search hits) the id of that promise; None when it
    leads nowhere."""
    found = resolve(store, promise_id)
    if found is None and "#" in promise_id:
        section, _, ordinal = promise_id.strip().rpartition("#")
        number = parse_digits(ordinal, 9)
        if number is not None:
            found = ids_by_key(store).get((section, number))
    return found


def closest_promise_ids(store: Store, promise_id: str, limit: int = 5) -> list[PromiseSummary]:
    """The promises an unknown id may have meant: ids spelled almost alike, then the
    promises of the section a "section#ordinal" id names."""
    ids = ids_by_key(store)
    close = difflib.get_close_matches(promise_id.strip().lower(), list(ids.values()),
                                      n=limit, cutoff=0.7)
    section = promise_id.rpartition("#")[0]
    close += [pid for (key, _), pid in ids.items() if key == section and pid not in close]
    rows = list_store.summaries(store, close[:limit])
    return [rows[pid] for pid in close[:limit] if pid in rows]


def _path(store: Store, node_key: str) -> tuple[tuple[str, str, str], ...]:
    nodes = {}
    node = agreement_store.get_node(store, node_key)
    while True:
        title = f"{node.number} {node.title}" if node.kind == "section" and node.number else (
            node.chapter if node.kind == "chapter" and node.chapter else node.title)
        nodes[node.key] = (node.kind, node.key, title)
        if node.parent_key is None or node.parent_key in nodes:
            break
        node = agreement_store.get_node(store, node.parent_key)
    return tuple(reversed(list(nodes.values())))


def _linked(store: Store, rows: tuple[EvidenceDecision, ...]) -> tuple[LinkedDecision, ...]:
    decisions = get_decisions(store, [row.decision_id for row in rows])
    result = []
    for row in rows:
        decision = decisions.get(row.decision_id)
        url = decision.url if decision is not None and is_web_url(decision.url) else ""
        result.append(LinkedDecision(
            decision_id=row.decision_id, meeting_date=row.meeting_date, stage=row.stage,
            instrument=row.instrument, amounts=() if decision is None else decision.amounts,
            title=row.title, url=url, score=row.score, passage=row.passage))
    return tuple(result)


def _similar(store: Store, summary: PromiseSummary) -> tuple[PromiseSummary, ...]:
    search, ids = promise_search(store)
    hits = search.find(summary.text, limit=SIMILAR + 1).hits
    wanted = [pid for pid in (ids[search.lexical.ids.index(h.id)] for h in hits)
              if pid and pid != summary.id][:SIMILAR]
    rows = list_store.summaries(store, wanted)
    return tuple(rows[pid] for pid in wanted if pid in rows)


def public_review(store: Store, promise_id: str) -> PublicReview:
    """What a reader sees of the editors' review of the promise (never who made it)."""
    review = reviews_store.get_review(store, promise_id)
    if review is None:
        return PublicReview()
    return PublicReview(
        reviewed=True, reviewed_at=review.reviewed_at, status_source=review.status_source,
        note=review.note,
        rejected_count=sum(1 for verdict in review.links.values() if verdict == REJECTED))


def get_promise(store: Store, promise_id: str, pdf_url: str | None = None) -> PromiseDetail:
    """The page of one promise (an old id is followed to its successor). `pdf_url`: where
    the agreement's PDF is published, when the store holds only a local path to it."""
    current = resolve_promise_id(store, promise_id)
    key = None if current is None else key_of(store, current)
    if current is None or key is None:
        raise NotFoundError(f"Onbekende belofte: {promise_id} (zie `beloftemeter beloften"
                            " lijst` voor de ids).")
    summary = list_store.summaries(store, [current])[current]
    before, after = list_store.neighbours(store, *key)
    assessment = next((a for a in load_assessments(store, [key[0]]) if a.ordinal == key[1]),
                      None)
    info = agreement_store.agreement_info(store) or {}
    source = pdf_url or info.get("source", "")
    page_url = f"{source}#page={summary.page}" if is_web_url(source) and source.lower(
        ).split("?")[0].endswith(".pdf") else ""
    plans = tuple(PlannedStep(
        document=plan.document_title, action=f"{plan.action_number} {plan.action_title}",
        minister=", ".join(dict.fromkeys(name for _, name in responsible(plan.responsible))),
        timing=plan.timing, budget=plan.budget) for plan in actions_for_promise(store, *key))
    history = tuple(history_store.history_of(store, current))
    return PromiseDetail(
        summary=summary, previous_sentence=before, next_sentence=after,
        path=_path(store, key[0]), pdf_page_url=page_url,
        evidence=_linked(store, assessment.evidence) if assessment else (),
        candidates=_linked(store, assessment.candidates) if assessment else (),
        context=_linked(store, assessment.context) if assessment else (),
        plans=plans, assessed_at=list_store.assessment_meta(store, *key),
        rules_version=history[0].rules_version if history else "",
        similar=_similar(store, summary), history=history,
        review=public_review(store, current))
