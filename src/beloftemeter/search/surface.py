"""The surface words of every document in one string, to find a name as it is written.

Each document becomes " word word … " (`dutch.surface_tokens`: folded, hyphenated compounds
whole) and the documents are joined by newlines, so a phrase is found by one substring search
per spelling and never runs from one document into the next. About the size of the folded
texts in memory (3,165 real decisions: about 4 MB); built once, when a query first names
something.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from beloftemeter.search.dutch import surface_tokens


class SurfaceIndex:
    """Surface words of documents, rows in the order given."""

    def __init__(self, texts: Iterable[str]) -> None:
        pieces: list[str] = []
        starts: list[int] = []
        position = 0
        for text in texts:
            piece = " " + " ".join(surface_tokens(text)) + " \n"
            starts.append(position)
            pieces.append(piece)
            position += len(piece)
        self._text = "".join(pieces)
        self._starts = np.array(starts, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._starts)

    def rows_with(
        self, variants: Sequence[str], candidates: np.ndarray | None = None
    ) -> np.ndarray:
        """Rows (sorted, each once) whose words contain any of `variants` (surface words
        joined by one space) as consecutive words, or as a part of a hyphenated compound
        ("VMRI" in "VMRI-advies"). With `candidates` (sorted rows), only those are read."""
        text, starts = self._text, self._starts
        ends = np.append(starts[1:], len(text))
        spans = ([(0, len(text))] if candidates is None
                 else list(zip(starts[candidates].tolist(), ends[candidates].tolist(),
                               strict=True)))
        found: list[int] = []
        for variant in variants:
            size = len(variant)
            for start, end in spans:
                position = text.find(variant, start, end)
                while position >= 0:
                    # A match between word boundaries: a space or a hyphen on either side.
                    if text[position - 1] in " -" and text[position + size] in " -":
                        found.append(position)
                    position = text.find(variant, position + 1, end)
        if not found:
            return np.zeros(0, dtype=np.int64)
        rows = np.searchsorted(starts, np.array(found, dtype=np.int64), side="right") - 1
        return np.unique(rows)
