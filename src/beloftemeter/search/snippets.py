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
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The sentence with most distinct query terms, cut to `max_chars` around its first match,
    and the [start, end) spans of matching words in it."""
    text = " ".join(text.split())
    if not text:
        return "", ()
    wanted = set(query_terms)

    def matches(piece: str) -> list[tuple[int, int, str]]:
        found = []
        for m in _WORD.finditer(piece):
            word = fold(m.group())
            if len(word) < 2 or word in STOP_WORDS:
                continue
            hit = wanted.intersection(terms_of_word(word))
            if hit:
                found.append((m.start(), m.end(), next(iter(hit))))
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
