"""What every use case shares: the store it works on and how it reports progress."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from beloftemeter.store import Store, open_store

# progress(done, total): `done` items more are finished; `total` is the number of items of
# the current phase when known, else None.
Progress = Callable[[int, int | None], None]
# on_phase(label): a new phase begins, with a Dutch label fit for a progress bar.
Phase = Callable[[str], None]
# A store, or the URL of one (opened only when the use case needs it, closed after).
StoreLike = Store | str


@contextmanager
def opened(store: StoreLike) -> Iterator[Store]:
    """The store itself, or the store at a URL, opened for the duration."""
    if isinstance(store, str):
        with open_store(store) as fresh:
            yield fresh
    else:
        yield store


def counter(progress: Progress | None, total: int | None = None) -> Callable[[int], None] | None:
    """The one-argument `progress(n)` the lower layers call, passed on with `total`."""
    if progress is None:
        return None
    return lambda n=1: progress(n, total)


def announce(on_phase: Phase | None, label: str) -> None:
    if on_phase is not None:
        on_phase(label)
