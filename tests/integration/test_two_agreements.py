"""Two agreements side by side in one store, on the real decisions (issue 20): the real
Regeerakkoord 2019-2024 and a second agreement the tests write (support.second_agreement:
another government's term, 2022-01-01 to 2023-06-30, on topics the real decisions share).

Each keeps its own promises and verdicts; a decision taken outside an agreement's term is
never its evidence, candidate or context, nor cited in its reports, while the same promises
searched over the whole period do find such decisions (so the filter is no formality);
importing and analysing the second leaves the first byte for byte as it was.

Lexical search only (embedder geen): the term filter sits in the search itself, whichever
rankers run. Runs on SQLite and, where its binaries are present, on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.config import Settings
from beloftemeter.models.agreement import Agreement, StoredAgreement
from beloftemeter.models.assessment import Assessment
from beloftemeter.pipeline.agreement import prepare_agreement
from beloftemeter.pipeline.assess import AssessmentResult, run_assessment
from beloftemeter.pipeline.index import index_decisions
from beloftemeter.pipeline.reports import section_report
from beloftemeter.search.engine import SearchEngine
from beloftemeter.sources.decisions_dump import read_jsonl
from beloftemeter.sources.known_agreements import DEFAULT_SLUG
from beloftemeter.store import Store, agreements, open_store, scope
from beloftemeter.store.agreement import get_node, iter_promises, list_nodes, save_agreement
from beloftemeter.store.decisions import upsert_decisions
from support import second_agreement as second
from support.cli import run

pytestmark = pytest.mark.integration

FIRST = DEFAULT_SLUG
TERM = (second.TERM_START, second.TERM_END)
# The real agreement's chapters analysed here (the whole would take minutes): their topics
# (inburgering, renovatie and sociale huur, basisbereikbaarheid, Oosterweel) are the second's.
REAL_CHAPTERS = ("inburgering-en-integratie", "wonen", "mobiliteit-en-openbare-werken")
SETTINGS = Settings(embedder="geen")
# What belongs to one agreement, with the order that makes two reads comparable.
OWN_ROWS = {
    "agreement_nodes": "key",
    "agreement_statements": "node_key, ordinal",
    "promise_assessments": "node_key, ordinal",
    "assessment_evidence": "node_key, ordinal, decision_id",
}


def within(day: str | None) -> bool:
    return day is None or TERM[0] <= day[:10] <= TERM[1]


@dataclass
class TwoAgreements:
    """The store after the whole story, and what was read from it along the way."""

    store: Store
    real: Agreement
    first: StoredAgreement
    second: StoredAgreement
    analysed: AssessmentResult  # the second agreement, all of it
    first_before: dict  # the first agreement's rows before the second was imported
    first_after: dict  # ... after the second was imported and analysed
    second_after: dict
    reimported: bool  # whether importing the second again changed anything
    first_after_reimport: dict
    second_after_reimport: dict
    seconds: dict[str, float] = field(default_factory=dict)


def rows_of(store: Store, agreement_id: int) -> dict[str, list[tuple]]:
    """Every row that belongs to one agreement: its own, and its promises' history."""
    rows = {"agreements": [tuple(r) for r in store.execute(
        "SELECT * FROM agreements WHERE id = ?", (agreement_id,))]}
    for table, order in OWN_ROWS.items():
        rows[table] = [tuple(r) for r in store.execute(
            f"SELECT * FROM {table} WHERE agreement_id = ? ORDER BY {order}", (agreement_id,))]
    rows["promise_history"] = [tuple(r) for r in store.execute(
        "SELECT h.* FROM promise_history h JOIN agreement_statements s"
        " ON s.promise_id = h.promise_id WHERE s.agreement_id = ? ORDER BY h.id",
        (agreement_id,))]
    return rows


def linked_rows(store: Store, agreement_id: int) -> list[tuple[str, str, str]]:
    """(role, decision id, meeting date) of every decision linked to the agreement's verdicts."""
    return [(r[0], r[1], r[2]) for r in store.execute(
        "SELECT e.role, e.decision_id, d.meeting_date FROM assessment_evidence e"
        " JOIN decisions d ON d.id = e.decision_id WHERE e.agreement_id = ?"
        " ORDER BY e.node_key, e.ordinal, e.decision_id", (agreement_id,))]


