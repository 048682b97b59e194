"""Whether the store changed since a process last looked, on every backend: two counters that
triggers raise on every write, by any connection of any process (migrations 0014 and 0015).

- `promise_list_changes`: the agreement, the verdicts (the machine's and the editors'), the
  promises' history and the policy documents: what the promise pages show.
- `search_changes`: the search index, the analysed words and the vectors of the decisions.

The web app reloads what it keeps in memory when one moves (see web.state); reading both is
one tiny query. Compare readings of one store only: each counter starts at a random number.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from beloftemeter.store.backend import Store


class Versions(NamedTuple):
    promises: int
    search: int


_READ = ("SELECT (SELECT changes FROM promise_list_changes WHERE id = 1) AS promises,"
         " (SELECT changes FROM search_changes WHERE id = 1) AS search")


def versions(store: Store | Any) -> Versions:
    """Both counters as they are now (committed by anyone, and this connection's own
    writes)."""
    row = store.execute(_READ).fetchone()
    return Versions(int(row[0]), int(row[1]))


def counted_write_start(conn: Any) -> Versions:
    """At the start of a write transaction: count one promise change and return the counters
    with it. The update holds the counter's row (PostgreSQL) or the database (SQLite) until
    the transaction ends, so no other writer commits between this reading and the end of the
    transaction: `promises - 1` is what the counter was before, exactly."""
    conn.execute("UPDATE promise_list_changes SET changes = changes + 1 WHERE id = 1")
    return versions(conn)
