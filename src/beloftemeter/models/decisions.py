"""The decision record: one agenda item of the Flemish Government, as the project keeps it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """A decision with what was read from its title and text.

    `meeting_date` is an ISO date (YYYY-MM-DD); `text` is plain text; `url` is the public link;
    `content_hash` changes whenever any stored field changes (search re-indexes on it).
    """

    id: str
    meeting_date: str
    item_type: str
    title: str
    alternative_title: str
    text: str
    url: str
    source_url: str
    instrument: str | None
    stage: str | None
    amounts: tuple[float, ...]
    content_hash: str

    @property
    def year(self) -> int:
        return int(self.meeting_date[:4])


def compute_content_hash(
    *,
    id: str,
    meeting_date: str,
    item_type: str,
    title: str,
    alternative_title: str,
    text: str,
    url: str,
    source_url: str,
    instrument: str | None,
    stage: str | None,
    amounts: tuple[float, ...],
) -> str:
    """sha256 over every stored field, in a fixed order."""
    payload = json.dumps(
        [id, meeting_date, item_type, title, alternative_title, text, url, source_url,
         instrument, stage, list(amounts)],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UpsertCounts:
    """What an upsert did: new rows, rows whose content changed, rows left as they were."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.new + other.new, self.changed + other.changed, self.unchanged + other.unchanged
        )


@dataclass(frozen=True)
class LineError:
    """One input line that could not be read, with its 1-based number and a Dutch reason."""

    line: int
    reason: str