def import_second(store: Store) -> bool:
    """The generated PDF under its own slug and term (what `akkoord import BRON --akkoord SLUG
    --van DATUM --tot DATUM` does)."""
    parsed = prepare_agreement(second.second_agreement(), "proefakkoord-2022-2023.pdf")
    return save_agreement(store, dataclasses.replace(
        parsed, slug=second.SLUG, term_start=second.TERM_START, term_end=second.TERM_END))


@pytest.fixture(scope="module")
def real_agreement(shared_data) -> Agreement:
    path = shared_data / "regeerakkoord-2019-2024.pdf"
    if not path.is_file():
        pytest.skip(f"echte data ontbreekt (real data missing): {path}")
    return prepare_agreement(path.read_bytes(), str(path))


@pytest.fixture(scope="module")
def real_decisions(shared_data) -> Path:
    path = shared_data / "decisions-vr-2019-2024.jsonl"
    if not path.is_file():
        pytest.skip(f"echte data ontbreekt (real data missing): {path}")
    return path


@pytest.fixture(scope="module")
def two(make_module_store, real_agreement, real_decisions) -> Iterator[TwoAgreements]:
    """One store: the real decisions indexed, the real agreement with some chapters analysed,
    then the second agreement imported and analysed whole, then imported once more."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        seconds[name] = round(now - started, 1)
        started = now

    with open_store(make_module_store("twee")) as store:
        upsert_decisions(store, read_jsonl(real_decisions))
        index_decisions(store, SETTINGS)
        lap("decisions and index")
        save_agreement(store, real_agreement)
        first = agreements.find(store, FIRST)
        with scope.using(first.id):
            for chapter in REAL_CHAPTERS:
                run_assessment(store, SETTINGS, chapter)
        lap("first agreement")
        first_before = rows_of(store, first.id)
        assert import_second(store) is True
        other = agreements.find(store, second.SLUG)
        with scope.using(other.id):
            analysed = run_assessment(store, SETTINGS)
        lap("second agreement")
        first_after, second_after = rows_of(store, first.id), rows_of(store, other.id)
        reimported = import_second(store)
        with scope.using(other.id):
            again = run_assessment(store, SETTINGS)
        assert again.run.assessed == 0, "the same agreement analysed again changed verdicts"
        lap("again")
        yield TwoAgreements(
            store, real_agreement, first, other, analysed, first_before, first_after,
            second_after, reimported, rows_of(store, first.id), rows_of(store, other.id),
            seconds)


def test_both_agreements_are_listed_each_with_its_own_promises_and_term(two):
    listed = agreements.list_agreements(two.store)
    assert [a.slug for a in listed] == [second.SLUG, FIRST]  # the most recent government first
    assert [(a.term_start, a.term_end) for a in listed] == [TERM, ("2019-10-02", "2024-09-30")]
    progress = {p.agreement.slug: p for p in agreements.progress(two.store)}
    real_promises = sum(s.is_promise for s in two.real.statements)
    assert progress[FIRST].promises == real_promises > 2000
    assert progress[second.SLUG].promises == len(second.promises()) == 51
    with scope.using(two.first.id):
        analysed = sum(1 for p in iter_promises(two.store)
                       if p.node_key.split("/")[0] in REAL_CHAPTERS)
    assert progress[FIRST].assessed == analysed > 200
    assert progress[second.SLUG].assessed == 51
    assert sum(progress[second.SLUG].by_status.values()) == 51
    print(f"\nduur (s): {two.seconds}")


def test_the_generated_agreement_is_stored_as_it_was_written(two):
    with scope.using(two.second.id):
        nodes = list_nodes(two.store)
        promises = [p.text for p in iter_promises(two.store)]
        ids = {r[0] for r in two.store.execute(
            "SELECT promise_id FROM agreement_statements WHERE agreement_id = ?"
            " AND promise_id IS NOT NULL", (two.second.id,))}
    kinds = [n.kind for n in nodes]
    assert (kinds.count("part"), kinds.count("chapter"), kinds.count("section")) == (
        3, 6, second.section_count())
    assert promises == [text for _, _, text in second.promises()]
    first_ids = {r[0] for r in two.store.execute(
        "SELECT promise_id FROM agreement_statements WHERE agreement_id = ?"
        " AND promise_id IS NOT NULL", (two.first.id,))}
    assert len(ids) == 51 and not ids & first_ids


def test_the_second_agreement_links_decisions_from_within_its_term_only(two):
    verdicts: tuple[Assessment, ...] = two.analysed.assessments
    assert len(verdicts) == 51
    # The topics overlap for real: some promises have evidence, some candidates.
    with_evidence = [a for a in verdicts if a.evidence]
    assert len(with_evidence) >= 5
    assert sum(1 for a in verdicts if a.candidates) >= 3
    linked = [d for a in verdicts for d in (*a.evidence, *a.candidates, *a.context)]
    assert len(linked) > 1000
    assert [d.meeting_date for d in linked if not within(d.meeting_date)] == []
    assert all(within(a.first_date) and within(a.last_date) and within(a.reached_on)
               for a in verdicts)
    # What the store holds for it, whatever its role.
    stored = linked_rows(two.store, two.second.id)
    assert len(stored) == len(linked)
    assert [row for row in stored if not within(row[2])] == []


def test_the_reports_of_the_second_agreement_cite_no_decision_outside_its_term(two):
    cited: list[str] = []

    def dates(value) -> None:
        if isinstance(value, dict):
            if "decision_id" in value:
                cited.append(value["meeting_date"])
            for item in value.values():
                dates(item)
        elif isinstance(value, list):
            for item in value:
                dates(item)

    days = {r[0]: r[1] for r in two.store.execute("SELECT id, meeting_date FROM decisions")}
    linked_in_markdown: set[str] = set()
    with scope.using(two.second.id):
        chapters = [n.key for n in list_nodes(two.store) if n.kind == "chapter"]
        for key in chapters:
            dates(json.loads(section_report(two.store, SETTINGS, key, "json").text))
            markdown = section_report(two.store, SETTINGS, key, "md").text
            linked_in_markdown |= {i for i in days if i in markdown}
    assert len(cited) > 100
    assert [day for day in cited if not within(day)] == []
    # The Markdown links its decisions by id: none from outside the term.
    assert len(linked_in_markdown) > 10
    assert [days[i] for i in linked_in_markdown if not within(days[i])] == []


def test_without_its_term_the_same_promises_do_link_decisions_outside_it(two):
    """The filter matters: searched over the first agreement's term (all the decisions), the
    second's promises find evidence from before and after 2022-2023."""
    engine = SearchEngine(two.store, SETTINGS)
    with scope.using(two.second.id):
        promises = list(iter_promises(two.store))
        titles = {p.node_key: get_node(two.store, p.node_key).title for p in promises}
        own = EvidenceLinker(two.store, engine)
    with scope.using(two.first.id):
        wide = EvidenceLinker(two.store, engine)
    assert own.term == TERM and wide.term == ("2019-10-02", "2024-09-30")
    outside = {"evidence": 0, "candidates": 0, "context": 0}
    for promise in promises:
        linked = wide.link(promise.text, titles[promise.node_key])
        for role, decisions in (("evidence", linked.evidence), ("candidates", linked.candidates),
                                ("context", linked.context)):
            outside[role] += sum(not within(d.meeting_date) for d in decisions)
        mine = own.link(promise.text, titles[promise.node_key])
        assert all(within(d.meeting_date)
                   for d in (*mine.evidence, *mine.candidates, *mine.context))
    print(f"\nbuiten de termijn gekoppeld zonder termijnfilter: {outside}")
    assert outside["evidence"] >= 10 and outside["context"] > 500
    # The first agreement's own verdicts on the same topics do cite such decisions.
    first_linked = linked_rows(two.store, two.first.id)
    assert sum(1 for role, _, day in first_linked if role == "evidence" and not within(day)) > 10


