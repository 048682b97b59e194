"""Query vectors kept in memory for the web app's lifetime (bounded, least recently used out):
a popular question is embedded once."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import numpy as np


class MemoryQueryCache:
    """The search engine's query cache interface (`get_many`, `put_many`) over a dict."""

    def __init__(self, size: int = 2048) -> None:
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        with self._lock:
            found = {h: self._items[(model, h)] for h in hashes if (model, h) in self._items}
            for h in found:
                self._items.move_to_end((model, h))
            return found

    def put_many(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        with self._lock:
            for h, vector in items:
                self._items[(model, h)] = vector
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
