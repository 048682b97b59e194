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

    def __init__(self, name: str = "fake-1", dim: int = 64, fail_after: int | None = None,
                 synonyms: dict[str, str] | None = None):
        self.name = name
        self.dim = dim
        self._synonyms = SYNONYMS if synonyms is None else synonyms
        self.embedded: list[str] = []
        self._fail_after = fail_after

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in words(text):
            word = self._synonyms.get(word, word)
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


# Names as a journalist types them: the M-decreet among other decrees, an abbreviation among
# decisions that are only close in meaning. (id, date, type, instrument, stage, title, text)
NAME_DECISIONS = [
    ("n1", "2019-10-25", "nota", "conceptnota", None,
     "Begeleiding van leerlingen met specifieke onderwijsbehoeften",
     "In het regeerakkoord is beslist om het M-decreet af te schaffen en een"
     " begeleidingsdecreet in te voeren."),
    ("n2", "2021-06-18", "nota", "decreet", "bekrachtiging",
     "Wijziging van het Mestdecreet",
     "Het Mestdecreet en het decreet over de mest worden gewijzigd. Het decreet regelt de"
     " mest op landbouwgrond."),
    ("n3", "2022-02-04", "nota", "decreet", "ontwerp",
     "Havendecreet: decreet over de havens",
     "Het Havendecreet vervangt het oude decreet over de havens en het decreet over de mest."),
    ("n4", "2023-03-10", "nota", "decreet", "definitief",
     "Decreet tot wijziging van diverse decreten",
     "Het decreet wijzigt het decreet over het onderwijs, het decreet over de havens en het"
     " decreet over de mest."),
    ("v1", "2023-12-22", "nota", "besluit", "ontwerp",
     "Gelijkekansen- en diversiteitsbeleid in de Vlaamse administratie",
     "Het besluit legt de werking van de diversiteitsambtenaren vast, de rapportering over de"
     " streefcijfers en de opleiding van leidinggevenden; het advies van het Vlaams"
     " Mensenrechteninstituut (VMRI) en van de Raad van State is gevolgd."),
    ("v2", "2021-04-02", "nota", "decreet", "ontwerp",
     "Mensenrechten: een instituut",
     "Een instituut voor mensenrechten."),
    ("v3", "2021-07-09", "nota", "decreet", "definitief",
     "Mensenrechten in Vlaanderen",
     "De mensenrechten in Vlaanderen."),
    ("v4", "2022-09-30", "mededeling", None, None,
     "Mensenrechten: jaarverslag",
     "Het jaarverslag over de mensenrechten."),
    ("s1", "2022-01-14", "nota", "besluit", "ontwerp",
     "Energiezuinige sociale woningen",
     "Energiezuinige sociale woningen  Ontwerpbesluit van de Vlaamse Regering tot wijziging van"
     " het besluit over de renovatie van sociale woningen  De Vlaamse Regering keurt een"
     " renovatieplan goed. Zo worden 500 sociale woningen energiezuinig gemaakt."),
]

# Promises of a small agreement, and the verdicts of two of them.
PROMISE_SECTION = "onderwijs/1.2"
PROMISES = [
    "We schaffen het M-decreet af en voeren een begeleidingsdecreet in.",
    "We stellen een Canon van Vlaanderen op.",
    "We investeren in de renovatie van sociale woningen.",
]


def insert_agreement(store: Store) -> None:
    """One section with PROMISES (pages 25-27); the first two have a verdict."""
    from beloftemeter.models.agreement import Agreement, Node, Statement
    from beloftemeter.models.assessment import Assessment
    from beloftemeter.store.agreement import save_agreement
    from beloftemeter.store.assessment import save_assessments

    node = Node(key=PROMISE_SECTION, kind="section", part="Deel 1", chapter="1 — Onderwijs",
                number="1.2", title="Leerlingen", first_page=25, last_page=27,
                text=" ".join(PROMISES), parent_key=None, depth=0, ordinal=0)
    statements = tuple(Statement(PROMISE_SECTION, ordinal, 25 + ordinal, text, True)
                       for ordinal, text in enumerate(PROMISES))
    save_agreement(store, Agreement(title="Regeerakkoord test", source="test",
                                    sha256="2" * 64, page_count=30, nodes=(node,),
                                    statements=statements))
    save_assessments(store, [
        Assessment(node_key=PROMISE_SECTION, ordinal=ordinal, page=25 + ordinal,
                   promise=PROMISES[ordinal], status=status, reason="test", rung=0,
                   rung_label="", reached_on=None, first_date=None, last_date=None,
                   fingerprint="fp", evidence=(), context=())
        for ordinal, status in ((0, "uitgevoerd"), (1, "geen beslissing gevonden"))
    ])
