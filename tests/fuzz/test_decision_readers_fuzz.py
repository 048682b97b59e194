"""Property-based fuzzing of the two readers of outside decisions: the dump reader
(`beslissingen import`) and the API page reader (`beslissingen sync`).

Whatever the input: no exception but the project's own (`BeloftemeterError`), every valid item
stored, every invalid one counted (by line for a dump, in `skipped` for a page). The budget is
fixed (`max_examples`, derandomized so CI sees the same examples every run; the whole module
takes about 15 s on 2 cores). For a deeper run with fresh examples:
`BELOFTEMETER_FUZZ=diep .venv/bin/pytest tests/fuzz`.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from beloftemeter.errors import BeloftemeterError, InputError, SourceError
from beloftemeter.pipeline.dump_import import import_dump
from beloftemeter.pipeline.sync_windows import WATERMARK_KEY, SyncPlan, sync_decisions
from beloftemeter.sources.bounded_input import InputLimits
from beloftemeter.sources.decisions_api import DecisionsApiClient
from beloftemeter.store import open_store
from beloftemeter.store.decisions import iter_decisions
from beloftemeter.store.state import get_state

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "diep", max_examples=1000, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("BELOFTEMETER_FUZZ", "ci"))

LIMITS = InputLimits(max_line_bytes=4096, max_text_bytes=1024)
MONTH = (date(2021, 3, 1), date(2021, 3, 31))

# --- what a valid item looks like ---------------------------------------------------------

days = st.dates(min_value=date(1900, 1, 2), max_value=date(2199, 12, 30))
moments = st.builds(
    lambda day, hour, zone: f"{day.isoformat()}T{hour:02d}:00:00{zone}",
    days, st.integers(0, 23), st.sampled_from(["Z", ".000Z", "+01:00", "-05:00", "+14:00"]),
)
meeting_dates = st.one_of(days.map(date.isoformat), moments)
texts = st.text(max_size=1500)  # any code point but lone surrogates; some beyond the limit
sentences = texts.map(lambda t: "Besluit over " + t)  # never empty after stripping

records = st.fixed_dictionaries(
    {"meeting_date": meeting_dates, "title": texts, "text": sentences},
    optional={"agenda_item_type": st.sampled_from(["nota", "mededeling", "", None]),
              "source_url": st.text(max_size=40)},
)
resources = st.builds(
    lambda day, title, html, kind: {"type": "news-items", "attributes": {
        "title": title, "htmlContent": html, "meetingDate": day, "agendaitemType": kind}},
    meeting_dates, sentences, st.one_of(texts, texts.map(lambda t: f"<p>{t}</p><ul><li>x</li>")),
    st.sampled_from(["nota", "mededeling", None]),
)

# --- ways to be invalid (each must be skipped and counted) --------------------------------

HUGE = "__HUGE__"
bad_dates = st.sampled_from([
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-05:00", "1899-12-31", "2200-01-01",
    "2021-02-30", "2021-13-01", "gisteren", "", "٢٠٢١-٠١-٠١", "2021-01-01T25:00:00Z",
])


def _nested(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


# None of these is a string; all are truthy (a falsy title such as 0 or {} counts as none)
bad_values = st.one_of(
    st.integers(70, 300).map(_nested), st.just(HUGE), st.integers(min_value=1),
    st.floats().filter(lambda f: f != 0), st.just(True),
    st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
)


def _with(record: dict, **changes: object) -> dict:
    return {**record, **changes}


bad_records = st.one_of(
    st.builds(lambda r, v: _with(r, id=v), records, st.one_of(bad_values, st.just(""))),
    st.builds(lambda r, v: _with(r, meeting_date=v), records, st.one_of(bad_values, bad_dates)),
    st.builds(lambda r: _with(r, title=" \t", text=""), records),
    st.builds(lambda r, v: _with(r, title=v), records, bad_values),
    st.builds(lambda v: [v, 1], bad_values),  # not an object at all
)
raw_lines = st.sampled_from([
    "[" * 5000, "{" * 3000, '{"id": "A", "meeting_date": NaN}', "niet-json", "[1, 2, 3]",
    '{"id": "A", "meeting_date": "2021-01-04", "title": ' + "7" * 5000 + "}",
    '"\\ud800"', "\x00\x01\x02", "x" * 5000, '{"data": [1, "x"]}',
])


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=bool(len(str(value)) % 2)).replace(
        f'"{HUGE}"', "9" * 5000)


# The review's findings (issue 16), always among the examples.
RECORD = {"meeting_date": "2021-03-04", "title": "Fietspaden", "text": "Besluit over fietsen."}
RESOURCE = {"type": "news-items", "attributes": {"title": "Fietspaden", "htmlContent": "<p>x</p>",
                                                  "meetingDate": "2021-03-03T23:00:00.000Z"}}
OVERFLOWING = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-05:00"]


def _attributes(**changes: object) -> dict:
    return {**RESOURCE, "attributes": {**RESOURCE["attributes"], **changes}}


# --- the dump reader ----------------------------------------------------------------------

line_kinds = st.lists(
    st.one_of(
        st.tuples(st.just("goed"), records),
        st.tuples(st.just("slecht"), bad_records),
        st.tuples(st.just("rauw"), raw_lines),
        st.tuples(st.just("leeg"), st.sampled_from(["", "   ", "\t"])),
    ),
    max_size=25,
)


def _write_dump(kinds: list, bom: bool) -> tuple[Path, dict[int, str], set[int]]:
    """The dump file, the valid lines (number → id) and the numbers of the invalid ones."""
    valid, invalid, lines = {}, set(), []
    for number, (kind, value) in enumerate(kinds, start=1):
        if isinstance(value, dict) and "id" not in value:  # so only the flaw made is one
            value = {**value, "id": f"{number:024X}"}
        line = value if kind in ("rauw", "leeg") else _encode(value)
        too_long = len(line.encode("utf-8", "surrogatepass")) > LIMITS.max_line_bytes
        if kind == "goed" and not too_long:
            valid[number] = value["id"]
        elif kind != "leeg":
            invalid.add(number)
        lines.append(line)
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as handle:
        handle.write((b"\xef\xbb\xbf" if bom else b"")
                     + "\n".join(lines).encode("utf-8", "surrogatepass"))
    return Path(handle.name), valid, invalid


@example([("goed", RECORD), *(("slecht", _with(RECORD, meeting_date=d)) for d in OVERFLOWING),
          ("slecht", _with(RECORD, title=HUGE)), ("slecht", _with(RECORD, title=_nested(80))),
          ("rauw", "[" * 5000), ("goed", RECORD)], True, False)
@given(line_kinds, st.booleans(), st.booleans())
def test_a_dump_stores_every_valid_line_and_counts_every_invalid_one(kinds, bom, strict):
    path, valid, invalid = _write_dump(kinds, bom)
    try:
        with open_store(":memory:") as store:
            try:
                result = import_dump(store, path, limits=LIMITS, strict=strict)
            except InputError as exc:
                assert not list(iter_decisions(store)), "a refused file wrote something"
                assert (strict and invalid) or not valid, exc.message
                return
            assert valid and not (strict and invalid)
            assert {e.line for e in result.errors} == invalid
            assert {d.id for d in iter_decisions(store)} == set(valid.values())
            for decision in iter_decisions(store):
                assert len(decision.text.encode()) <= LIMITS.max_text_bytes
    finally:
        path.unlink()


@given(st.binary(max_size=3000), st.sampled_from([".jsonl", ".json"]))
def test_any_bytes_as_a_dump_give_decisions_or_one_dutch_error(content, suffix):
    with tempfile.NamedTemporaryFile("wb", suffix=suffix, delete=False) as handle:
        handle.write(content)
    try:
        with open_store(":memory:") as store:
            try:
                import_dump(store, handle.name, limits=LIMITS)
            except BeloftemeterError as exc:
                assert exc.message and "\n" not in exc.message
    finally:
        os.unlink(handle.name)


# --- the API page reader ------------------------------------------------------------------

page_items = st.lists(
    st.one_of(st.tuples(st.just("goed"), resources),
              st.tuples(st.just("slecht"), st.one_of(
                  bad_values, bad_dates,
                  st.builds(lambda r, d: {**r, "attributes": {**r["attributes"],
                                                               "meetingDate": d}},
                            resources, bad_dates),
                  st.builds(lambda r, v: {**r, "attributes": {**r["attributes"], "title": v}},
                            resources, bad_values)))),
    max_size=20,
)
counts = st.sampled_from(["juist", "geen", "meer", "minder"])


def _serve(body: bytes) -> httpx.MockTransport:
    empty = b'{"data": []}'

    def handler(request: httpx.Request) -> httpx.Response:
        first = request.url.params.get("page[number]") == "0"
        return httpx.Response(200, content=body if first else empty)

    return httpx.MockTransport(handler)


def _sync(body: bytes):
    client = DecisionsApiClient("http://api.test", retries=0, requests_per_second=0,
                                backoff_seconds=0, limits=LIMITS, transport=_serve(body))
    store = open_store(":memory:")
    try:
        with client:
            return store, sync_decisions(store, client, SyncPlan(*MONTH), page_size=100)
    except BaseException:
        store.close()
        raise


@example([("goed", RESOURCE), *(("slecht", _attributes(meetingDate=d)) for d in OVERFLOWING),
          ("slecht", _attributes(title=HUGE)), ("slecht", _attributes(title=_nested(80)))],
         "juist")
@given(page_items, counts)
def test_a_page_stores_every_valid_item_and_counts_every_invalid_one(items, count):
    data, valid = [], set()
    for index, (kind, value) in enumerate(items):
        if kind == "goed" and isinstance(value, dict):
            value = {**value, "id": f"{index:024X}"}
            valid.add(value["id"])
        elif isinstance(value, dict) and "attributes" in value:
            value = {**value, "id": f"{index:024X}"}
        data.append(value)
    page: dict = {"data": data}
    if count != "geen":
        page["count"] = len(data) + {"juist": 0, "meer": 3, "minder": -1}[count]
    body = _encode(page).encode("utf-8", "surrogatepass")
    if count in ("meer", "minder") and (count == "meer" or data):
        try:
            store, _ = _sync(body)
        except SourceError:
            return  # pages that do not add up fail loudly
        store.close()
        raise AssertionError("a page that does not add up to its count was accepted")
    store, result = _sync(body)
    with store:
        assert {d.id for d in iter_decisions(store)} == valid
        assert result.skipped == len(data) - len(valid)
        assert get_state(store, WATERMARK_KEY) == MONTH[1].isoformat()


@given(st.one_of(st.binary(max_size=2000),
                 st.builds(lambda items, cut: _encode({"count": len(items), "data": items})
                           .encode()[:cut], st.lists(resources, max_size=5),
                           st.integers(0, 3000))))
def test_any_answer_of_the_api_gives_decisions_or_one_dutch_error(body):
    try:
        store, _ = _sync(body)
    except SourceError as exc:
        assert exc.message and "\n" not in exc.message
        return
    store.close()


def test_a_sync_that_fails_leaves_no_watermark():
    page = {"count": 5, "data": []}  # an empty page where the count promises five
    try:
        _sync(json.dumps(page).encode())
    except SourceError:
        pass
    else:
        raise AssertionError("an empty page with a count of 5 was accepted")
