"""What a typed query literally finds: how many documents contain all its words, and the
ranking with the documents that contain its names put first.

A document contains a query word when it has the word's stem, or all the parts of a compound
the analyser splits it into (the lexical ranker's own analysis). A whole name (quoted phrase,
hyphenated term, abbreviation) stands in for the words it is made of and must occur as written
(`surface`). The count is what tells a reader that nothing matched, before the semantic
neighbours are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from beloftemeter.search.dutch import words
from beloftemeter.search.lexical import LexicalIndex
from beloftemeter.search.names import NameForm
from beloftemeter.search.surface import SurfaceIndex

# Below this share of the documents, the candidates are read one by one; above it the whole
# surface string is scanned at once (a few long scans beat thousands of short ones).
CANDIDATE_SHARE = 0.25


def word_presence(lexical: LexicalIndex, word: str) -> np.ndarray:
    """Which documents contain `word` (a folded word): its stem, or every part of it."""
    stem, *parts = lexical.analyzer.terms_of_word(word)
    present = lexical.has_term(stem)
    if parts:
        whole = np.ones(len(lexical), dtype=bool)
        for part in parts:
            whole &= lexical.has_term(part)
        present |= whole
    return present


def rows_with_name(
    lexical: LexicalIndex, surface: Callable[[], SurfaceIndex], name: NameForm,
    mask: np.ndarray | None = None,
) -> np.ndarray:
    """Rows (sorted) within `mask` that contain `name` as written. A document that does has
    all of its content words, so only those are read, and `surface` (built on first use) is
    not asked at all when a word occurs nowhere."""
    found = []
    for variant in name.variants:
        candidates = np.ones(len(lexical), dtype=bool) if mask is None else mask.copy()
        for word in dict.fromkeys(words(variant)):
            candidates &= lexical.has_term(lexical.analyzer.terms_of_word(word)[0])
        rows = np.flatnonzero(candidates)
        if not len(rows):
            continue
        if len(rows) > CANDIDATE_SHARE * len(lexical):
            every = surface().rows_with((variant,))
            found.append(every[candidates[every]])
        else:
            found.append(surface().rows_with((variant,), rows))
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def containing_all(
    lexical: LexicalIndex,
    text: str,
    names: Sequence[NameForm],
    name_rows: Sequence[np.ndarray],
    mask: np.ndarray | None = None,
) -> np.ndarray:
    """Which documents contain every content word of `text`, a whole name counting as one
    word found as written; all False when the query has no content word."""
    covered = {w for name in names if name.whole for w in words(name.text)}
    wanted = [w for w in dict.fromkeys(words(text)) if w not in covered]
    whole = [rows for name, rows in zip(names, name_rows, strict=True) if name.whole]
    result = np.zeros(len(lexical), dtype=bool)
    if not wanted and not whole:
        return result
    result[:] = True if mask is None else mask
    for word in wanted:
        result &= word_presence(lexical, word)
    for rows in whole:
        found = np.zeros(len(lexical), dtype=bool)
        found[rows] = True
        result &= found
    return result


def names_first(
    fused: Sequence[tuple[int, float]],
    name_rows: Sequence[np.ndarray],
    tail_scores: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """`fused` with the documents that contain a name first, the rest after them unchanged.
    Among those with a name: more names first, then those the fusion reached in fused order,
    then those it did not reach (fused score 0) by `tail_scores` (the lexical score)."""
    count: dict[int, int] = {}
    for rows in name_rows:
        for row in rows.tolist():
            count[row] = count.get(row, 0) + 1
    if not count:
        return list(fused)
    position = {row: i for i, (row, _) in enumerate(fused)}
    score = dict(fused)

    def order(row: int) -> tuple:
        if row in position:
            return (-count[row], 0, position[row])
        tail = float(tail_scores[row]) if tail_scores is not None else 0.0
        return (-count[row], 1, -tail, row)

    named = [(row, score.get(row, 0.0)) for row in sorted(count, key=order)]
    return [*named, *(pair for pair in fused if pair[0] not in count)]
