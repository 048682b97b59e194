"""Fetching the agreement PDF from a URL: the PDF itself, or an HTML page that links to it."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx

from beloftemeter.ascii_digits import parse_digits
from beloftemeter.errors import SourceError
from beloftemeter.sources.capped_file import DEFAULT_MAX_PDF_BYTES, check_size, too_large

log = logging.getLogger(__name__)

_DOWNLOAD = "De download"
Progress = Callable[..., None]  # called as progress(n_bytes, total=content_length_or_None)


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value:
                    self.links.append(value)


def first_pdf_link(html: str, base_url: str) -> str | None:
    """The first link on an HTML page that points to a PDF, made absolute."""
    collector = _LinkCollector()
    collector.feed(html)
    for link in collector.links:
        if re.search(r"\.pdf(?:$|[?#])", link, re.IGNORECASE):
            return urljoin(base_url, link)
    return None


def _get(
    client: httpx.Client, url: str, progress: Progress | None, max_bytes: int
) -> tuple[bytes, str]:
    """The body at `url` and its content type; refused (InputError) as soon as it is known to
    exceed `max_bytes`: by its announced length before a byte is read, else while reading."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise SourceError(f"Downloaden mislukt: {url} antwoordde {response.status_code}.")
            total = response.headers.get("content-length")
            length = parse_digits(total)
            if length is not None:
                check_size(length, max_bytes, url, _DOWNLOAD)
            chunks = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > max_bytes:
                    raise too_large(url, max_bytes, what=_DOWNLOAD)
                chunks.append(chunk)
                if progress is not None:
                    progress(len(chunk), total=length)
            return b"".join(chunks), response.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        raise SourceError(f"Downloaden mislukt: {url} ({type(exc).__name__}).") from exc


def download_agreement(
    url: str,
    timeout: float = 30.0,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_PDF_BYTES,
) -> bytes:
    """The PDF bytes at `url`; when `url` is an HTML page, the first PDF it links to.

    Neither the page nor the PDF is read beyond `max_bytes` (setting max_pdf_mb)."""
    with httpx.Client(follow_redirects=True, timeout=timeout) as client:
        data, content_type = _get(client, url, progress, max_bytes)
        if data.lstrip()[:5] == b"%PDF-":
            return data
        if "html" in content_type.lower() or data.lstrip()[:1] == b"<":
            link = first_pdf_link(data.decode("utf-8", errors="replace"), url)
            if link is None:
                raise SourceError(f"Geen link naar een PDF gevonden op {url}.")
            log.info("PDF-link gevolgd: %s", link)
            data, _ = _get(client, link, progress, max_bytes)
            return data
        return data  # not a PDF: the parser says so in Dutch
