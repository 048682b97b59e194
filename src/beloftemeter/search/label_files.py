"""Reading hand-label files (reference citations, assessment labels): one loader, so every
label file fails the same way, with one Dutch line that names the file and the item."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from beloftemeter.errors import InputError, NotFoundError

T = TypeVar("T")


def load_label_file(
    path: str | Path,
    build: Callable[[Any], T],
    *,
    key: str | None = None,
    shape: str,
    noun: str,
    fields: str,
) -> list[T]:
    """One record per item of the JSON list in `path` (or of the list under `key` of a JSON
    object), made by `build`. `build` raises KeyError or TypeError for a missing or malformed
    field (reported as "verwacht `fields`") and ValueError with a Dutch reason for a bad value.
    `shape` says what the file should hold, `noun` what an item is called."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise NotFoundError(f"Labelbestand niet gevonden: {path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"Labelbestand {path} is geen leesbare JSON: {exc}") from exc
    items = raw if key is None else raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise InputError(f"Labelbestand {path}: verwacht {shape}.")
    records = []
    for number, item in enumerate(items, start=1):
        where = f"Labelbestand {path}, {noun} {number}"
        try:
            records.append(build(item))
        except (KeyError, TypeError) as exc:
            raise InputError(f"{where}: verwacht {fields}.") from exc
        except ValueError as exc:
            raise InputError(f"{where}: {exc}.") from exc
    return records
