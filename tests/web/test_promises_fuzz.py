"""Property-based fuzzing of the promise list's filters and of promise ids and feed paths (same
budget and checks as test_params_fuzz): never a server error, always the security headers, JSON
errors under /api/, no markup echoed unescaped; a bad filter is a 400, an unknown id a 404."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import example, given
from hypothesis import strategies as st
from test_params_fuzz import BUDGET, MARKER, _check, segments, values

filters = st.dictionaries(
    st.sampled_from(["status", "deel", "hoofdstuk", "minister", "domein", "bewijs", "fase",
                     "jaar", "q", "sortering", "pagina", "per_pagina", "onbekend"]),
    st.one_of(values, st.sampled_from(["uitgevoerd", "mobiliteit", "ja", "nee", "2022",
                                       "recent", "bekrachtiging", "1", "500", "501"])),
    max_size=6)


@BUDGET
@given(path=st.sampled_from(["/beloften", "/api/beloften", "/api/beloften.csv",
                             "/api/beloften.json"]), query=filters)
@example(path="/beloften", query={"status": MARKER})
@example(path="/api/beloften", query={"hoofdstuk": MARKER, "pagina": "99"})
def test_any_filter_is_a_list_or_a_dutch_400(client, path, query):
    response = client.get(path, params=query)
    _check(response, path)
    assert response.status_code in (200, 400), (path, query, response.status_code)


@BUDGET
@given(prefix=st.sampled_from(["/beloften/", "/api/beloften/", "/feeds/beloften/",
                               "/feeds/hoofdstukken/"]), segment=segments)
@example(prefix="/beloften/", segment=MARKER)
@example(prefix="/feeds/hoofdstukken/", segment=MARKER + ".atom")
def test_any_promise_id_or_feed_path_is_a_page_or_a_dutch_404(client, prefix, segment):
    response = client.get(prefix + quote(segment, safe=""))
    _check(response, prefix)
    assert response.status_code in (200, 301, 404), (prefix, segment, response.status_code)
