"""What an answer is written from: the decisions about the question, one per dossier, or, when
no decision is about it, the promises of the agreement that come closest."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from beloftemeter.analysis.dossiers import collapse_by_dossier
from beloftemeter.answer.extractive import PASSAGES
from beloftemeter.answer.relevance import decisions_with_all_words, is_answered, question_core
from beloftemeter.models.dossiers import Dossier
from beloftemeter.models.search import Hit, PromiseHit
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.promises import PromiseSearch

# Ranked decisions read before one per dossier is kept: a file of three stages takes three
# places, so 4 x PASSAGES leaves room for PASSAGES different files in all but odd cases.
DEPTH = 4 * PASSAGES
CLOSEST_PROMISES = 5


@dataclass(frozen=True)
class Retrieved:
    found: bool
    hits: tuple[Hit, ...]  # the best decision of each dossier, best first
    promises: tuple[PromiseHit, ...]  # the closest promises, when nothing was found


def retrieve(question: str, engine: SearchEngine, promises: PromiseSearch | None,
             dossiers_for: Callable[[Sequence[str]], Mapping[str, Dossier]]) -> Retrieved:
    """The decisions an answer to `question` cites, or the closest promises instead."""
    core = question_core(question)
    if not is_answered(decisions_with_all_words(engine, core)):
        closest = promises.find(core, limit=CLOSEST_PROMISES).hits if promises else ()
        return Retrieved(False, (), tuple(closest))
    hits = engine.find(core, limit=DEPTH).hits
    named = [h for h in hits if h.exact_names]
    if named:  # "M-decreet" asked, decisions that name it found: the rest only share "decreet"
        hits = tuple(named)
    ids = [h.decision_id for h in hits]
    kept = set(collapse_by_dossier(ids, dossiers_for(ids)))
    return Retrieved(True, tuple(h for h in hits if h.decision_id in kept)[:PASSAGES], ())
