"""Search test helpers: small decisions written by code, a fake embedder behind the real
interface. Imported by the tests of this folder (pytest puts the folder on sys.path)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from beloftemeter.search.dutch import words
from beloftemeter.store import Store
from beloftemeter.store.decisions import upsert_decisions
from support.decision_rows import make_decision

# (id, date, type, instrument, stage, title, text)
DECISIONS = [
    ("d01", "2020-03-06", "nota", "decreet", "voorontwerp",
     "Hertekening inburgeringstraject",
     "Het inburgeringstraject voor nieuwkomers wordt hertekend met een examen Nederlands."),
    ("d02", "2021-07-16", "nota", "besluit", "definitief",
     "Subsidie leerlingen cursus Nederlands als tweede taal",
     "De Vlaamse Regering maakt 633.000 euro vrij voor cursussen NT2 als deel van de inburgering."),
    ("d03", "2022-01-14", "nota", "besluit", "ontwerp",
     "Energiebesparing in sociale woningen",
     "Renovatie van sociale woningen om het energieverbruik van huurders te verlagen."),
    ("d04", "2022-05-20", "mededeling", None, None,
     "Voortgangsrapport klimaatbeleid",
     "De regering neemt akte van het voortgangsrapport over het Vlaamse klimaatbeleid."),
    ("d05", "2023-02-03", "nota", "conceptnota", None,
     "Kinderopvang: uitbreiding van plaatsen",
     "Er komen 2.000 extra plaatsen in de kinderopvang voor baby's en peuters."),
    ("d06", "2023-09-29", "nota", "decreet", "definitief",
     "Traject van inburgering: verplichte taalcursus",
     "Nieuwkomers volgen een traject van inburgering met een verplichte cursus Nederlands."),
    ("d07", "2019-11-08", "nota", "besluit", "definitief",
     "Onderhoud van fietspaden langs gewestwegen",
     "Budget voor het onderhoud van fietspaden en veilige schoolroutes."),
    ("d08", "2020-12-18", "nota", "subsidie", None,
     "Steun voor culturele centra (café's en theaterzalen)",
     "Een subsidie voor culturele centra getroffen door de coronacrisis; ook café's in cc's."),
]


def insert_decisions(store: Store, rows=DECISIONS) -> None:
    """Store `rows` through the store's own upsert (a changed row is updated)."""
    upsert_decisions(store, [
        make_decision(decision_id, day, title, text, item_type=kind, instrument=instrument,
                      stage=stage)
        for decision_id, day, kind, instrument, stage, title, text in rows
    ])


SYNONYMS = {"nieuwkomers": "inburgering", "migranten": "inburgering", "baby": "kinderopvang"}


class FakeEmbedder:
    """Hashed bag of words with a tiny synonym table: deterministic and instant.

    Counts its calls, so tests can tell what was embedded and what came from storage.
    """

    def __init__(self, name: str = "fake-1", dim: int = 64, fail_after: int | None = None):
        self.name = name
        self.dim = dim
        self.embedded: list[str] = []
        self._fail_after = fail_after

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in words(text):
            word = SYNONYMS.get(word, word)
            vector[zlib.crc32(word.encode()) % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if self._fail_after is not None and len(self.embedded) >= self._fail_after:
            raise KeyboardInterrupt
        self.embedded.extend(texts)
        return np.array([self._vector(t) for t in texts], dtype=np.float32).reshape(-1, self.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([self._vector(t) for t in texts], dtype=np.float32).reshape(-1, self.dim)
