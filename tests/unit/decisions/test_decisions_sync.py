"""Syncing from a local stand-in of the API: every decision exactly once, whatever fails."""

import json
import socket
import time
from datetime import date, timedelta

import pytest
from decisions_fixtures import make_records

from beloftemeter.errors import SourceError
from beloftemeter.pipeline.sync_windows import (
    CURSOR_KEY,
    OVERLAP_DAYS,
    WATERMARK_KEY,
    month_windows,
    plan_sync,
    sync_decisions,
)
from beloftemeter.sources.decisions_api import ApiPage, DecisionsApiClient
from beloftemeter.store import open_store
from beloftemeter.store.decisions import count_decisions, iter_decisions
from beloftemeter.store.state import get_state
from support.cli import run as _cli
from support.decisions_server import DecisionsServer

FIRST, LAST = date(2021, 1, 1), date(2021, 7, 31)
RECORDS = make_records(230)  # weekly meetings from 2021-01-04 to 2021-06-28
PAGE = 10


def client_for(server, **overrides):
    options = dict(timeout=0.5, retries=4, requests_per_second=0, backoff_seconds=0.01)
    return DecisionsApiClient(server.url, **{**options, **overrides})


def run_sync(store, server, page_size=PAGE, **overrides):
    plan = plan_sync(store, since=FIRST, until=LAST, default_since=FIRST)
    with client_for(server, **overrides) as client:
        return sync_decisions(store, client, plan, page_size=page_size)


