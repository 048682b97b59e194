"""The API client's pieces: HTML to text, Brussels dates, the filter's UTC bounds, page shape."""

import json
from datetime import date

import pytest

from beloftemeter.errors import ConfigError
from beloftemeter.sources.bounded_input import InputLimits, loads_bounded
from beloftemeter.sources.decisions_api import (
    ApiPage,
    DecisionsApiClient,
    TransientError,
    check_complete,
    day_bounds_utc,
    decision_from_resource,
    html_to_text,
    json_error_reason,
    local_meeting_date,
    parse_page,
)


def test_html_becomes_plain_text_with_paragraphs_and_list_items_kept():
    html = (
        "<p>De Vlaamse  Regering\n keurt &amp; beslist.</p>"
        "<ul><li>eerste punt</li><li>tweede punt</li></ul><p>&nbsp;</p><p>Slot.</p>"
    )
    assert html_to_text(html) == (
        "De Vlaamse Regering keurt & beslist.\n\n* eerste punt\n* tweede punt\n\nSlot."
    )


def test_text_without_markup_is_only_tidied():
    assert html_to_text("  een   twee \n\n\n\n drie ") == "een twee\n\ndrie"
    assert html_to_text("") == "" and html_to_text("   ") == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-12-03", "2021-12-03"),
        ("2021-12-02T23:00:00Z", "2021-12-03"),  # midnight in Brussels, winter
        ("2021-06-30T22:00:00.000Z", "2021-07-01"),  # midnight in Brussels, summer
        ("2021-12-03T10:00:00+01:00", "2021-12-03"),
        ("2021-12-03T10:00:00", "2021-12-03"),
    ],
)
def test_meeting_dates_are_calendar_dates_in_brussels(value, expected):
    assert local_meeting_date(value) == expected


def test_the_date_filter_runs_from_brussels_midnight_to_the_end_of_the_last_day():
    assert day_bounds_utc(date(2021, 3, 1), date(2021, 3, 31)) == (
        "2021-02-28T23:00:00.000Z",
        "2021-03-31T21:59:59.999Z",  # summer time started on 28 March
    )


def test_a_page_without_a_data_list_is_a_transient_failure():
    with pytest.raises(TransientError):
        parse_page({"errors": []})
    assert parse_page({"data": [], "meta": {"count": 4}}).count == 4
    assert parse_page({"data": [{"id": "x"}]}).count == -1


@pytest.mark.parametrize(
    ("resource", "reason"),
    [
        ({"id": "A"}, "attributes"),
        ({"attributes": {"title": "t", "meetingDate": "2021-01-01"}}, "id"),
        ({"id": "A", "attributes": {"title": "t"}}, "meetingDate"),
        ({"id": "A", "attributes": {"title": "", "meetingDate": "2021-01-01"}}, "geen titel"),
        ({"id": "A", "attributes": {"title": 3, "meetingDate": "2021-01-01"}}, "tekst"),
    ],
)
def test_an_unreadable_resource_says_why_in_dutch(resource, reason):
    with pytest.raises(ValueError, match=reason):
        decision_from_resource(resource)


@pytest.mark.parametrize("value", ["gisteren", "2021-13-01", "2021-02-30T10:00:00Z", "2021-1-1x"])
def test_a_meeting_date_that_is_no_date_is_refused_in_dutch(value):
    with pytest.raises(ValueError) as caught:
        local_meeting_date(value)
    assert str(caught.value) == f"meetingDate is geen geldige datum: {value!r}"


def test_a_resource_with_an_unreadable_meeting_date_says_so_in_dutch():
    resource = {"id": "A", "attributes": {"title": "t", "meetingDate": "gisteren"}}
    with pytest.raises(ValueError, match=r"^meetingDate is geen geldige datum: 'gisteren'$"):
        decision_from_resource(resource)


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("", "waarde verwacht, regel 1, kolom 1"),
        ('{"a": 1} 2', "extra tekens na de JSON-waarde, regel 1, kolom 10"),
        ('{"id": "A", "meeting_date": "2021-0', "tekst zonder afsluitend aanhalingsteken,"
         " regel 1, kolom 29"),
        ("{'a': 1}", "naam tussen dubbele aanhalingstekens verwacht, regel 1, kolom 2"),
        ('[1 2]', "komma verwacht, regel 1, kolom 4"),
        ('{\n"a" 1}', "dubbelpunt verwacht, regel 2, kolom 5"),
    ],
)
def test_json_errors_are_explained_in_dutch_with_their_place(document, reason):
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(document)
    assert json_error_reason(caught.value) == reason
    assert json_error_reason(caught.value, line=False) == reason.replace(
        f"regel {caught.value.lineno}, ", ""
    )


