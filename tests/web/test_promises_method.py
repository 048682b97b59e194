"""The method page: what counts, what each status means, how well it agrees with people."""

from beloftemeter.models.assessment import STATUSES


def test_the_method_page_explains_statuses_tiers_and_the_measured_agreement(client):
    response = client.get("/methode")
    assert response.status_code == 200
    html = response.text
    for status in STATUSES:
        assert f">{status}</span>" in html
    assert "Een aankondiging alleen" in html and "Een begrotingslijn alleen" in html
    assert "Mogelijk relevant, niet bevestigd" in html
    # The figures of docs/beoordeling.md (blind sets F-I, 1 December 2026).
    assert "45 %" in html and "65 % (35 van 54)" in html and "1 december 2026" in html
    assert "Een fout gezien?" in html
    assert "style=" not in html and "<script" not in html


def test_every_page_links_to_the_method(client):
    assert 'href="/methode"' in client.get("/").text