def snapshot(store):
    return {d.id: (d.text, d.content_hash) for d in iter_decisions(store)}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A sync without faults: the reference every other sync must equal."""
    with DecisionsServer(RECORDS) as server, open_store(
        f"sqlite:///{tmp_path_factory.mktemp('clean') / 'c.db'}"
    ) as store:
        result = run_sync(store, server)
        return snapshot(store), result, len(server.requests)


def _words(text):
    return [w for w in text.split() if w != "*"]


def test_a_clean_sync_stores_every_decision_once_with_its_text(clean):
    stored, result, _ = clean
    assert result.counts.new == len(RECORDS) == len(stored)
    assert sorted(stored) == sorted(r["id"] for r in RECORDS)
    for record in RECORDS:  # HTML → text keeps every word of the source, in order
        assert _words(stored[record["id"]][0]) == _words(record["text"])
    assert any("\n\n" in text for text, _ in stored.values())  # paragraphs survive


def test_meeting_dates_are_brussels_dates_even_at_local_midnight(store):
    with DecisionsServer(RECORDS) as server:
        run_sync(store, server)
    dates = {d.id: d.meeting_date for d in iter_decisions(store)}
    assert dates == {r["id"]: r["meeting_date"] for r in RECORDS}


def test_every_window_is_paged_to_its_count(clean):
    _, result, requests = clean
    assert result.windows == len(list(month_windows(FIRST, LAST))) == 7
    per_month = {}
    for record in RECORDS:
        per_month[record["meeting_date"][:7]] = per_month.get(record["meeting_date"][:7], 0) + 1
    expected_pages = sum(n // PAGE + 1 for n in per_month.values()) + 1  # July is empty
    assert result.pages == requests == expected_pages


@pytest.mark.parametrize(
    "faults",
    [
        {1: "500", 2: "500", 5: "503"},
        {2: "traag", 7: "traag"},
        {3: "afgekapt", 4: "onvolledig", 6: "verbroken"},
        {1: "500", 2: "traag", 3: "afgekapt", 4: "verbroken", 9: "onvolledig", 12: "503"},
    ],
    ids=["serverfouten", "time-outs", "afgekapte-json", "alles-door-elkaar"],
)
def test_a_sync_through_faults_ends_with_the_same_store_as_a_clean_one(store, clean, faults):
    with DecisionsServer(RECORDS, faults=faults, slow_seconds=1.0) as server:
        result = run_sync(store, server)
        retried = len(server.requests) - result.pages
    assert retried == len(faults)  # each fault cost exactly one extra request
    assert count_decisions(store) == len(RECORDS)
    assert snapshot(store) == clean[0]


def test_a_page_that_keeps_failing_stops_with_a_dutch_error_and_the_next_sync_resumes(
    store, clean
):
    with DecisionsServer(RECORDS) as server:
        server.set_faults({n: "500" for n in range(6, 11)})  # request 6 fails 5 times
        with pytest.raises(SourceError, match="faalde 5 keer na elkaar"):
            run_sync(store, server)
        stored_before = count_decisions(store)
        assert 0 < stored_before < len(RECORDS)  # the five pages before the failing one stay
        cursor = get_state(store, CURSOR_KEY)
        assert cursor["pagina"] >= 1
        before = len(server.requests)
        result = run_sync(store, server)
        assert result.resumed
        resumed_requests = server.requests[before:]
    # resumed exactly after the last stored page: nothing stored was fetched again
    assert (result.counts.new, result.counts.unchanged) == (len(RECORDS) - stored_before, 0)
    first_window = resumed_requests[0]["filter[:gte,lte:meetingDate]"]
    assert not first_window.startswith("2020-12-31T23:00")  # January was not fetched again
    assert snapshot(store) == clean[0]
    assert get_state(store, CURSOR_KEY) is None
    assert get_state(store, WATERMARK_KEY) == LAST.isoformat()


def test_an_interrupted_sync_resumes_after_the_last_stored_page(store, clean):
    class Interrupted(Exception):
        pass

    with DecisionsServer(RECORDS) as server:
        client = client_for(server)
        original, calls = client.fetch_page, []

        def fetch_then_stop(*args, **kwargs):
            calls.append(args)
            if len(calls) == 9:
                raise Interrupted
            return original(*args, **kwargs)

        client.fetch_page = fetch_then_stop
        plan = plan_sync(store, since=FIRST, until=LAST, default_since=FIRST)
        with pytest.raises(Interrupted):
            sync_decisions(store, client, plan, page_size=PAGE)
        client.close()
        stored_before = count_decisions(store)
        assert 0 < stored_before < len(RECORDS)
        resumed = plan_sync(store, since=None, until=None, default_since=FIRST)
        assert resumed.resumed and (resumed.first, resumed.last) == (FIRST, LAST)
        with client_for(server) as again:
            result = sync_decisions(store, again, resumed, page_size=PAGE)
    assert (result.counts.new, result.counts.changed, result.counts.unchanged) == (
        len(RECORDS) - stored_before, 0, 0
    )
    assert snapshot(store) == clean[0]


def test_items_published_while_a_window_is_paged_are_not_missed(store):
    # While page 3 of January is asked for, five decisions appear for a later meeting of
    # that month: sorted newest first, they land on page 1, which was already fetched.
    january = [r for r in RECORDS if r["meeting_date"] < "2021-02-01"]
    late = [{**r, "id": f"LAAT{i:020d}", "meeting_date": "2021-01-29"}
            for i, r in enumerate(RECORDS[:5])]
    with DecisionsServer(january) as server:
        server.publish_later(3, late)
        result = run_sync(store, server)
    stored = {d.id for d in iter_decisions(store)}
    assert stored == {r["id"] for r in january + late}
    assert result.counts.new == len(january) + 5


def test_progress_counts_the_monthly_windows_still_to_fetch(store):
    ticks = []
    with DecisionsServer(RECORDS) as server:
        plan = plan_sync(store, since=FIRST, until=LAST, default_since=FIRST)
        assert len(plan.windows()) == 7
        with client_for(server) as client:
            sync_decisions(store, client, plan, page_size=PAGE, progress=ticks.append)
    assert ticks == [1] * 7


def test_the_next_sync_without_dates_starts_shortly_before_the_watermark(store):
    with DecisionsServer(RECORDS) as server:
        run_sync(store, server)
    plan = plan_sync(store, since=None, until=None, default_since=FIRST, today=date(2021, 9, 1))
    assert plan.first == LAST - timedelta(days=OVERLAP_DAYS)
    assert plan.last == date(2021, 9, 1) and not plan.resumed


def test_resyncing_changes_nothing(store, clean):
    with DecisionsServer(RECORDS) as server:
        run_sync(store, server)
        again = run_sync(store, server)
    assert (again.counts.new, again.counts.changed, again.counts.unchanged) == (
        0, 0, len(RECORDS)
    )


def test_a_server_asking_to_slow_down_is_waited_for(store, clean):
    with DecisionsServer(RECORDS, faults={2: "429"}) as server:
        started = time.monotonic()
        run_sync(store, server)
        elapsed = time.monotonic() - started
        assert len(server.requests) == clean[1].pages + 1
    assert elapsed >= 1.0  # Retry-After: 1, although the backoff alone would be 0.01 s
    assert snapshot(store) == clean[0]


def test_a_client_error_is_not_retried(store):
    with DecisionsServer(RECORDS) as server:
        client = DecisionsApiClient(server.url + "/verkeerd", retries=4, backoff_seconds=0.01)
        plan = plan_sync(store, since=FIRST, until=LAST, default_since=FIRST)
        with pytest.raises(SourceError, match="HTTP 404"):
            sync_decisions(store, client, plan)
        assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("afgekapt", "(onleesbare JSON (tekst zonder afsluitend aanhalingsteken, regel 1, kolom "),
        ("verbroken", "(verbinding verbroken of onvolledig antwoord)"),
        ("traag", "(time-out)"),
    ],
)
def test_a_page_that_keeps_failing_says_why_in_dutch(store, fault, reason):
    faults = {n: fault for n in range(1, 4)}
    with DecisionsServer(RECORDS, faults=faults, slow_seconds=1.0) as server, pytest.raises(
        SourceError
    ) as caught:
        run_sync(store, server, retries=2, timeout=0.3)
    message = caught.value.message
    assert "faalde 3 keer na elkaar " + reason in message
    assert not any(english in message for english in ("Expecting", "Unterminated", "Error:"))


class _OnePage:
    """A client whose first window holds one unreadable item and one good one."""

    def __init__(self, resources):
        self.resources = tuple(resources)
        self.calls = 0

    def fetch_page(self, first, last, number, size):
        self.calls += 1
        if self.calls == 1:
            return ApiPage(count=len(self.resources), resources=self.resources)
        return ApiPage(count=0, resources=())


def test_an_unreadable_item_is_skipped_with_a_dutch_warning(store, caplog):
    good = {"id": "GOED", "attributes": {"title": "t", "meetingDate": "2021-01-04"}}
    bad = {"id": "SLECHT", "attributes": {"title": "t", "meetingDate": "gisteren"}}
    plan = plan_sync(store, since=FIRST, until=LAST, default_since=FIRST)
    with caplog.at_level("WARNING", logger="beloftemeter.pipeline.sync_windows"):
        result = sync_decisions(store, _OnePage([bad, good]), plan)
    assert (result.skipped, result.counts.new) == (1, 1)
    assert [r.getMessage() for r in caplog.records] == [
        "item SLECHT overgeslagen: meetingDate is geen geldige datum: 'gisteren'"
    ]


def test_the_client_keeps_to_the_polite_request_rate(store):
    with DecisionsServer(RECORDS) as server:
        started = time.monotonic()
        run_sync(store, server, page_size=20, requests_per_second=20)
        elapsed = time.monotonic() - started
        requests = len(server.requests)
    assert requests >= 8
    assert elapsed >= (requests - 1) / 20 * 0.95


def test_the_sync_command_reports_what_it_stored_and_resyncs_incrementally(tmp_path):
    db = f"sqlite:///{tmp_path}/s.db"
    with DecisionsServer(RECORDS) as server:
        env = {"BELOFTEMETER_DECISIONS_API_URL": server.url,
               "BELOFTEMETER_REQUESTS_PER_SECOND": "1000"}
        first = _cli("--opslag", db, "beslissingen", "sync", "--van", "2021-01-01", "--tot",
                     "2021-07-31", "--json", cwd=tmp_path, env=env)
        assert first.returncode == 0, first.stderr
        summary = json.loads(first.stdout)
        assert (summary["new"], summary["windows"], summary["resumed"]) == (230, 7, False)
        second = _cli("--opslag", db, "beslissingen", "sync", "--tot", "2021-08-31", "--json",
                      cwd=tmp_path, env=env)
    again = json.loads(second.stdout)
    assert again["from"] == (LAST - timedelta(days=OVERLAP_DAYS)).isoformat()
    assert again["new"] == 0


def test_an_unreachable_api_is_one_dutch_error_line_and_exit_code_4(tmp_path):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = _cli("--opslag", f"sqlite:///{tmp_path}/s.db", "beslissingen", "sync", "--van",
                  "2021-01-01", "--tot", "2021-01-31", cwd=tmp_path,
                  env={"BELOFTEMETER_DECISIONS_API_URL": f"http://127.0.0.1:{port}",
                       "BELOFTEMETER_HTTP_RETRIES": "1"})
    assert result.returncode == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fout: De beslissingen-API")
    assert "faalde 2 keer na elkaar (geen verbinding met de server)" in lines[0]


def test_an_api_url_that_is_no_url_is_a_config_error_and_nothing_is_tried(tmp_path):
    result = _cli("--opslag", f"sqlite:///{tmp_path}/s.db", "beslissingen", "sync", "--van",
                  "2021-01-01", "--tot", "2021-01-31", cwd=tmp_path,
                  env={"BELOFTEMETER_DECISIONS_API_URL": "notaurl"})
    assert result.returncode == 5
    assert result.stderr.strip().splitlines() == [
        "fout: decisions_api_url is geen http(s)-adres: 'notaurl'"
        " (bijvoorbeeld https://beslissingenvlaamseregering.vlaanderen.be)."
    ]
