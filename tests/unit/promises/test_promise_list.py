"""The promise list: filters, facets counted under the other filters, sorting, pages, and
the Dutch error for a value that is not one."""

from __future__ import annotations

import pytest

from beloftemeter.errors import InputError
from beloftemeter.models.policy import Action, PolicyDocument, PromiseLink
from beloftemeter.models.promises import PromiseFilters
from beloftemeter.pipeline.promises import (
    list_promises,
    progress_by_minister,
    promise_list_dict,
)
from beloftemeter.store import open_store
from beloftemeter.store.policy import save_document
from beloftemeter.store.promise_ids import ids_by_key
from support.assessed_store import TOLL, TRAM


def _list(store, **filters):
    return list_promises(store, PromiseFilters(**filters))


def _facet(result, name):
    facet = next(f for f in result.facets if f.name == name)
    return {v.value: (v.count, v.selected) for v in facet.values}


def _plan(store):
    """The tram promise planned by one action under two ministers."""
    action = Action("1.1", "Tram naar de luchthaven", None, "Tekst.", responsible=(
        "Mobiliteit en Openbare Werken – minister Lydia Peeters Brussel – minister Benjamin"
        " Dalle"))
    save_document(store, PolicyDocument("nota-mobiliteit", "Beleidsnota Mobiliteit", "x",
                                        "0" * 64, (), (action,)),
                  [PromiseLink("nota-mobiliteit", "1.1", TRAM, 0, "citaat", 1.0, "tram")], [])


def test_without_filters_every_promise_in_agreement_order(small):
    result = _list(small)
    ids = ids_by_key(small)
    assert result.total == 3
    assert [p.id for p in result.items] == [ids[(TOLL, 0)], ids[(TRAM, 0)], ids[(TRAM, 1)]]
    first = result.items[0]
    assert (first.status, first.evidence_count, first.latest_stage,
            first.latest_decision_date) == ("uitgevoerd", 3, "bekrachtiging", "2022-03-11")
    assert (first.chapter, first.section_title) == ("1 — Mobiliteit", "1.1 Slimme heffingen")


def test_each_facet_is_counted_under_the_other_filters(small):
    result = _list(small, status="uitgevoerd")
    assert result.total == 2
    # The status facet ignores the status filter itself: the other status stays choosable.
    assert _facet(result, "status") == {"uitgevoerd": (2, True),
                                        "geen beslissing gevonden": (1, False)}
    assert _facet(result, "has_evidence") == {"true": (2, False)}
    assert _facet(result, "latest_year") == {"2021": (1, False), "2022": (1, False)}
    narrowed = _list(small, status="uitgevoerd", latest_year=2021)
    assert narrowed.total == 1 and narrowed.items[0].section == TRAM
    assert _facet(narrowed, "status") == {"uitgevoerd": (1, True)}
    assert _facet(narrowed, "latest_year")["2022"] == (1, False)


def test_evidence_stage_year_and_chapter_filters(small):
    assert _list(small, has_evidence=False).total == 1
    assert _list(small, latest_stage="bekrachtiging").items[0].section == TOLL
    assert _list(small, latest_stage="Bekrachtiging en afkondiging").total == 1
    assert _list(small, chapter="mobiliteit").total == 3
    assert _list(small, chapter="1 — Mobiliteit", status="geen beslissing gevonden").total == 1
    assert _list(small, latest_year=2020).total == 0


def test_text_search_keeps_the_promises_with_every_word(small):
    result = _list(small, text="tramlijn Zaventem")
    assert [p.section for p in result.items] == [TRAM] and result.total == 1
    assert _list(small, text="tramlijn kilometerheffing").total == 0
    # The facets count within the text's matches.
    assert _facet(_list(small, text="deelfietsen"), "status") == {
        "geen beslissing gevonden": (1, False)}


def test_minister_and_domain_come_from_the_linked_policy_actions(small):
    _plan(small)
    result = _list(small, minister="peeters")
    assert [p.section for p in result.items] == [TRAM] and result.total == 1
    assert _facet(result, "minister") == {"Benjamin Dalle": (1, False),
                                          "Lydia Peeters": (1, True)}
    assert _list(small, domain="Brussel").total == 1
    assert _list(small, minister="Lydia Peeters", status="geen beslissing gevonden").total == 0
    [peeters, _dalle] = sorted(progress_by_minister(small), key=lambda m: m.name, reverse=True)
    assert (peeters.name, peeters.promises, peeters.counts, peeters.with_evidence) == (
        "Lydia Peeters", 1, {"uitgevoerd": 1}, 1)


