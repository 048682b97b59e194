"""The web's snapshot after an editor's save: rebuilt from memory with the one changed verdict
(`Snapshot.with_verdicts`), it equals the snapshot read from the store; `WebState.refresh`
updates the object the templates hold in place."""

from __future__ import annotations

from beloftemeter.config import Settings
from beloftemeter.models.review import CONFIRMED, REJECTED, ReviewEdit
from beloftemeter.pipeline.review import save_review
from beloftemeter.store import open_store
from beloftemeter.store.assessment import load_assessment
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.web.snapshot import load_snapshot
from beloftemeter.web.state import WebState
from support.assessed_store import TOLL, TRAM, add_candidate, build


def _fields(snapshot):
    return (snapshot.assessments, snapshot.cited_by, snapshot.linked, snapshot.total,
            {key: (t.own, t.total) for key, t in snapshot.by_key.items()},
            snapshot.decision_count, snapshot.decisions_per_quarter)


def test_a_snapshot_rebuilt_with_the_saved_verdict_equals_one_read_again(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        build(store)
        add_candidate(store)
        before = load_snapshot(store)
        ids = ids_by_key(store)
        save_review(store, ReviewEdit(ids[(TOLL, 0)], 0, "an", {"k3": REJECTED}))
        save_review(store, ReviewEdit(ids[(TRAM, 1)], 0, "an", {"c1": CONFIRMED},
                                      status="in uitvoering", reason="Mobipunten."))
        changed = [load_assessment(store, TOLL, 0), load_assessment(store, TRAM, 1)]
        assert _fields(before.with_verdicts(changed)) == _fields(load_snapshot(store))
        assert _fields(before) != _fields(load_snapshot(store))


def test_refresh_updates_the_snapshot_in_place(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(url) as store:
        build(store)
    state = WebState.open(Settings(store_url=url, embedder="geen"))
    held = state.snapshot
    toll = ids_by_key(state.store)[(TOLL, 0)]
    assert "k3" in held.cited_by
    state.write(lambda s: save_review(s, ReviewEdit(toll, 0, "an", {"k3": REJECTED})), [toll])
    assert state.snapshot is held and "k3" not in held.cited_by
    with open_store(url) as other:  # another process: seen by notice_changes, not before
        save_review(other, ReviewEdit(toll, 1, "bo", {}))
        save_review(other, ReviewEdit(toll, 2, "bo", {"k3": CONFIRMED}))
    assert "k3" not in held.cited_by
    state._checked_at = 0.0  # as if a second had passed
    assert state.notice_changes() and "k3" in held.cited_by
    state._checked_at = 0.0
    assert not state.notice_changes()  # nothing new
