"""The passage of a decision that best matches a query, with the matched words marked."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from beloftemeter.search.dutch import STOP_WORDS, fold

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÀ-Ý0-9])")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
SNIPPET_CHARS = 240


def best_snippet(
    text: str,
    query_terms: Collection[str],
    terms_of_word: Callable[[str], tuple[str, ...]],
    max_chars: int = SNIPPET_CHARS,
    seen: dict[str, str | None] | None = None,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The sentence with most distinct query terms, cut to `max_chars` around its first match,
    and the [start, end) spans of matching words in it.

    `seen` remembers, per surface word, the query term it matches (or None); share it between
    the hits of one query to analyse each word once.
    """
    text = " ".join(text.split())
    if not text:
        return "", ()
    wanted = query_terms if isinstance(query_terms, (set, frozenset)) else set(query_terms)
    if seen is None:
        seen = {}

    def matched_term(raw: str) -> str | None:
        if raw not in seen:
            word = fold(raw)
            hit = None
            if len(word) > 1 and word not in STOP_WORDS:
                hit = next((t for t in terms_of_word(word) if t in wanted), None)
            seen[raw] = hit
        return seen[raw]

    def matches(piece: str) -> list[tuple[int, int, str]]:
        found = []
        for m in _WORD.finditer(piece):
            term = matched_term(m.group())
            if term is not None:
                found.append((m.start(), m.end(), term))
        return found

    best_start, best_text, best_found, best_score = 0, text, [], -1
    position = 0
    for sentence in _SENTENCE_END.split(text):
        start = text.find(sentence, position)
        position = start + len(sentence)
        found = matches(sentence)
        score = len({term for _, _, term in found})
        if score > best_score:
            best_start, best_text, best_found, best_score = start, sentence, found, score
    del best_start

    # Cut to length around the first match, on word boundaries.
    offset = 0
    if len(best_text) > max_chars:
        first = best_found[0][0] if best_found else 0
        offset = max(0, min(first - max_chars // 4, len(best_text) - max_chars))
        if offset:
            space = best_text.find(" ", offset)
            offset = space + 1 if 0 <= space < offset + 30 else offset
        end = offset + max_chars
        if end < len(best_text):
            space = best_text.rfind(" ", offset, end)
            end = space if space > offset else end
        best_text = best_text[offset:end]
    prefix = "… " if offset else ""
    suffix = "" if best_text.endswith((".", "!", "?")) else " …"
    spans = tuple(
        (s - offset + len(prefix), e - offset + len(prefix))
        for s, e, _ in best_found
        if s >= offset and e - offset <= len(best_text)
    )
    snippet = f"{prefix}{best_text}{suffix}" if len(text) > len(best_text) else best_text
    return snippet, spans