def test_sorting_and_pages(small):
    latest = _list(small, sort="latest")
    assert [p.latest_decision_date for p in latest.items] == ["2022-03-11", "2021-09-17", None]
    by_status = _list(small, sort="status")
    assert [p.status for p in by_status.items][-1] == "geen beslissing gevonden"
    second = _list(small, per_page=1, page=2)
    assert (second.total, len(second.items), second.items[0].section) == (3, 1, TRAM)
    assert _list(small, page=9).items == ()


@pytest.mark.parametrize(("filters", "message"), [
    ({"status": "klaar"}, "Onbekende status: 'klaar' (kies uit: uitgevoerd,"),
    ({"chapter": "onderwijs"}, "Onbekend hoofdstuk: 'onderwijs' (kies uit: mobiliteit)"),
    ({"part": "deel-9"}, "Onbekend deel: 'deel-9'"),
    ({"minister": "Jambon"}, "Onbekende minister: 'Jambon' (kies uit: geen)"),
    ({"latest_stage": "klaar"}, "Onbekende fase: 'klaar' (kies uit: conceptnota,"),
    ({"latest_year": 1850}, "Ongeldig jaar: 1850"),
    ({"sort": "titel"}, "Onbekende sortering: 'titel' (kies uit: agreement, latest, status)"),
    ({"page": 0}, "Het paginanummer moet minstens 1 zijn."),
    ({"per_page": 501}, "Het aantal per pagina moet tussen 1 en 500 liggen."),
])
def test_a_value_that_is_not_one_is_a_dutch_input_error_naming_the_valid_ones(
        small, filters, message):
    with pytest.raises(InputError) as caught:
        _list(small, **filters)
    assert caught.value.message.startswith(message)


def test_the_json_shape(small):
    data = promise_list_dict(_list(small, per_page=2))
    assert set(data) == {"total", "page", "per_page", "promises", "facets"}
    assert (data["total"], data["page"], data["per_page"], len(data["promises"])) == (3, 1, 2, 2)
    assert data["promises"][0]["id"].startswith("p-")
    assert set(data["facets"]) == {"status", "part", "chapter", "minister", "domain",
                                   "has_evidence", "latest_stage", "latest_year"}
    assert data["facets"]["chapter"] == [
        {"value": "mobiliteit", "label": "1 — Mobiliteit", "count": 3, "selected": False}]


# The first assessment (of the given status), as a row value both backends compare.
_FIRST = ("(node_key, ordinal) = (SELECT node_key, ordinal FROM promise_assessments{where}"
          " ORDER BY node_key, ordinal LIMIT 1)")


def test_the_list_sees_a_change_made_by_another_connection_or_by_its_own(small, fresh_store_url):
    from beloftemeter.store.promise_list import data_version
    from beloftemeter.store.state import set_state

    first = data_version(small)
    assert data_version(small) == first  # nothing changed: the stored version is reused
    with open_store(fresh_store_url) as other, other.transaction() as conn:
        # another process assessing, say
        conn.execute("UPDATE promise_assessments SET assessed_at = '2099-01-01T00:00:00'"
                     f" WHERE {_FIRST.format(where='')}")
    second = data_version(small)
    assert second != first
    set_state(small, "onbelangrijk", "1")  # a table the list does not show: same version
    assert data_version(small) == second
    with small.transaction() as conn:  # a write on this connection itself is seen too
        conn.execute(f"DELETE FROM promise_assessments WHERE {_FIRST.format(where='')}")
    assert data_version(small) != second


def test_a_list_is_kept_until_the_data_changes(small):
    filters = PromiseFilters(status="uitgevoerd")
    first = list_promises(small, filters)
    assert list_promises(small, filters) is first  # the kept answer
    with small.transaction() as conn:  # an assessment changes: the list is made anew
        conn.execute("DELETE FROM promise_assessments WHERE status = 'uitgevoerd' AND"
                     f" {_FIRST.format(where=' WHERE status = ' + repr('uitgevoerd'))}")
    again = list_promises(small, filters)
    assert again is not first and again.total == first.total - 1
