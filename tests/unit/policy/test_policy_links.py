"""Actions linked to promises (by quote, else by search), stored, and counted in roll-ups."""

from beloftemeter.analysis.policy_links import PromiseLinker
from beloftemeter.analysis.rollup import rollup
from beloftemeter.models.policy import Action, PolicyDocument
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import open_store
from beloftemeter.store import policy as policy_store
from beloftemeter.store.assessment import load_assessments
from support.assessed_store import TOLL, TRAM, build
from support.cli import run


def plan(*actions: Action) -> PolicyDocument:
    return PolicyDocument("plan", "Mobiliteitsplan", "plan.txt", "0" * 64, (), actions)


def statements(store):
    return [s for node in agreement_store.list_nodes(store)
            for s in agreement_store.statements_of(store, node.key)]


QUOTING = Action("1.1", "Heffing", "1", "", agreement_pages="p. 10",
                 agreement_quotes=("We voeren een KILOMETERHEFFING in",))
SEARCHING = Action("1.2", "Tramlijn naar de luchthaven Zaventem bouwen", "1", "",
                   goals="Een tramlijn naar Zaventem.")
NOTHING = Action("1.3", "Iets heel anders", "1", "", agreement_quotes=("Onbestaande passage hier",))


def test_a_quoted_piece_links_its_action_to_the_statement_that_holds_it(store):
    build(store)
    links = PromiseLinker(statements(store)).link(plan(QUOTING, SEARCHING))
    quoted = [link for link in links if link.action_number == "1.1"]
    assert [(link.node_key, link.ordinal, link.method, link.score) for link in quoted] == [
        (TOLL, 0, "citaat", 1.0)]
    searched = [link for link in links if link.action_number == "1.2"]
    assert searched[0].node_key == TRAM and searched[0].method == "zoeken"
    assert 0 < searched[0].score < 1


def test_an_action_nothing_matches_stays_unlinked(store):
    build(store)
    assert PromiseLinker(statements(store)).link(plan(NOTHING)) == []


def test_planned_actions_are_stored_shown_beside_a_promise_and_counted(store):
    build(store)
    document = plan(QUOTING, SEARCHING)
    links = PromiseLinker(statements(store)).link(document)
    policy_store.save_document(store, document, links, [("1.1", "k3", 1, 0.5)])
    policy_store.save_document(store, document, links, [("1.1", "k3", 1, 0.5)])  # replaced
    planned = policy_store.actions_for_promise(store, TOLL, 0)
    assert [(p.action_number, p.method, p.document_title) for p in planned] == [
        ("1.1", "citaat", "Mobiliteitsplan")]
    assert policy_store.planned_promises(store) >= {(TOLL, 0), (TRAM, 0)}
    assert policy_store.decision_links(store, "plan") == [("1.1", "k3", 1, 0.5)]
    counted = rollup("mobiliteit", "Mobiliteit", load_assessments(store),
                     policy_store.planned_promises(store))
    assert counted.with_plan == 2 and counted.planned_without_decision == 0


def test_beleid_import_lijst_and_toon(tmp_path):
    from test_policy_structure import PLAN

    with open_store(f"sqlite:///{tmp_path / 'beloftemeter.db'}") as store:
        build(store)
    (tmp_path / "plan.txt").write_text(PLAN.replace(
        "Nieuwkomers begeleiden we", "We voeren een kilometerheffing in"), encoding="utf-8")
    result = run("beleid", "import", "plan.txt", "--titel", "Testplan", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3 acties (inhoudstafel: 3)" in result.stdout
    assert "1 van de 2 acties die het akkoord citeren gekoppeld" in result.stdout
    assert "plan: Testplan (2 doelstellingen, 3 acties)" in run("beleid", "lijst",
                                                               cwd=tmp_path).stdout
    shown = run("beleid", "toon", "plan", "--json", cwd=tmp_path)
    assert '"number": "1.1"' in shown.stdout and '"method": "citaat"' in shown.stdout


def test_a_bad_file_is_one_dutch_line_and_leaves_the_store_as_it_was(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'beloftemeter.db'}") as store:
        build(store)
    (tmp_path / "leeg.txt").write_bytes(b"")
    result = run("beleid", "import", "leeg.txt", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == ["fout: Leeg bestand: leeg.txt"]
    assert "Nog geen beleidsdocumenten" in run("beleid", "lijst", cwd=tmp_path).stdout
    unknown = run("beleid", "toon", "onbekend", cwd=tmp_path)
    assert unknown.stderr.startswith("fout: Onbekend beleidsdocument: onbekend")
