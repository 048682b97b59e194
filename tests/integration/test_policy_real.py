"""The two shared policy documents: every action of the horizontal plan with its fields,
counted against the plan's own table of contents; quotes linked to the agreement; the policy
note's strategic and operational objectives."""

import pytest

from beloftemeter.analysis.policy_links import PromiseLinker
from beloftemeter.sources.policy_structure import parse_policy
from beloftemeter.sources.policy_text import read_policy_text

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def plan(shared_data):
    path = next((shared_data / "policy").glob("horizontaal-*.txt"))
    return parse_policy(read_policy_text(path), str(path))


@pytest.fixture(scope="module")
def note(shared_data):
    path = next((shared_data / "policy").glob("beleidsnota-*.txt"))
    return parse_policy(read_policy_text(path), str(path))


@pytest.fixture(scope="module")
def statements(shared_data):
    from beloftemeter.pipeline.agreement import prepare_agreement

    pdf = shared_data / "regeerakkoord-2019-2024.pdf"
    return prepare_agreement(pdf.read_bytes(), str(pdf)).statements


def test_every_action_of_the_table_of_contents_is_found_with_its_fields(plan):
    assert len(plan.toc_actions) == 35
    assert [a.number for a in plan.actions] == [number for number, _ in plan.toc_actions]
    # Titles agree with the contents, but for one word the plan itself changed (4.2:
    # "Lokale Integratie Veiligheidscellen" in the contents, "Integrale" in the text).
    differ = [a.number for a, (_, title) in zip(plan.actions, plan.toc_actions, strict=True)
              if a.title != title]
    assert differ == ["4.2"]
    assert plan.warnings == ()
    for action in plan.actions:
        assert action.goals and action.responsible and action.timing and action.budget, action
    first = plan.actions[0]
    assert first.title == "Taalbeleid binnen werk en opleiding"
    assert "minister Hilde Crevits" in first.responsible
    assert (first.agreement_pages, first.timing) == ("pp. 66-67", "2020 - 2024")
    assert [o.number for o in plan.objectives] == [str(n) for n in range(1, 11)]


def test_at_least_nine_in_ten_quoting_actions_link_to_the_promise_they_quote(plan, statements):
    quoting = [a for a in plan.actions if a.agreement_quotes]
    assert len(quoting) == 27
    linker = PromiseLinker(statements)
    promises = {(s.node_key, s.ordinal) for s in statements if s.is_promise}
    to_promise = [a for a in quoting
                  if any((link.node_key, link.ordinal) in promises
                         for link in linker.quoted(plan, a))]
    assert len(to_promise) / len(quoting) >= 0.9
    # Spot check: the Brussels language app quotes the agreement's language policy sentence.
    app = next(a for a in plan.actions if a.number == "1.3")
    linked = {link.node_key for link in linker.quoted(plan, app)}
    assert linked == {"inburgering-en-integratie/2.2.4"}


def test_the_policy_notes_objectives_are_found_with_numbers_and_titles(note):
    kinds = [(o.kind, o.number) for o in note.objectives]
    assert [n for k, n in kinds if k == "SD"] == ["1", "2", "3", "4"]
    assert [n for k, n in kinds if k == "OD"] == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5",
        "3.1", "3.2", "3.3", "3.4", "3.5", "4.1", "4.2", "4.3", "4.4", "4.5"]
    titles = {o.number: o.title for o in note.objectives if o.kind == "OD"}
    assert titles["2.2"] == "We versterken de taalverwerving van het Nederlands"
    assert titles["1.1"].endswith("netwerken te stimuleren die het sociaal weefsel vormen")
