"""Logging in and out: the login page, its cookies, CSRF on every form, where a login may lead,
session fixation, expiry, and what a reader, a redacteur and a beheerder may do."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from starlette.requests import Request

from beloftemeter import config
from beloftemeter.config import Settings
from beloftemeter.errors import ConfigError
from beloftemeter.pipeline import accounts, login
from beloftemeter.store import open_store
from beloftemeter.web.app import create_app
from beloftemeter.web.auth import (
    check_csrf,
    login_redirect,
    require_admin,
    require_editor,
    safe_next,
)
from support.assessed_store import build
from support.editors import PASSWORD, add_account, cheap_hashing, csrf_in, log_in, login_token


@pytest.fixture
def auth_url(fresh_store_url, monkeypatch) -> str:
    cheap_hashing(monkeypatch)
    url = fresh_store_url
    with open_store(url) as store:
        add_account(store, "anna", "redacteur")
        add_account(store, "bea", "beheerder")
    return url


@pytest.fixture
def app(auth_url):
    return create_app(Settings(store_url=auth_url, embedder="geen"))


@pytest.fixture
def browser(app):
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def rows(app, sql: str) -> list[dict]:
    return [dict(r) for r in app.state.store.execute(sql)]


def plant(client: TestClient, value: str) -> None:
    """The browser's session cookie replaced by `value` (as an attacker or a replay would)."""
    client.cookies.delete("bm_sessie")
    client.cookies.set("bm_sessie", value, domain="testserver.local")


def logged_in_as(client: TestClient) -> str | None:
    page = client.get("/beloften").text
    if "Ingelogd als" not in page:
        return None
    return page.split("Ingelogd als <strong>", 1)[1].split("<", 1)[0]


def post_login(client: TestClient, name: str = "anna", password: str = PASSWORD,
               next_path: str = "/", token: str | None = None):
    token = login_token(client) if token is None else token
    return client.post("/login", data={"csrf": token, "naam": name, "wachtwoord": password,
                                       "next": next_path}, follow_redirects=False)


