"""Client for the public JSON:API of beslissingenvlaamseregering.vlaanderen.be.

`GET {base}/news-items/search?page[size]=S&page[number]=N&filter[:gte,lte:meetingDate]=A,B
&sort[meetingDate]=desc` answers `{"count": C, "data": [{"id", "attributes": {...}}]}`.
Pages are numbered from 0 (mu-search). The filter takes UTC datetimes; meetings are dated in
Brussels time, so a local day runs from 22:00 or 23:00 UTC the day before.

The client retries server errors (5xx, 429), timeouts, dropped connections, unreadable
(truncated) JSON and pages with fewer items than their `count` promises, with exponential
backoff (`beloftemeter.http_retry`), and never sends more than `requests_per_second`. A
request that has not been read whole within `deadline` seconds (a server that drips its
answer) is abandoned, and so is an answer larger than `max_dump_line_kb` per item.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from beloftemeter import __version__
from beloftemeter.ascii_digits import parse_digits
from beloftemeter.config import Settings
from beloftemeter.errors import ConfigError, SourceError
from beloftemeter.http_retry import (
    RetriesExhausted,
    TransientError,
    call_with_retries,
    retry_after_seconds,
)
from beloftemeter.sources.bounded_input import (
    DEFAULT_LIMITS,
    InputLimits,
    JsonInputError,
    json_error_reason,
    loads_bounded,
)
from beloftemeter.sources.decisions_resource import (
    BRUSSELS,
    decision_from_resource,
    html_to_text,
    local_meeting_date,
)

__all__ = [  # the resource readers are re-exported: callers knew them from here
    "BRUSSELS",
    "ApiPage",
    "DecisionsApiClient",
    "TransientError",
    "check_base_url",
    "day_bounds_utc",
    "decision_from_resource",
    "html_to_text",
    "json_error_reason",
    "local_meeting_date",
    "parse_page",
]

log = logging.getLogger(__name__)

SEARCH_PATH = "/news-items/search"
PAGE_SIZE = 100
MAX_REDIRECTS = 5
DEFAULT_DEADLINE = Settings().http_deadline


@dataclass(frozen=True)
class ApiPage:
    count: int  # -1 when the answer gave none
    resources: tuple[Any, ...]


def _network_reason(exc: httpx.HTTPError) -> str:
    """A Dutch reason for a failed request (httpx's own messages are English)."""
    if isinstance(exc, httpx.TimeoutException):
        return "time-out"
    if isinstance(exc, httpx.ConnectError):
        return "geen verbinding met de server"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "verbinding verbroken of onvolledig antwoord"
    if isinstance(exc, httpx.DecodingError):
        return "antwoord niet te ontcijferen (Content-Encoding klopt niet)"
    return f"netwerkfout ({type(exc).__name__})"


def day_bounds_utc(first: date, last: date) -> tuple[str, str]:
    """UTC datetimes from the start of `first` to the end of `last`, Brussels time."""
    start = datetime.combine(first, datetime.min.time(), BRUSSELS).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), BRUSSELS)
    end = end.astimezone(UTC) - timedelta(milliseconds=1)
    fmt = "%Y-%m-%dT%H:%M:%S.%f"
    return start.strftime(fmt)[:-3] + "Z", end.strftime(fmt)[:-3] + "Z"


def check_base_url(base_url: str) -> str:
    """The API's base URL without trailing slash; ConfigError unless it is an http(s) URL."""
    base_url = (base_url or "").strip().rstrip("/")
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise ConfigError(
            f"decisions_api_url is geen http(s)-adres: {base_url!r}"
            " (bijvoorbeeld https://beslissingenvlaamseregering.vlaanderen.be)."
        )
    return base_url


