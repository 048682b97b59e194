"""Whether another connection changed the store since a process last looked: SQLite's
`PRAGMA data_version`, a counter that moves whenever another connection (another process, or
another connection of this one) commits, and never for this connection's own commits. The web
app reloads what it keeps in memory when it moves (see web.state)."""

from __future__ import annotations

from beloftemeter.store.backend import Store


def others_commits(store: Store) -> int:
    """The counter of commits by other connections; compare two readings, never across
    connections."""
    return int(store.execute("PRAGMA data_version").fetchone()[0])
