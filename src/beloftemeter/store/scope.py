"""Which agreement the store's agreement-bound reads and writes are about.

A store holds several agreements (migration 0016); their trees, statements and verdicts carry
the agreement's id. Each entry point chooses once: a command from `--akkoord` (or the default),
a web request from the slug in its URL, a pipeline step for each agreement it works on. The
store modules below read `current(conn)`.

A context variable rather than a parameter through every layer: like a tenant, the agreement
is the same for a whole command or request, and the threads the web hands work to carry it
along (Starlette copies the context into `run_in_threadpool`). Unset, the default agreement
applies: the only one, or the one whose government took office last.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from beloftemeter.store.sql import Executes

_current: ContextVar[int | None] = ContextVar("beloftemeter_agreement", default=None)

DEFAULT_ORDER = "ORDER BY term_start DESC, id DESC"


def default_id(conn: Executes) -> int:
    """The default agreement's id: the most recent government's; 0 when there is none (then
    every agreement-bound read finds nothing)."""
    row = conn.execute(f"SELECT id FROM agreements {DEFAULT_ORDER} LIMIT 1").fetchone()
    return 0 if row is None else int(row[0])


def current(conn: Executes) -> int:
    """The id of the agreement in scope (`using`), else the default agreement's."""
    chosen = _current.get()
    return default_id(conn) if chosen is None else chosen


def chosen() -> int | None:
    """The agreement chosen with `using`, None when the default applies."""
    return _current.get()


@contextmanager
def using(agreement_id: int) -> Iterator[int]:
    """Work on agreement `agreement_id` for the block (and the threads it starts)."""
    token = _current.set(agreement_id)
    try:
        yield agreement_id
    finally:
        _current.reset(token)


def choose(agreement_id: int | None) -> None:
    """Work on `agreement_id` from now on in this context (a command's whole run); None
    returns to the default."""
    _current.set(agreement_id)