class DecisionsApiClient:
    """Fetches pages of news items; polite, retrying, with a configurable base URL."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 30.0,
        retries: int = 5,
        requests_per_second: float = 2.0,
        backoff_seconds: float = 1.0,
        backoff_max_seconds: float = 60.0,
        deadline: float = DEFAULT_DEADLINE,
        limits: InputLimits = DEFAULT_LIMITS,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.retries = max(0, retries)
        self.min_interval = 1.0 / requests_per_second if requests_per_second > 0 else 0.0
        self.backoff_seconds = backoff_seconds
        self.backoff_max_seconds = backoff_max_seconds
        self.deadline = deadline
        self.limits = limits
        self.requests_sent = 0
        self._last_request = 0.0
        self._lock = threading.Lock()
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={
                "Accept": "application/vnd.api+json, application/json",
                "User-Agent": f"beloftemeter/{__version__}",
            },
            transport=transport,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
        )

    @classmethod
    def from_settings(
        cls, settings: Settings, transport: httpx.BaseTransport | None = None
    ) -> DecisionsApiClient:
        """A client with every HTTP setting and input limit of the configuration."""
        return cls(
            settings.decisions_api_url,
            timeout=settings.http_timeout,
            retries=settings.http_retries,
            requests_per_second=settings.requests_per_second,
            deadline=settings.http_deadline,
            limits=InputLimits.from_settings(settings),
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> DecisionsApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pause(self) -> None:
        with self._lock:
            wait = self._last_request + self.min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_request = time.monotonic()

    def _read_body(self, response: httpx.Response, started: float, max_bytes: int) -> bytes:
        """The whole body, read in pieces: abandoned past the deadline or the size limit."""
        declared = parse_digits(response.headers.get("Content-Length", ""))
        if declared is not None and declared > max_bytes:
            raise self._too_large(max_bytes)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise self._too_large(max_bytes)
            chunks.append(chunk)
            if time.monotonic() - started > self.deadline:
                log.info("antwoord na %.0f s nog niet binnen, nieuwe poging", self.deadline)
                raise TransientError(f"antwoord niet binnen {self.deadline:g} s gelezen")
        return b"".join(chunks)

    def _too_large(self, max_bytes: int) -> SourceError:
        return SourceError(
            f"Een antwoord van de beslissingen-API ({self.base_url}) is groter dan"
            f" {max_bytes / 2**20:.3g} MB (max_dump_line_kb per item); de sync stopt."
        )

    def _get_once(self, params: dict[str, Any]) -> ApiPage:
        self._pause()
        self.requests_sent += 1
        url = self.base_url + SEARCH_PATH
        max_bytes = self.limits.max_line_bytes * max(1, int(params["page[size]"]))
        started = time.monotonic()
        try:
            with self._http.stream("GET", url, params=params) as response:
                status = response.status_code
                if status >= 500 or status == 429:
                    log.info("server antwoordde %s, nieuwe poging", status)
                    retry_after = retry_after_seconds(response.headers.get("Retry-After"))
                    raise TransientError(f"HTTP {status}", retry_after)
                if status >= 400:
                    raise SourceError(
                        f"De beslissingen-API weigerde het verzoek: HTTP {status}"
                        f" voor {response.url}"
                    )
                body = self._read_body(response, started, max_bytes)
        except (httpx.TooManyRedirects, httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            loop = isinstance(exc, httpx.TooManyRedirects)
            why = f"meer dan {MAX_REDIRECTS} doorverwijzingen" if loop else "geen http(s)-adres"
            raise SourceError(
                f"De beslissingen-API ({self.base_url}) stuurt door naar een adres dat niet"
                f" te volgen is ({why}); een nieuwe poging helpt niet."
            ) from None
        except httpx.HTTPError as exc:  # timeouts, dropped connections, bad encodings
            log.info("verzoek mislukt (%s), nieuwe poging", type(exc).__name__)
            raise TransientError(_network_reason(exc)) from None
        try:
            payload = loads_bounded(body.decode("utf-8-sig"), max_depth=None)
        except UnicodeDecodeError:
            log.info("antwoord is geen UTF-8, nieuwe poging")
            raise TransientError("antwoord is geen geldige UTF-8") from None
        except JsonInputError as exc:
            log.info("onleesbare JSON (%s), nieuwe poging", exc)
            raise TransientError(f"onleesbare JSON ({exc})") from None
        page = parse_page(payload)
        check_complete(page, int(params["page[number]"]), int(params["page[size]"]))
        return page

    def fetch_page(self, first: date, last: date, number: int, size: int = PAGE_SIZE) -> ApiPage:
        """Page `number` (from 0) of the items with meeting dates from `first` to `last`."""
        start, end = day_bounds_utc(first, last)
        params = {
            "page[size]": size,
            "page[number]": number,
            "filter[:gte,lte:meetingDate]": f"{start},{end}",
            "sort[meetingDate]": "desc",
        }
        try:
            return call_with_retries(
                self._get_once,
                params,
                retries=self.retries,
                backoff_seconds=self.backoff_seconds,
                backoff_max_seconds=self.backoff_max_seconds,
            )
        except RetriesExhausted as exc:
            raise SourceError(
                f"De beslissingen-API ({self.base_url}) faalde {exc.attempts} keer na"
                f" elkaar ({exc.cause}); opnieuw starten gaat verder waar de sync stopte."
            ) from None


def parse_page(payload: Any) -> ApiPage:
    """Check the JSON:API page shape; a page that is not one is a transient failure."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise TransientError("antwoord zonder 'data'-lijst")
    count = payload.get("count")
    if not _is_count(count):
        meta = payload.get("meta")
        count = meta.get("count") if isinstance(meta, dict) else None
    return ApiPage(count=count if _is_count(count) else -1, resources=tuple(payload["data"]))


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_complete(page: ApiPage, number: int, size: int) -> None:
    """TransientError when a page holds fewer items than its `count` promises for it (a
    short or empty page in the middle of a window would silently lose decisions)."""
    if page.count < 0:
        return
    promised = min(size, max(0, page.count - number * size))
    if len(page.resources) < promised:
        log.info("pagina %d: %d van %d items, nieuwe poging", number, len(page.resources),
                 promised)
        raise TransientError(
            f"onvolledige pagina {number + 1}: {len(page.resources)} van de {promised} items"
            f" die 'count' ({page.count}) belooft"
        )
