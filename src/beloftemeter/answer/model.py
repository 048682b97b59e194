"""The answer to a question, as pages, the API and tests see it."""

from __future__ import annotations

from dataclasses import dataclass

from beloftemeter.models.search import Hit, PromiseHit


@dataclass(frozen=True)
class Answer:
    """Markdown `text` with citations [1]..[k]: `sources[n - 1]` is cited as [n].

    `found` is False when no decision is about the question (see answer.relevance); the text
    then says so, `sources` is empty and `promises` holds the promises of the agreement that
    come closest to the question instead.
    """

    question: str
    text: str
    sources: tuple[Hit, ...]
    generator: str
    removed_citations: int = 0
    note: str = ""
    found: bool = True
    promises: tuple[PromiseHit, ...] = ()
