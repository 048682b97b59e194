"""The review queue over a store: each assessed promise's published verdict, its review and
its open reader reports, ordered by `analysis.review_queue`.

    entries = review_queue(store, settings, limit=20, status="uitgevoerd", chapter="onderwijs")

Filters as in the public list (a status; a chapter by key or title); an unknown value is an
InputError naming the valid ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from beloftemeter.analysis.review_queue import QueueEntry, QueueInput
from beloftemeter.analysis.review_queue import review_queue as ordered
from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.models.assessment import STATUSES, Assessment
from beloftemeter.pipeline.base import StoreLike, opened
from beloftemeter.pipeline.promise_cache import vocabulary
from beloftemeter.store import Store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.assessment import load_assessments
from beloftemeter.store.promise_ids import ids_by_key


def queue_inputs(store: Store,
                 assessments: Iterable[Assessment] | None = None) -> list[QueueInput]:
    """Every assessed promise with an id, in agreement order, with its review and the
    number of its open reader reports. `assessments`: the published verdicts when the caller
    holds them already (the web app's snapshot), in agreement order; else read here."""
    ids = ids_by_key(store)
    reviews = reviews_store.reviews_by_id(store)
    reports = reviews_store.open_reports(store)
    items = []
    for a in load_assessments(store) if assessments is None else assessments:
        promise_id = ids.get((a.node_key, a.ordinal))
        if promise_id is not None:
            items.append(QueueInput(promise_id, a, reviews.get(promise_id),
                                    len(reports.get(promise_id, ()))))
    return items


def _status(value: str) -> str:
    options = {s.casefold(): s for s in STATUSES}
    found = options.get(" ".join(value.split()).casefold())
    if found is None:
        raise InputError(f"Onbekende status: {value!r} (kies uit: {', '.join(STATUSES)}).")
    return found


def _chapter_key(store: Store, value: str) -> str:
    """The key of the chapter `value` names (its key or its title, any case)."""
    chapters = vocabulary(store).chapters  # title -> (key, title), in agreement order
    options = {key.casefold(): key for key, _ in chapters.values()}
    options.update({title.casefold(): key for title, (key, _) in chapters.items()})
    found = options.get(" ".join(value.split()).casefold())
    if found is None:
        valid = ", ".join(key for key, _ in chapters.values())
        raise InputError(f"Onbekend hoofdstuk: {value!r} (kies uit: {valid or 'geen'}).")
    return found


def review_queue(store: StoreLike, settings: Settings | None = None, limit: int | None = None,
                 status: str | None = None, chapter: str | None = None,
                 assessments: Iterable[Assessment] | None = None) -> list[QueueEntry]:
    """The promises worth a review, most worth first (at most `limit`), of one published
    status and one chapter when given. `settings` is taken for symmetry with the other use
    cases; the queue needs none. `assessments`: see `queue_inputs`."""
    if limit is not None and limit < 1:
        raise InputError("Het aantal moet minstens 1 zijn.")
    with opened(store) as target:
        wanted_status = None if status is None else _status(status)
        prefix = None if chapter is None else _chapter_key(target, chapter)
        items = [
            item for item in queue_inputs(target, assessments)
            if (wanted_status is None or item.assessment.status == wanted_status)
            and (prefix is None or item.assessment.node_key == prefix
                 or item.assessment.node_key.startswith(prefix + "/"))
        ]
    entries = ordered(items)
    return entries if limit is None else entries[:limit]
