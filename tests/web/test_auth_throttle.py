"""Failed logins are slowed down: per account after 5 failures in 15 minutes, per address
after 20, with a 429, a Dutch message and a Retry-After that grows; a login that is not
throttled is never slowed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from beloftemeter.config import Settings
from beloftemeter.pipeline import login
from beloftemeter.store import open_store
from beloftemeter.web.app import create_app
from support.editors import PASSWORD, add_account, cheap_hashing, login_token


class Clock:
    """login.utc_now, moved on by the test."""

    def __init__(self) -> None:
        self.now = login.utc_now()

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(login, "utc_now", clock)
    return clock


@pytest.fixture
def app(tmp_path, monkeypatch):
    cheap_hashing(monkeypatch)
    url = f"sqlite:///{tmp_path / 'throttle.db'}"
    with open_store(url) as store:
        add_account(store, "anna", "redacteur")
        add_account(store, "bert", "redacteur")
    return create_app(Settings(store_url=url, embedder="geen"))


def client_at(app, address: str) -> TestClient:
    return TestClient(app, client=(address, 50000))


def attempt(client: TestClient, name: str, password: str):
    return client.post("/login", data={"csrf": login_token(client), "naam": name,
                                       "wachtwoord": password, "next": "/"},
                       follow_redirects=False)


def test_an_account_is_slowed_after_five_failures_with_a_growing_wait(app, clock):
    with client_at(app, "192.0.2.1") as client:
        for _ in range(5):
            assert attempt(client, "anna", "verkeerd wachtwoord").status_code == 401
        refused = attempt(client, "anna", PASSWORD)  # even the right password waits
        assert refused.status_code == 429 and refused.headers["retry-after"] == "30"
        assert "Te veel mislukte pogingen" in refused.text and "30 seconden" in refused.text
        clock.advance(31)
        assert attempt(client, "anna", "verkeerd wachtwoord").status_code == 401
        refused = attempt(client, "anna", PASSWORD)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
        # Another account from the same address is not held up by anna's failures.
        assert attempt(client, "bert", PASSWORD).status_code == 303
    with client_at(app, "198.51.100.2") as elsewhere:  # the account, not the address, waits
        assert attempt(elsewhere, "anna", PASSWORD).status_code == 429
        clock.advance(61)
        assert attempt(elsewhere, "anna", PASSWORD).status_code == 303
    # The login forgot anna's failures: one more mistake is not throttled.
    with client_at(app, "192.0.2.1") as client:
        assert attempt(client, "anna", "verkeerd wachtwoord").status_code == 401
        assert attempt(client, "anna", PASSWORD).status_code == 303


def test_a_throttled_try_is_not_counted(app, clock):
    with client_at(app, "192.0.2.1") as client:
        for _ in range(5):
            attempt(client, "anna", "verkeerd wachtwoord")
        for _ in range(3):
            assert attempt(client, "anna", "verkeerd wachtwoord").headers["retry-after"] == "30"
        clock.advance(31)
        assert attempt(client, "anna", PASSWORD).status_code == 303


def test_an_address_is_slowed_after_twenty_failures(app, clock):
    with client_at(app, "203.0.113.5") as guesser:
        for i in range(20):  # a different name each time: no account reaches its limit
            assert attempt(guesser, f"naam{i}", "verkeerd wachtwoord").status_code == 401
        refused = attempt(guesser, "anna", PASSWORD)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "30"
    with client_at(app, "203.0.113.6") as neighbour:
        assert attempt(neighbour, "anna", PASSWORD).status_code == 303
    clock.advance(15 * 60 + 1)  # the window has passed: the address may try again
    with client_at(app, "203.0.113.5") as guesser:
        assert attempt(guesser, "anna", PASSWORD).status_code == 303


def test_failures_older_than_the_window_do_not_count(app, clock):
    with client_at(app, "192.0.2.1") as client:
        for _ in range(4):
            attempt(client, "anna", "verkeerd wachtwoord")
        clock.advance(15 * 60 + 1)
        for _ in range(4):
            assert attempt(client, "anna", "verkeerd wachtwoord").status_code == 401
        assert attempt(client, "anna", PASSWORD).status_code == 303


def test_waits_longer_than_two_minutes_are_said_in_minutes():
    assert login.throttle_message(30).endswith("over 30 seconden opnieuw.")
    assert login.throttle_message(480).endswith("over 8 minuten opnieuw.")


def test_wrong_passwords_sent_at_once_are_throttled_like_one_after_another(tmp_path,
                                                                            monkeypatch):
    """Each try counts before its (slow) password check: 30 tries at once check at most 5
    passwords for one account, the rest wait, and the audit says so."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    cheap_hashing(monkeypatch)
    checked = []
    real = login.accounts_pipeline.password_matches

    def slow_check(stored, password):
        checked.append(password)
        threading.Event().wait(0.05)  # the window in which parallel tries used to slip by
        return real(stored, password)

    monkeypatch.setattr(login.accounts_pipeline, "password_matches", slow_check)
    with open_store(f"sqlite:///{tmp_path / 'race.db'}") as store:
        add_account(store, "gina")
        lock = threading.RLock()
        with ThreadPoolExecutor(30) as pool:
            results = list(pool.map(
                lambda i: login.log_in(store, "gina", f"fout-{i:02d}-wachtwoord", "10.0.0.1",
                                       "geheim", 8.0, lock=lock), range(30)))
        failed_events = store.execute("SELECT COUNT(*) FROM editorial_events"
                                      " WHERE action = 'login_failed'").fetchone()[0]
    assert len(checked) == login.ACCOUNT_LIMIT
    assert sum(r.retry_after > 0 for r in results) == 30 - login.ACCOUNT_LIMIT
    assert failed_events == login.ACCOUNT_LIMIT
