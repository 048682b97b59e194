"""The passage of a decision that best matches a query, with the matched words marked.

A decision's text is its short title, its formal title and its summary flattened to one line;
the title is shown already and the formal title mostly repeats it in legal words. So the
passage comes from the summary unless the formal title matches strictly more of the query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from beloftemeter.search.dutch import STOP_WORDS, SURFACE_WORD, fold, fold_hyphens
from beloftemeter.search.names import NameForm

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÀ-Ý0-9])")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
SNIPPET_CHARS = 240

Span = tuple[int, int]


def _name_spans(sentence: str, names: Sequence[NameForm]) -> list[tuple[int, int, int]]:
    """(start, end, which name) of every name of `names` written in `sentence`."""
    if not names:
        return []
    flat = fold_hyphens(sentence)
    variants = [(which, variant.split(" ")) for which, name in enumerate(names)
                for variant in name.variants]
    variants = [(which, wanted) for which, wanted in variants
                if all(word in flat for word in wanted)]
    if not variants:
        return []  # the usual case, ruled out cheaply
    if len(flat) == len(sentence):
        source = range(len(flat))
    else:  # folding changed the length ("ﬁ" → "fi"): map each folded character back
        source = [i for i, char in enumerate(sentence) for _ in fold(char)]
        if len(source) != len(flat):
            return []
    words = [(m.group(), source[m.start()], source[m.end() - 1] + 1)
             for m in SURFACE_WORD.finditer(flat)]
    found = []
    for which, wanted in variants:
        size = len(wanted)
        for k in range(len(words) - size + 1):
            if words[k][0] == wanted[0] and all(
                    words[k + j][0] == wanted[j] for j in range(1, size)):
                found.append((words[k][1], words[k + size - 1][2], which))
    return found


class Marker:
    """Finds a query's terms and names in pieces of text: how well a piece matches, and the
    [start, end) spans to mark. `seen` remembers, per surface word, the query term it matches
    (or None); share one marker between the hits of one query to analyse each word once."""

    def __init__(
        self,
        query_terms: Collection[str],
        terms_of_word: Callable[[str], tuple[str, ...]],
        names: Sequence[NameForm] = (),
        seen: dict[str, str | None] | None = None,
    ) -> None:
        self.wanted = (query_terms if isinstance(query_terms, (set, frozenset))
                       else set(query_terms))
        self._terms_of_word = terms_of_word
        self._names = names
        self._seen = {} if seen is None else seen

    def _term(self, raw: str) -> str | None:
        seen = self._seen
        if raw not in seen:
            word = fold(raw)
            hit = None
            if len(word) > 1 and word not in STOP_WORDS:
                hit = next((t for t in self._terms_of_word(word) if t in self.wanted), None)
            seen[raw] = hit
        return seen[raw]

    def mark(self, piece: str) -> tuple[tuple[int, int, int], list[Span]]:
        """((distinct terms and names, distinct names, words and names matched), the spans
        of the matched words and names; a word inside a matched name is not marked apart)."""
        seen, look_up = self._seen, self._term  # per word: the hot loop of a search
        terms = []
        for match in _WORD.finditer(piece):
            raw = match.group()
            term = seen[raw] if raw in seen else look_up(raw)
            if term is not None:
                terms.append((match.start(), match.end(), term))
        if not self._names:
            return (len({t for _, _, t in terms}), 0, len(terms)), [(s, e) for s, e, _ in terms]
        named = _name_spans(piece, self._names)
        inside = {(s, e) for s, e, _ in named}
        spans = sorted(inside | {(s, e) for s, e, _ in terms
                                 if not any(ns <= s and e <= ne for ns, ne in inside)})
        distinct_names = len({which for _, _, which in named})
        quality = (len({t for _, _, t in terms}) + distinct_names, distinct_names,
                   len(terms) + len(named))
        return quality, spans


def best_snippet(
    text: str,
    query_terms: Collection[str],
    terms_of_word: Callable[[str], tuple[str, ...]],
    max_chars: int = SNIPPET_CHARS,
    seen: dict[str, str | None] | None = None,
    *,
    boilerplate: str = "",
    names: Sequence[NameForm] = (),
) -> tuple[str, tuple[Span, ...]]:
    """The sentence with most distinct query terms and `names`, cut to `max_chars` around its
    first match, and the [start, end) spans of the matched words and names in it.

    Sentences of `text` (the summary) and of `boilerplate` (the formal title) compete; on a tie
    the summary wins, then more names, then more matched words, then the first. `seen` is
    `Marker`'s.
    """
    text = " ".join(text.split())
    boilerplate = " ".join(boilerplate.split())
    if not text and not boilerplate:
        return "", ()
    marker = Marker(query_terms, terms_of_word, names, seen)
    best: tuple | None = None
    most = len(marker.wanted) + len(names)  # no sentence can match more
    for in_summary, source in ((1, text), (0, boilerplate)):
        if best is not None and best[0][0] >= most:
            break  # the summary has it all: the formal title cannot win
        for sentence in _SENTENCE_END.split(source) if source else ():
            quality, spans = marker.mark(sentence)
            key = (quality[0], in_summary, *quality[1:])
            if best is None or key > best[0]:
                best = (key, sentence, spans, source)
    assert best is not None
    _, best_text, best_spans, whole = best

    # Cut to length around the first match, on word boundaries.
    offset = 0
    if len(best_text) > max_chars:
        first = best_spans[0][0] if best_spans else 0
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
        for s, e in best_spans
        if s >= offset and e - offset <= len(best_text)
    )
    snippet = f"{prefix}{best_text}{suffix}" if len(whole) > len(best_text) else best_text
    return snippet, spans
