"""Sync against a server that answers wrongly: short, empty or count-less pages, bad items,
bad encodings, redirect loops and bodies dripped a byte at a time. Nothing is ever lost
silently: either every decision is stored, or the sync fails loudly and leaves the watermark."""

import time
from datetime import date

import pytest
from decisions_fixtures import make_records

from beloftemeter.errors import SourceError
from beloftemeter.pipeline.sync_windows import (
    CURSOR_KEY,
    MAX_WINDOW_RESTARTS,
    WATERMARK_KEY,
    plan_sync,
    sync_decisions,
)
from beloftemeter.sources.decisions_api import ApiPage, DecisionsApiClient
from beloftemeter.store.decisions import count_decisions, iter_decisions
from beloftemeter.store.state import get_state
from support.decisions_server import DecisionsServer

FIRST, LAST = date(2021, 1, 1), date(2021, 3, 31)
RECORDS = make_records(100)  # weekly meetings from 2021-01-04 to 2021-03-29
PAGE = 10


def _sync(store, server, **overrides):
    options = dict(timeout=2.0, retries=2, requests_per_second=0, backoff_seconds=0.01)
    plan = plan_sync(store, since=FIRST, until=LAST, default_since=FIRST)
    with DecisionsApiClient(server.url, **{**options, **overrides}) as client:
        return sync_decisions(store, client, plan, page_size=PAGE)


def _ids(store):
    return {d.id for d in iter_decisions(store)}


ALL = {r["id"] for r in RECORDS}


@pytest.mark.parametrize("fault", ["kort", "leeg"])
def test_a_short_or_empty_page_is_asked_again_and_nothing_is_lost(store, fault):
    # Before: the window ended at the short page, the sync said it was done, and the
    # decisions of that window's later pages were never stored.
    with DecisionsServer(RECORDS, faults={2: fault, 5: fault}) as server:
        result = _sync(store, server)
        assert len(server.requests) == result.pages + 2
    assert _ids(store) == ALL
    assert get_state(store, WATERMARK_KEY) == LAST.isoformat()


def test_a_page_that_stays_short_fails_loudly_and_keeps_the_watermark(store):
    with DecisionsServer(RECORDS) as server:
        server.set_faults({n: "kort" for n in range(3, 40)})  # from the 3rd request on
        with pytest.raises(SourceError) as caught:
            _sync(store, server)
        assert "onvolledige pagina 3: 9 van de 10 items die 'count'" in caught.value.message
        assert "faalde 3 keer na elkaar" in caught.value.message
        kept = count_decisions(store)
        assert kept == 2 * PAGE  # what was stored stays
        assert get_state(store, WATERMARK_KEY) is None
        assert get_state(store, CURSOR_KEY)["pagina"] == 2  # resumes at the short page
        server.set_faults({})
        again = _sync(store, server)
    assert again.resumed and again.counts.new == len(RECORDS) - kept
    assert _ids(store) == ALL
    assert get_state(store, WATERMARK_KEY) == LAST.isoformat()


def test_without_a_count_the_window_is_paged_until_an_empty_page(store):
    with DecisionsServer(RECORDS, count=False, faults={2: "kort"}) as server:
        result = _sync(store, server)
        assert result.pages == len(server.requests)
        windows = [r["filter[:gte,lte:meetingDate]"] for r in server.requests]
    # every month ends with one empty page: 36, 36 and 28 items in pages of 10
    assert result.pages == (4 + 1) + (4 + 1) + (3 + 1)
    assert len(set(windows)) == 3
    # Before, paging stopped at the short second page and lost the other 26 of January.
    # Without a count only the one item the short page left out is beyond reach.
    assert len(ALL - _ids(store)) == 1 and result.skipped == 0


