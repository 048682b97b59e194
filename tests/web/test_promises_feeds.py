"""The Atom feeds of the changes: valid Atom 1.0 read by a real feed parser, served as
application/atom+xml, with absolute links that all resolve in the app."""

from urllib.parse import urlsplit

import feedparser
import pytest
from agreement_urls import PREFIX, at

from support.assessed_store import TOLL

BASE = "http://testserver"  # the test client's own base URL: links are built from it


def parsed(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def every_link(feed) -> list[str]:
    found = [link.href for link in feed.feed.links]
    for entry in feed.entries:
        found += [link.href for link in entry.links]
    return found


def promise_id(client, section: str, ordinal: int) -> str:
    results = client.get(at("/api/beloften")).json()["promises"]
    return next(r["id"] for r in results if (r["section"], r["ordinal"]) == (section, ordinal))


def feeds(client) -> list[str]:
    return [f"{PREFIX}/feeds/veranderingen.atom",
            f"{PREFIX}/feeds/hoofdstukken/mobiliteit.atom",
            f"{PREFIX}/feeds/beloften/{promise_id(client, TOLL, 0)}.atom"]


def test_each_feed_is_valid_atom_with_entries_dates_and_absolute_links(client):
    for path in feeds(client):
        feed = parsed(client, path)
        assert feed.feed.title and feed.feed.id == BASE + path and feed.feed.updated
        assert feed.feed.language == "nl"
        assert feed.entries, path
        for entry in feed.entries:
            assert entry.id and entry.title and entry.updated_parsed and entry.summary
            assert entry.link.startswith(BASE + f"{PREFIX}/beloften/p-")
        assert all(link.startswith(BASE + "/") for link in every_link(feed))


def test_the_promise_feed_names_the_promise_and_its_status(client):
    feed = parsed(client, f"{PREFIX}/feeds/beloften/{promise_id(client, TOLL, 0)}.atom")
    assert "We voeren een kilometerheffing in." in feed.feed.title
    assert any("uitgevoerd" in entry.title for entry in feed.entries)


def test_every_link_in_the_feeds_resolves(client):
    for path in feeds(client):
        for href in every_link(parsed(client, path)):
            parts = urlsplit(href)
            assert f"{parts.scheme}://{parts.netloc}" == BASE
            assert client.get(parts.path).status_code == 200, href


@pytest.mark.parametrize("path", [f"{PREFIX}/feeds/hoofdstukken/bestaat-niet.atom",
                                  f"{PREFIX}/feeds/hoofdstukken/mobiliteit%2F1.1.atom",
                                  f"{PREFIX}/feeds/beloften/p-0000000000.atom"])
def test_an_unknown_chapter_or_promise_has_no_feed(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "<feed" not in response.text
