"""Responses around an editor's session: pages that carry an editor's name are never kept by
a shared cache, and a form whose sender went away is a 400, not an internal error."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from starlette.requests import Request

from beloftemeter.config import Settings
from beloftemeter.store import open_store
from beloftemeter.web import security, sessions
from beloftemeter.web.app import create_app
from beloftemeter.web.csrf import read_form
from support.assessed_store import build
from support.editors import add_account, cheap_hashing, log_in


@pytest.fixture
def client(tmp_path, monkeypatch):
    cheap_hashing(monkeypatch)
    url = f"sqlite:///{tmp_path / 'opslag.db'}"
    with open_store(url) as store:
        build(store)
        add_account(store, "anna")
    with TestClient(create_app(Settings(store_url=url, embedder="geen"))) as test_client:
        yield test_client


def test_pages_seen_by_an_editor_are_private_and_vary_by_cookie(client):
    assert f"{sessions.SESSION_COOKIE}=".encode() == security.SESSION_COOKIE_PREFIX
    anonymous = client.get("/beloften")
    assert "Cache-Control" not in anonymous.headers
    log_in(client, "anna")
    for path in ("/", "/beloften", "/correcties", "/redactie"):
        response = client.get(path)
        assert "anna" in response.text, path
        assert response.headers["Cache-Control"] == "private, no-store", path
        assert response.headers["Vary"] == "Cookie", path


def test_a_form_whose_sender_went_away_is_a_400():
    async def disconnected():
        return {"type": "http.disconnect"}

    request = Request({"type": "http", "method": "POST", "path": "/login", "headers": [
        (b"content-type", b"application/x-www-form-urlencoded"), (b"content-length", b"1000")]},
        disconnected)
    with pytest.raises(HTTPException) as refused:
        asyncio.run(read_form(request))
    assert refused.value.status_code == 400
    assert "niet volledig" in refused.value.detail