def test_a_missing_count_on_one_page_does_not_end_the_window(store):
    with DecisionsServer(RECORDS, faults={1: "zonder-aantal", 4: "zonder-aantal"}) as server:
        _sync(store, server)
    assert _ids(store) == ALL


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("slechte-datum", "meetingDate ligt niet tussen 1900 en 2199"),
        ("genest", "dieper genest dan 64 niveaus"),
        ("groot-getal", "getal van 5000 cijfers"),
    ],
)
def test_an_unreadable_item_is_skipped_and_counted_and_the_rest_is_stored(
    store, caplog, fault, reason
):
    # Before: an overflowing date raised OverflowError, a 5,000-digit number ValueError,
    # and the sync stopped with a traceback at the same page on every resume.
    with DecisionsServer(RECORDS, faults={2: fault}) as server, caplog.at_level("WARNING"):
        result = _sync(store, server)
    assert result.skipped == 1
    assert len(ALL - _ids(store)) == 1
    assert any(reason in r.getMessage() for r in caplog.records), caplog.text
    assert get_state(store, WATERMARK_KEY) == LAST.isoformat()


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("gzip", "antwoord niet te ontcijferen (Content-Encoding klopt niet)"),
        ("druppel", "antwoord niet binnen 1 s gelezen"),
    ],
)
def test_a_bad_encoding_or_a_dripping_body_is_retried_then_one_dutch_error(
    store, fault, reason
):
    with DecisionsServer(RECORDS, faults={n: fault for n in range(1, 4)},
                         drip_seconds=0.05) as server:
        started = time.monotonic()
        with pytest.raises(SourceError) as caught:
            _sync(store, server, deadline=1.0)
        elapsed = time.monotonic() - started
    assert f"faalde 3 keer na elkaar ({reason})" in caught.value.message
    assert elapsed < 3 * 1.0 + 2.0  # each try is cut at the deadline, not at the body's end
    assert count_decisions(store) == 0


def test_a_body_dripped_within_the_timeout_is_cut_at_the_deadline(store):
    # A 2 s timeout is never reached by a server that sends a byte every 0.05 s; before,
    # one request lasted as long as the server kept dripping (45 s in the review).
    with DecisionsServer(RECORDS, faults={1: "druppel"}, drip_seconds=0.05) as server:
        started = time.monotonic()
        result = _sync(store, server, deadline=0.5)
        first_try = time.monotonic() - started
    assert _ids(store) == ALL and result.pages == len(server.requests) - 1
    assert first_try < 2.0


def test_a_redirect_loop_is_one_dutch_error_without_retries(store):
    with DecisionsServer(RECORDS, faults={n: "kringloop" for n in range(1, 30)}) as server:
        with pytest.raises(SourceError, match="meer dan 5 doorverwijzingen"):
            _sync(store, server)
        assert len(server.requests) == 6  # the request and five redirects, not retried


def test_an_answer_larger_than_the_limit_is_refused(store):
    from beloftemeter.sources.bounded_input import InputLimits

    with DecisionsServer(RECORDS) as server, pytest.raises(SourceError, match="groter dan"):
        _sync(store, server, limits=InputLimits(max_line_bytes=100, max_text_bytes=1000))
    assert count_decisions(store) == 0


class _ShortServer:
    """A client whose January pages never add up: its count promises 30, it pages 20."""

    def __init__(self):
        self.calls = []

    def fetch_page(self, first, last, number, size):
        self.calls.append((first, number))
        if first.month == 1 and number < 2:
            ids = [f"J{number}{i:02d}" for i in range(size)]
            resources = tuple({"id": i, "attributes": {"title": f"titel {i}",
                                                       "meetingDate": "2021-01-04"}}
                              for i in ids)
            return ApiPage(count=30, resources=resources)
        return ApiPage(count=30 if first.month == 1 else 0, resources=())


def test_a_window_whose_pages_do_not_add_up_is_repaged_then_fails_before_the_watermark(store):
    client = _ShortServer()
    plan = plan_sync(store, since=FIRST, until=LAST, default_since=FIRST)
    with pytest.raises(SourceError) as caught:
        sync_decisions(store, client, plan, page_size=10)
    message = caught.value.message
    assert "belooft 30 beslissingen voor 2021-01-01 tot 2021-01-31" in message
    assert f"de pagina's gaven er 20, ook na {MAX_WINDOW_RESTARTS} nieuwe pogingen" in message
    assert client.calls.count((FIRST, 0)) == MAX_WINDOW_RESTARTS + 1
    assert count_decisions(store) == 20  # stored pages stay
    assert get_state(store, WATERMARK_KEY) is None
    assert get_state(store, CURSOR_KEY) == {"van": FIRST.isoformat(), "tot": LAST.isoformat(),
                                            "venster": FIRST.isoformat(), "pagina": 0}
