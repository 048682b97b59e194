"""From a fused ranking to the hits a user sees: each decision's record, where every ranker
put it, and the snippet of its text that best shows the query's words."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from beloftemeter.models.search import Hit, RankerResult
from beloftemeter.search.fusion import Rankings
from beloftemeter.search.snippets import best_snippet
from beloftemeter.store import Store
from beloftemeter.store.decisions import get_decisions

TITLE_REPEAT_MARGIN = 20  # a text this much longer than the title it starts with loses it


def build_hits(
    store: Store,
    ids: Sequence[str],
    fused: Sequence[tuple[int, float]],
    rankings: Rankings,
    terms: Sequence[str],
    terms_of_word: Callable[[str], tuple[str, ...]],
) -> list[Hit]:
    """Hits of the `fused` (row, score) pairs, best first; rows index `ids`."""
    if not fused:
        return []
    where: dict[str, dict[int, tuple[int, float]]] = {
        name: {row: (rank, float(score)) for rank, (row, score)
               in enumerate(zip(rows.tolist(), scores.tolist(), strict=True), start=1)}
        for name, (rows, scores) in rankings.items()
    }
    records = get_decisions(store, (ids[row] for row, _ in fused))
    wanted = set(terms)
    seen: dict[str, str | None] = {}
    hits = []
    for rank, (row, score) in enumerate(fused, start=1):
        record = records[ids[row]]
        text = record.text
        if text.startswith(record.title) and len(text) > len(record.title) + TITLE_REPEAT_MARGIN:
            text = text[len(record.title) :]  # the title is shown already
        snippet, spans = best_snippet(text, wanted, terms_of_word, seen=seen)
        hits.append(
            Hit(
                decision_id=record.id,
                rank=rank,
                score=round(score, 6),
                meeting_date=record.meeting_date,
                title=record.title,
                item_type=record.item_type,
                instrument=record.instrument,
                stage=record.stage,
                url=record.url,
                rankers=tuple(
                    RankerResult(name, *where[name][row]) for name in rankings if row in where[name]
                ),
                snippet=snippet,
                highlights=spans,
            )
        )
    return hits
