"""Small key/value state: watermarks and resume cursors that must survive a crash."""

from __future__ import annotations

import json
from typing import Any

from beloftemeter.store.database import Store


def get_state(store: Store, key: str, default: Any = None) -> Any:
    row = store.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
    return default if row is None else json.loads(row[0])


def set_state(store: Store, key: str, value: Any) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO state(key, value, updated_at) VALUES (?, ?, datetime('now'))"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at",
            (key, json.dumps(value, ensure_ascii=False)),
        )


def delete_state(store: Store, key: str) -> None:
    with store.transaction() as conn:
        conn.execute("DELETE FROM state WHERE key = ?", (key,))
