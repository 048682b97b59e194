"""From a fused ranking to the hits a user sees: each decision's record, where every ranker
put it, the names of the query it contains, and the snippet of its text that best shows the
query's words (from the summary rather than the formal title, `sources.decision_reading`
knows where each starts)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from beloftemeter.models.search import Hit, RankerResult
from beloftemeter.search.fusion import Rankings
from beloftemeter.search.names import NameForm
from beloftemeter.search.snippets import best_snippet
from beloftemeter.sources.decision_reading import split_text
from beloftemeter.store import Store
from beloftemeter.store.decisions import get_decisions

TITLE_REPEAT_MARGIN = 20  # a text no more than this beyond its title is shown whole


def build_hits(
    store: Store,
    ids: Sequence[str],
    fused: Sequence[tuple[int, float]],
    rankings: Rankings,
    terms: Sequence[str],
    terms_of_word: Callable[[str], tuple[str, ...]],
    names: Sequence[NameForm] = (),
    names_of_row: Mapping[int, tuple[str, ...]] | None = None,
) -> list[Hit]:
    """Hits of the `fused` (row, score) pairs, best first; rows index `ids`. `names` are the
    query's names (marked in the snippet), `names_of_row` those each row contains."""
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
        formal, summary = split_text(record.title, record.text)  # the title is shown already
        if len(formal) + len(summary) <= TITLE_REPEAT_MARGIN:
            formal, summary = "", record.text
        contained = (names_of_row or {}).get(row, ())
        snippet, spans = best_snippet(summary, wanted, terms_of_word, seen=seen,
                                      boilerplate=formal,
                                      names=[n for n in names if n.text in contained])
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
                exact_names=contained,
            )
        )
    return hits
