"""Whose X-Forwarded-For `serve` believes: nobody's unless configured, so no client can pick
the address that login throttling and the reader reports' limit count."""

from beloftemeter.cli.serve import proxies
from beloftemeter.config import Settings


def test_no_proxy_is_believed_by_default_not_even_loopback():
    assert proxies(Settings()) == {"proxy_headers": False, "forwarded_allow_ips": None}


def test_a_configured_proxy_is_believed():
    assert proxies(Settings(web_trusted_proxies=" 10.0.0.5,10.0.0.6 ")) == {
        "proxy_headers": True, "forwarded_allow_ips": "10.0.0.5,10.0.0.6"}