def test_the_first_agreement_is_byte_identical_after_the_second_came_and_went_again(two):
    assert two.first_before["promise_assessments"], "the first agreement was not analysed"
    assert two.first_after == two.first_before
    assert two.first_after_reimport == two.first_before


def test_importing_the_second_again_changes_nothing(two):
    assert two.reimported is False
    assert two.second_after_reimport == two.second_after
    assert two.first_after_reimport == two.first_before


def test_a_narrower_term_given_on_import_again_drops_what_now_falls_outside(
        real_decisions, tmp_path):
    """The term is part of what a verdict depends on: the same PDF imported again with a later
    start re-assesses its promises, and the decisions before the new start are gone."""
    later = "2022-07-01"
    with open_store(f"sqlite:///{tmp_path / 'smaller.db'}") as store:
        upsert_decisions(store, read_jsonl(real_decisions))
        index_decisions(store, SETTINGS)
        import_second(store)
        agreement = agreements.find(store, second.SLUG)
        with scope.using(agreement.id):
            run_assessment(store, SETTINGS)
            before = linked_rows(store, agreement.id)
            parsed = prepare_agreement(second.second_agreement(), "proefakkoord-2022-2023.pdf")
            assert save_agreement(store, dataclasses.replace(
                parsed, slug=second.SLUG, term_start=later, term_end=second.TERM_END)) is False
            assert agreements.find(store, second.SLUG).term_start == later
            again = run_assessment(store, SETTINGS)
            after = linked_rows(store, agreement.id)
    assert any(day < later for _, _, day in before)
    assert again.run.assessed == len(second.promises())  # every verdict depends on the term
    assert after and all(later <= day <= second.TERM_END for _, _, day in after)


