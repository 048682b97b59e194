"""A tiny store with at least one row in every table, written by code through the store's and
the pipeline's own functions: the reviewed store (tests/support/reviewed_store.py) plus an
account with a session and a failed login, a reader's report, sync state, the search index
with vectors, a judge's verdict, a dossier, a policy document with its links, a history
entry, a redirected promise id and the promise list's snapshot. Values that are easy to get
wrong on the way to another database are in it on purpose: floats that are not round, NULLs,
empty strings, text beyond Latin-1, bytes.

    ids = build_filled(store)   # as build_reviewed: {"toll": ..., "tram": ..., "bikes": ...}
"""

from __future__ import annotations

import numpy as np

from beloftemeter.models.dossiers import Dossier, DossierStep
from beloftemeter.models.policy import Action, Objective, PolicyDocument, PromiseLink
from beloftemeter.models.promises import HistoryEntry
from beloftemeter.pipeline import login, promise_snapshot
from beloftemeter.store import Store
from beloftemeter.store import accounts as accounts_store
from beloftemeter.store.dossiers import replace_dossiers
from beloftemeter.store.history import append_history
from beloftemeter.store.judgements import save_judgements
from beloftemeter.store.policy import save_document
from beloftemeter.store.promise_ids import record_redirects
from beloftemeter.store.reviews import add_reader_report
from beloftemeter.store.search_index import save_documents
from beloftemeter.store.state import set_state
from beloftemeter.store.vectors import KeyedVectors, save_decision_vectors
from support.assessed_store import TOLL, TRAM
from support.editors import add_account
from support.reviewed_store import build_reviewed

EDITOR = "carla"
MODEL = "test-model-1"
VECTOR = np.array([0.1, -2.5, 3.0e-8, 1 / 3], dtype="<f4")


def build_filled(store: Store) -> dict[str, str]:
    ids = build_reviewed(store)
    add_account(store, EDITOR, "beheerder")
    accounts_store.create_session(store, "a" * 64, EDITOR, "csrf-token",
                                  "2026-12-01T10:00:00+00:00", "2099-12-01T10:00:00+00:00")
    login.log_in(store, EDITOR, "een verkeerd wachtwoord", "127.0.0.1", "geheim", 1.0)
    add_reader_report(store, ids["tram"], "Dit klopt niet — zie ‘de tram’ ✓ 𝄞", None)
    set_state(store, "decisions_sync", {"tot": "2024-06-30", "pagina": None})
    save_documents(store, [("k1", "hash-k1", "analyser-1", "conceptnota kilometerheffing",
                            "regering kiest heffing kilometer")])
    save_decision_vectors(store, MODEL, [("k1", "text-hash-k1", VECTOR)])
    KeyedVectors(store, "query_vectors").put_many(f"{MODEL}:query", [("query-hash", VECTOR)])
    save_judgements(store, "promise-hash", "judge-1", [("k2", "hash-k2", True)])
    replace_dossiers(store, [Dossier(
        "decreet/kilometerheffing", "decreet", "Kilometerheffing vrachtwagens", "", False,
        (DossierStep("k2", "2021-05-21", "principiele_goedkeuring", "voorontwerp"),
         DossierStep("k3", "2022-03-11", "bekrachtiging", "decreet")))])
    document = PolicyDocument(
        id="beleidsnota-mobiliteit", title="Beleidsnota Mobiliteit", source="test",
        sha256="2" * 64, objectives=(Objective("SD", "1", "Slim op weg"),),
        actions=(Action("1.1", "Kilometerheffing", "1", "We voeren de heffing in.",
                        responsible="Lydia Peeters", agreement_quotes=("heffing",)),),
        warnings=("pagina 3 onleesbaar",))
    save_document(store, document,
                  [PromiseLink(document.id, "1.1", TOLL, 0, "zoeken", 1 / 3, "heffing")],
                  [("1.1", "k1", 1, 0.1 + 0.2)])
    with store.transaction() as conn:
        append_history(conn, [HistoryEntry(
            ids["toll"], "2026-11-01T00:00:00+00:00", None, "uitgevoerd", (),
            ("k1", "k2", "k3"), "Eerste beoordeling.", ("k3",), "regels-1")])
        record_redirects(conn, {(TRAM, 1): ("p-00000000aa", "We ondersteunen de deelfietsen.")},
                         {(TRAM, 1): ids["bikes"]}, {(TRAM, 1): "We ondersteunen deelfietsen."})
    promise_snapshot.load(store)  # built and kept by its first reader
    return ids