def test_the_login_page_is_dutch_without_inline_code_and_sets_the_reader_cookie(browser):
    page = browser.get("/login")
    assert page.status_code == 200 and "Inloggen voor de redactie" in page.text
    assert "<script" not in page.text and "style=" not in page.text
    assert "script-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    cookie = page.headers["set-cookie"]
    assert cookie.startswith("bm_lezer=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert 'autocomplete="current-password"' in page.text and csrf_in(page.text)
    # A second visit keeps the browser's cookie, so two open forms both stay valid.
    assert "set-cookie" not in browser.get("/login").headers


def test_a_login_without_or_with_a_wrong_token_is_refused(app, browser):
    csrf_in(browser.get("/login").text)
    for data in ({}, {"csrf": ""}, {"csrf": "vals"}):
        refused = browser.post("/login", data={**data, "naam": "anna", "wachtwoord": PASSWORD},
                               follow_redirects=False)
        assert refused.status_code == 403 and "beveiligingstoken" in refused.text
    # A token from another browser (another site's own visit) does not fit this cookie.
    with TestClient(app) as other:
        foreign = csrf_in(other.get("/login").text)
    assert post_login(browser, token=foreign).status_code == 403
    assert rows(app, "SELECT * FROM sessions") == [] and logged_in_as(browser) is None


def test_a_login_needs_the_reader_cookie_its_token_was_made_for(app):
    with TestClient(app) as client:
        token = csrf_in(client.get("/login").text)
        client.cookies.clear()
        assert post_login(client, token=token).status_code == 403


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(app, browser):
    wrong = post_login(browser, password="niet het wachtwoord")
    unknown = post_login(browser, name="niemand")
    assert wrong.status_code == unknown.status_code == 401
    assert login.WRONG in wrong.text and login.WRONG in unknown.text
    assert "bm_sessie" not in wrong.headers.get("set-cookie", "")
    assert [e["action"] for e in rows(app, "SELECT action FROM editorial_events"
                                           " WHERE action LIKE 'login%'")] == [
        "login_failed", "login_failed"]


def test_a_login_sets_a_signed_httponly_cookie_and_shows_the_editor(app, browser):
    done = post_login(browser, next_path="/beloften?status=uitgevoerd")
    assert done.status_code == 303 and done.headers["location"] == "/beloften?status=uitgevoerd"
    cookie = done.headers["set-cookie"]
    assert cookie.startswith("bm_sessie=") and "HttpOnly" in cookie
    assert "SameSite=lax" in cookie and "Max-Age=28800" in cookie and "Secure" not in cookie
    token, signature = browser.cookies["bm_sessie"].split(".")
    assert len(token) == 43 and len(signature) == 43
    assert rows(app, "SELECT token_hash FROM sessions") == [{"token_hash":
                                                             login.token_hash(token)}]
    page = browser.get("/").text
    assert "Ingelogd als <strong>anna</strong>" in page and 'href="/redactie"' in page
    assert 'action="/logout"><input type="hidden" name="csrf"' in page


def test_a_cookie_with_a_changed_signature_or_token_is_nobody(app, browser):
    post_login(browser)
    token, signature = browser.cookies["bm_sessie"].split(".")
    other = {"A": "B"}
    for forged in (f"{token}.{signature[:-1]}{other.get(signature[-1], 'A')}",
                   f"{token[:-1]}{other.get(token[-1], 'A')}.{signature}", token):
        plant(browser, forged)
        assert logged_in_as(browser) is None


def test_the_cookie_is_secure_when_configured(auth_url):
    settings = Settings(store_url=auth_url, embedder="geen", session_secure=True,
                        session_hours=1.5)
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        page = client.get("/login")
        assert "Secure" in page.headers["set-cookie"]
        done = post_login(client)
        assert "Secure" in done.headers["set-cookie"] and "Max-Age=5400" in done.headers[
            "set-cookie"]


@pytest.mark.parametrize(("target", "expected"), [
    ("/beloften/p-abc?x=1#y", "/beloften/p-abc?x=1#y"),
    ("https://kwaad.example/", "/redactie"),
    ("//kwaad.example/pad", "/redactie"),
    ("/\\kwaad.example", "/redactie"),
    ("\\\\kwaad.example", "/redactie"),
    ("javascript:alert(1)", "/redactie"),
    ("/\tkwaad", "/redactie"),
    ("", "/redactie"),
])
def test_a_login_leads_only_to_a_path_on_this_site(browser, target, expected):
    assert safe_next(target) == expected
    done = post_login(browser, next_path=target)
    assert done.status_code == 303 and done.headers["location"] == expected


def test_logout_refuses_readers_and_wrong_tokens_then_ends_the_session(app, browser):
    anonymous = browser.post("/logout", data={"csrf": "x"}, follow_redirects=False)
    assert anonymous.status_code == 401 and "Log in" in anonymous.text
    csrf = log_in(browser, "anna")
    old_cookie = browser.cookies["bm_sessie"]
    reader_token = login_token(browser)
    for data in ({}, {"csrf": ""}, {"csrf": csrf[:-1]}, {"csrf": reader_token}):
        refused = browser.post("/logout", data=data, follow_redirects=False)
        assert refused.status_code == 403 and logged_in_as(browser) == "anna"
    done = browser.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303 and 'bm_sessie=""' in done.headers["set-cookie"]
    assert logged_in_as(browser) is None and rows(app, "SELECT * FROM sessions") == []
    plant(browser, old_cookie)  # replaying the old cookie does not help
    assert browser.post("/logout", data={"csrf": csrf}).status_code == 401
    assert [e["action"] for e in rows(app, "SELECT action FROM editorial_events")][-2:] == [
        "login", "logout"]


def test_a_session_id_from_before_a_login_is_never_accepted_after_it(app):
    with TestClient(app) as attacker:
        log_in(attacker, "bea")
        planted = attacker.cookies["bm_sessie"]
    with TestClient(app) as victim:
        plant(victim, "geplant.vals")
        log_in(victim, "anna")
        assert victim.cookies["bm_sessie"] != "geplant.vals"
        # The victim's own earlier session is ended by a new login in that browser.
        before = victim.cookies["bm_sessie"]
        log_in(victim, "anna")
        assert victim.cookies["bm_sessie"] != before
        plant(victim, before)
        assert logged_in_as(victim) is None
    assert len(rows(app, "SELECT * FROM sessions WHERE user_name = 'anna'")) == 1
    # A valid session planted before the login is replaced by it (login CSRF aside, the
    # form's reader token already stops another site from posting it).
    with TestClient(app) as victim:
        plant(victim, planted)
        log_in(victim, "anna")
        assert victim.cookies["bm_sessie"] != planted and logged_in_as(victim) == "anna"
    assert rows(app, "SELECT * FROM sessions WHERE user_name = 'bea'") == []


def test_an_expired_session_is_refused_by_the_server(app, browser, monkeypatch):
    csrf = log_in(browser, "anna")
    later = login.utc_now() + timedelta(hours=8, seconds=1)
    monkeypatch.setattr(login, "utc_now", lambda: later)
    assert logged_in_as(browser) is None
    assert browser.post("/logout", data={"csrf": csrf}).status_code == 401


def request_for(app, cookie: str | None) -> Request:
    headers = [(b"cookie", f"bm_sessie={cookie}".encode())] if cookie else []
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers,
                    "query_string": b"", "app": app})


def refusal(check, request: Request) -> int:
    with pytest.raises(HTTPException) as refused:
        check(request)
    return refused.value.status_code


