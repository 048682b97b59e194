"""Property-based fuzzing of the web parameters: whatever a visitor puts in a query string or
a path, the app answers without a server error, with its security headers, in Dutch, and
never echoes markup unescaped.

The budget is fixed (derandomized, so CI sees the same examples every run; about 10 s on
2 cores). For a deeper run with fresh examples: `BELOFTEMETER_FUZZ=diep pytest tests/web`.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

PROFILE = "diep" if os.environ.get("BELOFTEMETER_FUZZ") == "diep" else "ci"
BUDGET = settings(
    max_examples=1000 if PROFILE == "diep" else 60, deadline=None,
    derandomize=PROFILE == "ci", database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large],
)
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options",
                    "referrer-policy")
MARKER = "<script>x</script>"

# Any text, including markup, control characters, far too long values and odd Unicode.
values = st.one_of(
    st.text(max_size=60),
    st.text(max_size=600),
    st.sampled_from(["", " ", "2021-02-30", "0001-01-01", "9999-12-31", "-1", "0", "51",
                     "1e309", "nan", "decreet", "andere", MARKER, "%00", "../../etc/passwd",
                     "javascript:alert(1)", "x" * 5000]),
)
params = st.dictionaries(
    st.sampled_from(["q", "van", "tot", "type", "soort", "fase", "aantal", "onbekend"]),
    values, max_size=6)
paths = st.sampled_from(["/zoek", "/api/zoek", "/vraag", "/api/vraag"])
segments = st.one_of(st.text(max_size=80), st.sampled_from(
    ["..", "%2e%2e/%2e%2e", "mobiliteit/1.1", "k1", "VR 2021/0312?DOC#1", MARKER, "x" * 3000]))


def _check(response, path: str) -> None:
    assert response.status_code < 500, (path, response.status_code, response.text[:300])
    for header in SECURITY_HEADERS:
        assert header in response.headers, (path, header)
    if response.headers["content-type"].startswith("text/html"):
        assert MARKER not in response.text, (path, "markup echoed unescaped")
    else:  # JSON may quote what was asked; nosniff keeps a browser from running it
        assert response.headers["x-content-type-options"] == "nosniff"
    # The client folds "/api/secties/.." to "/api": judge by the path that was asked.
    if response.url.path.startswith("/api/") and response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/json")
        payload = response.json()
        assert isinstance(payload.get("error"), str) and payload["error"], payload


@BUDGET
@given(path=paths, query=params)
@example(path="/api/zoek", query={"q": MARKER, "van": "2022-01-01", "tot": "2021-01-01"})
@example(path="/zoek", query={"q": "tol", "aantal": "0"})
def test_search_and_question_parameters_never_break_the_app(client, path, query):
    _check(client.get(path, params=query), path)


@BUDGET
@given(prefix=st.sampled_from(["/secties/", "/api/secties/", "/beslissingen/",
                               "/api/beslissingen/"]), segment=segments)
@example(prefix="/beslissingen/", segment=MARKER)
def test_any_key_or_id_in_a_path_is_a_page_or_a_dutch_404(client, prefix, segment):
    path = prefix + quote(segment, safe="/")
    response = client.get(path)
    _check(response, prefix)
    assert response.status_code in (200, 404, 422), (path, response.status_code)
