"""The filters of the promise list as URL parameters, read and written: every filter
combination is a plain, shareable GET address, the same for the page (/beloften), its JSON twin
(/api/beloften) and its exports.

Parameter names are Dutch, like the search's (q, fase): status, deel, hoofdstuk, minister,
domein, bewijs (ja/nee), fase (of the latest evidence), jaar (of the latest decision), q,
sortering (akkoord, recent, status), pagina, per_pagina. A value that cannot be read is an
InputError (400, one Dutch line); values the list does not know (an unknown status) are refused
by pipeline.promises.list_promises in the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from urllib.parse import urlencode

from beloftemeter.ascii_digits import parse_digits
from beloftemeter.errors import InputError
from beloftemeter.models.promises import PromiseFilters
from beloftemeter.pipeline.promises import MAX_PER_PAGE
from beloftemeter.web.agreement_paths import link

MAX_VALUE = 200  # characters in one parameter (a chapter key, a minister's name)
MAX_TEXT = 500  # the search within promise texts, as the search box
MAX_PAGE = 10_000

# URL parameter → PromiseFilters field, in the order they appear in a written URL.
PARAMS = {"status": "status", "deel": "part", "hoofdstuk": "chapter", "minister": "minister",
          "domein": "domain", "bewijs": "has_evidence", "fase": "latest_stage",
          "jaar": "latest_year", "q": "text", "sortering": "sort", "pagina": "page",
          "per_pagina": "per_page"}
FIELD_PARAMS = {field: param for param, field in PARAMS.items()}
SORTS = {"akkoord": "agreement", "recent": "latest", "status": "status"}
SORT_PARAMS = {field: param for param, field in SORTS.items()}
SORT_LABELS = {"akkoord": "volgorde van het akkoord", "recent": "laatste beslissing eerst",
               "status": "status"}
YES, NO = "ja", "nee"
DEFAULTS = PromiseFilters()


def _number(param: str, raw: str, low: int, high: int) -> int:
    number = parse_digits(raw, 9)
    if number is None or not low <= number <= high:
        raise InputError(f"Ongeldige waarde voor {param}: geef een getal van {low} tot {high}.")
    return number


def _value(param: str, raw: str) -> object:
    limit = MAX_TEXT if param == "q" else MAX_VALUE
    if len(raw) > limit:
        raise InputError(f"Ongeldige waarde voor {param}: hoogstens {limit} tekens.")
    if param == "bewijs":
        # The facet reports its values as true/false (JSON); both spellings select the same.
        if raw.lower() not in (YES, NO, "true", "false"):
            raise InputError("Ongeldige waarde voor bewijs: geef ja of nee.")
        return raw.lower() in (YES, "true")
    if param == "jaar":
        return _number(param, raw, 1900, 2100)
    if param == "pagina":
        return _number(param, raw, 1, MAX_PAGE)
    if param == "per_pagina":
        return _number(param, raw, 1, MAX_PER_PAGE)
    if param == "sortering":
        if raw not in SORTS:
            raise InputError("Ongeldige sortering: kies " + ", ".join(SORTS) + ".")
        return SORTS[raw]
    return raw


def filters_from_query(query: Mapping[str, str]) -> PromiseFilters:
    """The filters a request's query string asks for; empty values count as absent, unknown
    parameters are ignored (as elsewhere in the app)."""
    chosen = {}
    for param, field in PARAMS.items():
        given = {v.strip() for v in query.getlist(param) if v.strip()} if hasattr(
            query, "getlist") else set()
        if len(given) > 1:  # the list would silently show only the last one
            raise InputError(f"Kies één waarde voor {param}: de lijst filtert (nog) niet op"
                             f" {len(given)} tegelijk.")
        raw = (query.get(param) or "").strip()
        if raw:
            chosen[field] = _value(param, raw)
    return PromiseFilters(**chosen)


def _written(field: str, value: object) -> str:
    if field == "has_evidence":
        return YES if value else NO
    if field == "sort":
        return SORT_PARAMS.get(str(value), str(value))
    return str(value)


def query_pairs(filters: PromiseFilters, *, paged: bool = True) -> list[tuple[str, str]]:
    """The parameters that differ from the defaults, in a fixed order (one filter set, one
    address); without the page when `paged` is False (exports take the whole list)."""
    pairs = []
    for f in fields(PromiseFilters):
        value = getattr(filters, f.name)
        if value is None or value == getattr(DEFAULTS, f.name):
            continue
        if not paged and f.name in ("page", "per_page"):
            continue
        pairs.append((FIELD_PARAMS[f.name], _written(f.name, value)))
    return pairs


def url_for(path: str, filters: PromiseFilters, *, paged: bool = True) -> str:
    """`path` ("/beloften") under the request's agreement, with these filters."""
    pairs = query_pairs(filters, paged=paged)
    return link(path) + ("?" + urlencode(pairs) if pairs else "")


def facet_value(field: str, value: str) -> object:
    """A facet's value (always a string) as the filter field holds it."""
    if field == "has_evidence":
        return value.lower() in ("true", "1", YES)
    if field == "latest_year":
        return parse_digits(value, 9)
    return value


def toggled(filters: PromiseFilters, field: str, value: str) -> PromiseFilters:
    """The filters with `field` set to `value`, or cleared when it already holds it; back to
    the first page, since the list changes."""
    wanted = facet_value(field, value)
    current = getattr(filters, field)
    return replace(filters, **{field: None if current == wanted else wanted}, page=1)


def without(filters: PromiseFilters, field: str) -> PromiseFilters:
    return replace(filters, **{field: None}, page=1)


def on_page(filters: PromiseFilters, page: int) -> PromiseFilters:
    return replace(filters, page=page)
