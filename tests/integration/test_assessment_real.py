"""The assessment on the real agreement and decisions, lexical only (fast): a section's
promises get statuses on the scale, evidence is strict and dated, re-runs change nothing."""

import pytest

from beloftemeter.analysis.assessor import assess_promises, promises_of
from beloftemeter.analysis.evidence import MAX_EVIDENCE, EvidenceLinker
from beloftemeter.config import Settings
from beloftemeter.models.assessment import STATUSES
from beloftemeter.search.engine import SearchEngine
from beloftemeter.store import open_store
from beloftemeter.store.assessment import load_assessments

pytestmark = pytest.mark.integration
SECTION = "wonen/4.2.5"  # De bestuurlijke uitdagingen: the merger into one housing agency


@pytest.fixture(scope="module")
def real_store(shared_data, tmp_path_factory):
    from beloftemeter.pipeline.agreement import prepare_agreement
    from beloftemeter.sources.decisions_dump import read_jsonl
    from beloftemeter.store.agreement import save_agreement
    from beloftemeter.store.decisions import upsert_decisions

    path = tmp_path_factory.mktemp("assessment") / "real.db"
    pdf = shared_data / "regeerakkoord-2019-2024.pdf"
    with open_store(f"sqlite:///{path}") as store:
        save_agreement(store, prepare_agreement(pdf.read_bytes(), str(pdf)))
        upsert_decisions(store, read_jsonl(shared_data / "decisions-vr-2019-2024.jsonl"))
        yield store


@pytest.fixture(scope="module")
def linker(real_store):
    return EvidenceLinker(real_store, SearchEngine(real_store, Settings(embedder="geen")))


def test_the_housing_agency_merger_is_linked_to_its_restructuring_decree(real_store, linker):
    report = assess_promises(real_store, linker, promises_of(real_store, SECTION))
    assert report.promises == report.assessed >= 3
    assessments = load_assessments(real_store, [SECTION])
    assert all(a.status in STATUSES for a in assessments)
    merger = next(a for a in assessments if "gefuseerd" in a.promise)
    linked = [*merger.evidence, *merger.context]
    titles = [d.title for d in linked]
    # Lexical only the decree stays "verwant" (strict on purpose); with e5 it is evidence.
    assert sum("Herstructurering beleidsveld Wonen" in t for t in titles) >= 4
    assert len(merger.evidence) <= MAX_EVIDENCE
    for a in assessments:
        dates = [e.meeting_date for e in a.evidence]
        assert dates == sorted(dates)
        if a.evidence:
            assert a.first_date == dates[0] and a.reached_on in dates and "“" in a.reason


def test_a_second_run_on_the_real_data_reassesses_nothing(real_store, linker):
    promises = promises_of(real_store, SECTION)
    assess_promises(real_store, linker, promises)
    again = assess_promises(real_store, linker, promises)
    assert (again.assessed, again.unchanged) == (0, len(promises))