def test_the_whole_story_through_the_command_line(real_decisions, shared_data, tmp_path):
    """`beslissingen import`, `indexeer`, `akkoord import` of both (the second with `--akkoord
    --van --tot`), `analyseer --akkoord` on each, `akkoord lijst --json` with both side by
    side, and the second imported again changing nothing."""
    (tmp_path / "proefakkoord-2022-2023.pdf").write_bytes(second.second_agreement())
    url = f"sqlite:///{tmp_path / 'twee.db'}"
    env = {"BELOFTEMETER_EMBEDDER": "geen"}

    def cli(*args: str) -> str:
        result = run("--opslag", url, *args, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    cli("beslissingen", "import", str(real_decisions))
    cli("indexeer")
    cli("akkoord", "import", str(shared_data / "regeerakkoord-2019-2024.pdf"))
    cli("akkoord", "import", "proefakkoord-2022-2023.pdf", "--akkoord", second.SLUG,
        "--van", second.TERM_START, "--tot", second.TERM_END)
    wonen = json.loads(cli("--akkoord", FIRST, "analyseer", "--sectie", "wonen", "--json"))
    own = json.loads(cli("analyseer", "--akkoord", second.SLUG, "--alles", "--json"))

    def linked(output: dict, roles=("evidence", "candidates", "context")) -> list[str]:
        return [d["meeting_date"] for r in output["results"] for role in roles for d in r[role]]

    assert len(own["results"]) == 51 and len(linked(own, ("evidence",))) >= 5
    assert [day for day in linked(own) if not within(day)] == []
    assert sum(not within(day) for day in linked(wonen, ("evidence",))) > 5
    listed = json.loads(cli("akkoord", "lijst", "--json"))
    assert [(a["slug"], a["term_start"], a["term_end"], a["promises"], a["assessed"])
            for a in listed] == [
        (second.SLUG, *TERM, 51, 51),
        (FIRST, "2019-10-02", "2024-09-30", listed[1]["promises"], len(wonen["results"]))]
    assert listed[1]["promises"] > 2000 and listed[0]["with_evidence"] >= 5
    with open_store(url) as store:
        first_id = agreements.find(store, FIRST).id
        before = rows_of(store, first_id), rows_of(store, agreements.find(store, second.SLUG).id)
    cli("akkoord", "import", "proefakkoord-2022-2023.pdf", "--akkoord", second.SLUG)
    assert json.loads(cli("akkoord", "lijst", "--json")) == listed
    with open_store(url) as store:
        assert (rows_of(store, first_id),
                rows_of(store, agreements.find(store, second.SLUG).id)) == before