@pytest.mark.parametrize("url", ["notaurl", "", "ftp://example.org", "http://", "localhost:80"])
def test_an_api_url_that_is_not_http_is_a_config_error_before_any_request(url):
    with pytest.raises(ConfigError, match="decisions_api_url is geen http\\(s\\)-adres"):
        DecisionsApiClient(url)


def test_the_api_url_loses_its_trailing_slash():
    with DecisionsApiClient("https://example.org/api/ ") as client:
        assert client.base_url == "https://example.org/api"


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-05:00", "0001-01-01", "2200-01-01"]
)
def test_a_meeting_date_outside_the_plausible_years_is_refused_in_dutch(value):
    # Before: the first two raised OverflowError (moving them to Brussels time overflows)
    with pytest.raises(ValueError) as caught:
        local_meeting_date(value)
    assert str(caught.value) == f"meetingDate ligt niet tussen 1900 en 2199: {value!r}"


@pytest.mark.parametrize(
    ("payload", "count"),
    [
        ({"count": True, "data": []}, -1),  # a boolean is no count
        ({"count": -3, "data": []}, -1),
        ({"count": "12", "data": []}, -1),
        ({"meta": {"count": 7}, "data": []}, 7),
    ],
)
def test_only_a_non_negative_integer_is_a_count(payload, count):
    assert parse_page(payload).count == count


def test_a_count_of_thousands_of_digits_is_no_count():
    payload = loads_bounded('{"count": ' + "9" * 5000 + ', "data": []}', max_depth=None)
    assert parse_page(payload).count == -1


@pytest.mark.parametrize(
    ("count", "number", "returned", "short"),
    [
        (25, 0, 10, False),
        (25, 2, 5, False),  # the last page may be short
        (25, 1, 9, True),
        (25, 2, 4, True),
        (25, 0, 0, True),  # an empty page where the count promises items
        (0, 0, 0, False),
        (-1, 0, 3, False),  # without a count nothing can be checked
    ],
)
def test_a_page_shorter_than_its_count_promises_is_a_transient_failure(
    count, number, returned, short
):
    page = ApiPage(count=count, resources=tuple({"id": str(i)} for i in range(returned)))
    if short:
        with pytest.raises(TransientError, match="onvolledige pagina"):
            check_complete(page, number, 10)
    else:
        check_complete(page, number, 10)


def test_a_lone_surrogate_in_a_title_is_replaced_so_the_store_can_write_it(store):
    from beloftemeter.store.decisions import get_decision, upsert_decisions

    resource = json.loads('{"id": "A", "attributes": {"title": "fiets\\ud800pad",'
                          ' "meetingDate": "2021-01-04"}}')
    decision = decision_from_resource(resource)
    assert decision.title == "fiets\ufffdpad"
    upsert_decisions(store, [decision])
    assert get_decision(store, "A").title == "fiets\ufffdpad"


def test_a_text_beyond_the_limit_is_cut_with_a_note():
    limits = InputLimits(max_line_bytes=10_000, max_text_bytes=1024)
    html = "<p>" + "woord " * 2000 + "</p>"
    notes = []
    decision = decision_from_resource(
        {"id": "A", "attributes": {"title": "Titel", "htmlContent": html,
                                   "meetingDate": "2021-01-04"}}, limits, notes)
    assert len(decision.text.encode()) <= 1024
    assert decision.text.startswith("Titel\n\nwoord woord")
    assert notes and all("ingekort" in n and "max_decision_text_kb" in n for n in notes)


def test_the_client_takes_every_http_setting_and_limit_from_the_configuration():
    from beloftemeter.config import Settings

    settings = Settings(decisions_api_url="http://127.0.0.1:9", http_timeout=3.0,
                        http_retries=1, http_deadline=7.0, requests_per_second=4.0,
                        max_dump_line_kb=3, max_decision_text_kb=2)
    with DecisionsApiClient.from_settings(settings) as client:
        assert (client.retries, client.deadline, client.min_interval) == (1, 7.0, 0.25)
        assert client.limits == InputLimits(max_line_bytes=3 * 1024, max_text_bytes=2 * 1024)
        assert client._http.timeout.read == 3.0