def test_readers_redacteurs_and_beheerders_get_what_their_role_allows(app, browser):
    assert refusal(require_editor, request_for(app, None)) == 401
    assert refusal(require_admin, request_for(app, None)) == 401
    assert refusal(require_editor, request_for(app, "vals.vals")) == 401
    assert refusal(lambda r: check_csrf(r, "x"), request_for(app, None)) == 403
    assert refusal(lambda r: check_csrf(r, ""), request_for(app, None)) == 403
    log_in(browser, "anna")
    anna = request_for(app, browser.cookies["bm_sessie"])
    assert require_editor(anna).name == "anna"
    assert refusal(require_admin, anna) == 403  # a redacteur cannot manage accounts
    with TestClient(app) as other:
        log_in(other, "bea")
        bea = request_for(app, other.cookies["bm_sessie"])
    assert require_admin(bea).name == "bea" and require_editor(bea).name == "bea"


def test_a_blocked_account_is_refused(app, browser):
    log_in(browser, "anna")
    cookie = browser.cookies["bm_sessie"]
    # Blocked behind the session's back (as another process might): 403, not the pages.
    with app.state.store.transaction() as conn:
        conn.execute("UPDATE users SET blocked = 1 WHERE name = 'anna'")
    assert refusal(require_editor, request_for(app, cookie)) == 403
    accounts.block_account(app.state.store, "anna")  # the normal way ends the session too
    assert refusal(require_editor, request_for(app, cookie)) == 401
    blocked = post_login(browser)
    assert blocked.status_code == 403 and login.BLOCKED in blocked.text


def test_no_password_or_hash_reaches_a_log_a_page_or_the_audit(app, browser, caplog):
    caplog.set_level("DEBUG")
    pages = [post_login(browser, password="verkeerd-maar-geheim").text,
             post_login(browser, name=PASSWORD).text, post_login(browser).text]
    csrf = csrf_in(browser.get("/").text.split('action="/logout"', 1)[1])
    pages += [browser.get(path).text for path in ("/", "/login", "/beloften")]
    pages.append(browser.post("/logout", data={"csrf": csrf}).text)
    audit = json.dumps(rows(app, "SELECT * FROM editorial_events"))
    failures = json.dumps(rows(app, "SELECT * FROM login_failures"))
    for text in (caplog.text, audit, failures, *pages):
        assert PASSWORD not in text and "verkeerd-maar-geheim" not in text
        assert "$argon2" not in text


def test_a_reader_on_an_editorial_page_is_sent_to_the_login_and_back(app):
    request = Request({"type": "http", "method": "GET", "path": "/redactie",
                       "query_string": b"status=uitgevoerd&x=1", "headers": [], "app": app})
    answer = login_redirect(request)
    assert answer.status_code == 303 and answer.headers["cache-control"] == "no-store"
    assert answer.headers["location"] == "/login?next=%2Fredactie%3Fstatus%3Duitgevoerd%26x%3D1"


@pytest.mark.parametrize(("value", "message"), [
    ("0", "session_hours moet groter dan 0 zijn"),
    ("100000", "session_hours mag hoogstens 8784 zijn"),
])
def test_session_hours_must_be_a_sensible_number(value, message):
    with pytest.raises(ConfigError, match=message):
        config.load(environ={"BELOFTEMETER_SESSION_HOURS": value})
    assert config.load(environ={"BELOFTEMETER_SESSION_SECURE": "ja"}).session_secure is True


def test_no_public_page_feed_or_export_shows_an_account_secret(tmp_path, monkeypatch):
    cheap_hashing(monkeypatch)
    url = f"sqlite:///{tmp_path / 'assessed.db'}"
    with open_store(url) as store:
        build(store)
        add_account(store, "anna", "redacteur")
        accounts.change_password(store, "anna", "een nieuw wachtwoord")
    app = create_app(Settings(store_url=url, embedder="geen"))
    with TestClient(app) as client:
        post_login(client, password="verkeerd-maar-geheim")
        csrf = log_in(client, "anna", "een nieuw wachtwoord")
        token = client.cookies["bm_sessie"].split(".")[0]
        secret = app.state.store.execute(
            "SELECT value FROM state WHERE key = 'session_secret'").fetchone()[0].strip('"')
        client.post("/logout", data={"csrf": csrf})
        public = ("/", "/beloften", "/api/beloften.json", "/api/beloften.csv",
                  "/api/export.json", "/api/export.csv", "/overzicht", "/veranderingen",
                  "/feeds/veranderingen.atom", "/correcties", "/feeds/correcties.atom",
                  "/api/secties", "/methode", "/login")
        answers = {path: client.get(path) for path in public}
    assert all(a.status_code == 200 for a in answers.values()), {
        p: a.status_code for p, a in answers.items() if a.status_code != 200}
    for path, answer in answers.items():
        for secret_text in (PASSWORD, "een nieuw wachtwoord", "verkeerd-maar-geheim", "$argon2",
                            token, secret, login.token_hash(token)):
            assert secret_text not in answer.text, (path, secret_text)
