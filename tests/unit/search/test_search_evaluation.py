"""The evaluation: recall@k and MRR against labels, baseline and engine in one run."""

import json

import pytest

from beloftemeter.config import Settings
from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.evaluation import evaluate, load_labels, scores


def test_recall_counts_labelled_decisions_within_each_cutoff():
    ranked = [f"d{i}" for i in range(1, 121)]
    result = scores(ranked, {"d3", "d40", "d200"})
    assert result["recall@10"] == pytest.approx(1 / 3)
    assert result["recall@30"] == pytest.approx(1 / 3)
    assert result["recall@50"] == pytest.approx(2 / 3)
    assert result["recall@100"] == pytest.approx(2 / 3)
    assert result["mrr"] == pytest.approx(1 / 3)
    assert scores([], {"d1"}) == {
        "recall@10": 0.0, "recall@30": 0.0, "recall@50": 0.0, "recall@100": 0.0, "mrr": 0.0
    }


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (None, NotFoundError, "Labelbestand niet gevonden"),
        ("{niet json", InputError, "geen leesbare JSON"),
        ('{"chapter": "1"}', InputError, "verwacht een lijst"),
        ('[{"chapter": "1"}]', InputError, "item 1: verwacht chapter, section en decision_ids"),
    ],
    ids=["missing", "not-json", "not-a-list", "incomplete"],
)
def test_bad_label_files_give_a_dutch_error(tmp_path, content, error, message):
    path = tmp_path / "labels.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message):
        load_labels(path)


def _agreement(store):
    nodes = [
        ("deel-1", None, "part", 0, 0, "Deel 1", None, None, "Deel 1", ""),
        ("samenleven", "deel-1", "chapter", 1, 1, "Deel 1", "1 — Samenleven", "1",
         "Samenleven", ""),
        ("samenleven/1.1", "samenleven", "section", 2, 2, "Deel 1", "1 — Samenleven", "1.1",
         "Inburgering", "We hertekenen het inburgeringstraject voor nieuwkomers."),
        ("samenleven/1.2", "samenleven", "section", 3, 2, "Deel 1", "1 — Samenleven", "1.2",
         "Kinderopvang", "We creëren extra plaatsen in de kinderopvang."),
    ]
    with store.transaction() as conn:
        conn.execute("INSERT INTO agreements (id, slug, title, source, sha256, page_count,"
                     " term_start) VALUES (1, 'test-2019-2024', 'Test', 'test', '0', 1,"
                     " '2019-10-02')")
        conn.executemany(
            "INSERT INTO agreement_nodes(agreement_id, key, parent_key, kind, ordinal, depth,"
            " part, chapter, number, title, first_page, last_page, text)"
            " VALUES (1,?,?,?,?,?,?,?,?,?,1,1,?)",
            nodes,
        )


def test_evaluation_scores_engine_and_baseline_per_section(decisions_store, tmp_path):
    pytest.importorskip("beloftemeter.store.agreement", reason="agreement store nog niet klaar")
    _agreement(decisions_store)
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps([
        {"chapter": "1 — Samenleven", "section": "1.1", "decision_ids": ["d01", "d06", "x"]},
        {"chapter": "1 — Samenleven", "section": "1.2", "decision_ids": ["d05"]},
        {"chapter": "9 — Onbekend", "section": "9.9", "decision_ids": ["d01"]},
    ]), encoding="utf-8")
    engine = SearchEngine(decisions_store, Settings(embedder="geen"))
    result = evaluate(decisions_store, engine, load_labels(labels))
    assert result.sections == 2
    assert result.skipped == ("9 — Onbekend 9.9: sectie niet gevonden",)
    first, second = result.per_section
    assert (first.key, first.relevant) == ("samenleven/1.1", 2)  # "x" is not in the store
    assert first.engine["recall@10"] == 1.0 and second.engine["mrr"] == 1.0
    assert set(result.as_dict()) == {"sections", "baseline", "engine", "per_section", "skipped"}
    assert set(result.engine) == {"recall@10", "recall@30", "recall@50", "recall@100", "mrr"}
