"""Security headers on every kind of response, HEAD answered like GET, 405 with Allow."""

import pytest

from beloftemeter.web.security import SECURITY_HEADERS

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


def assert_secured(response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (name, response.request.url)
    policy = response.headers.get("content-security-policy", "")
    directives = {d.strip().split(" ")[0]: d.strip() for d in policy.split(";")}
    assert directives["default-src"] == "default-src 'self'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert directives["script-src"] == "script-src 'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_policy_is_one_value_for_every_response():
    assert {name.lower() for name in SECURITY_HEADERS} == {*EXPECTED, "content-security-policy"}


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/secties/mobiliteit/1.1", 200),
        ("GET", "/zoek?q=tramlijn", 200),
        ("GET", "/api/secties", 200),
        ("GET", "/api/zoek?q=tramlijn", 200),
        ("GET", "/api/export.csv", 200),
        ("GET", "/openapi.json", 200),
        ("GET", "/static/style.css", 200),
        ("GET", "/bestaat-niet", 404),
        ("GET", "/api/beslissingen/onbekend", 404),
        ("GET", "/static/bestaat-niet.css", 404),
        ("POST", "/zoek", 405),
        ("POST", "/api/zoek?q=x", 405),
        ("DELETE", "/static/style.css", 405),
        ("GET", "/api/zoek?q=x&van=2021-13-40", 400),
        ("GET", "/api/zoek?q=" + "a" * 600, 422),
        ("GET", "/api/zoek?q=x&type=onzin", 400),
        ("HEAD", "/", 200),
        ("HEAD", "/api/secties", 200),
        ("HEAD", "/static/style.css", 200),
        ("HEAD", "/bestaat-niet", 404),
    ],
)
def test_every_kind_of_response_carries_the_security_headers(client, method, url, status):
    response = client.request(method, url)
    assert response.status_code == status
    assert_secured(response)


def test_a_server_error_carries_them_too(client, monkeypatch):
    def broken(question):
        raise RuntimeError("stuk")

    monkeypatch.setattr(client.app.state.web, "ask", broken)
    response = client.get("/api/vraag", params={"q": "tramlijn"})
    assert response.status_code == 500
    assert response.json()["error"] == "Interne fout: probeer het later opnieuw."
    assert_secured(response)


@pytest.mark.parametrize("url", ["/", "/overzicht", "/secties/mobiliteit", "/beslissingen/k1",
                                 "/zoek?q=tramlijn", "/api/secties", "/api/beslissingen/k1"])
def test_head_answers_like_get_without_a_body(client, url):
    got, head = client.get(url), client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))


@pytest.mark.parametrize(("url", "allowed"), [("/zoek", {"GET", "HEAD"}),
                                              ("/api/secties", {"GET", "HEAD"}),
                                              ("/static/style.css", {"GET", "HEAD"})])
def test_a_wrong_method_gets_405_naming_the_allowed_ones(client, url, allowed):
    response = client.put(url)
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed
    assert "Methode niet toegelaten" in response.text


def test_json_errors_that_echo_input_are_never_sniffed_as_html(client):
    response = client.get("/api/beslissingen/<script>alert(1)<%2Fscript>")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
