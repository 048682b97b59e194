"""The synthetic corpus of the benchmarks: any number of decisions made of sentences of the
real ones (shuffled between decisions, titles' words shuffled, dates shifted), as records
for the store or as lines of the shared JSONL dump format; and random unit vectors for them
(100,000 real embeddings would take hours, see `bench.search_embed`)."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from beloftemeter.models.decisions import Decision, compute_content_hash

SEED = 20191002
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def synthetic_fields(source: Sequence[Decision], size: int,
                     rng: random.Random) -> Iterator[dict]:
    """`size` decisions' fields (id, meeting_date, item_type, title, text, url), each made of
    a real decision's first sentence and sentences of others, with a shifted month."""
    sentences = [s for d in source for s in _SENTENCE.split(d.text) if len(s) > 20]
    for number in range(size):
        real = rng.choice(source)
        own = _SENTENCE.split(real.text)
        mixed = own[:1] + rng.sample(sentences, k=min(len(own) + 2, 6))
        rng.shuffle(mixed)
        year, month, day = (int(x) for x in real.meeting_date.split("-"))
        month = (month + rng.randint(0, 11)) % 12 + 1
        title_words = real.title.split()
        rng.shuffle(title_words)
        yield dict(id=f"syn{number:07d}", meeting_date=f"{year}-{month:02d}-{min(day, 28):02d}",
                   item_type=real.item_type, title=" ".join(title_words), text=" ".join(mixed),
                   url=f"https://example.test/{number}")


def as_decision(fields: dict) -> Decision:
    """A record for `upsert_decisions`, without what the importer reads from the title
    (instrument, stage, amounts)."""
    values = dict(fields, alternative_title="", source_url="", instrument=None, stage=None,
                  amounts=())
    return Decision(**values, content_hash=compute_content_hash(**values))


def as_dump_record(fields: dict) -> dict:
    """A line of the shared dump format, for the project's own importer."""
    return {"id": fields["id"], "meeting_date": fields["meeting_date"],
            "agenda_item_type": fields["item_type"], "title": fields["title"],
            "text": fields["text"], "source_url": fields["url"]}


def write_dump(path: Path, records: Iterable[dict]) -> int:
    """`records` as a JSONL dump at `path`; the number of lines written."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def random_unit_vectors(count: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    vectors = rng.standard_normal((count, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
