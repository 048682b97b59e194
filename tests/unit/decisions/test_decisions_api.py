"""The API client's pieces: HTML to text, Brussels dates, the filter's UTC bounds, page shape."""

import json
from datetime import date

import pytest

from beloftemeter.errors import ConfigError
from beloftemeter.sources.decisions_api import (
    DecisionsApiClient,
    TransientError,
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
