"""Client for the public JSON:API of beslissingenvlaamseregering.vlaanderen.be.

`GET {base}/news-items/search?page[size]=S&page[number]=N&filter[:gte,lte:meetingDate]=A,B
&sort[meetingDate]=desc` answers `{"count": C, "data": [{"id", "attributes": {...}}]}`.
Pages are numbered from 0 (mu-search). The filter takes UTC datetimes; meetings are dated in
Brussels time, so a local day runs from 22:00 or 23:00 UTC the day before.

The client retries server errors (5xx, 429), timeouts, dropped connections and unreadable
(truncated) JSON with exponential backoff, and never sends more than `requests_per_second`.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from inscriptis import get_text
from tenacity import (
    RetryCallState,
    RetryError,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from beloftemeter import __version__
from beloftemeter.errors import ConfigError, SourceError
from beloftemeter.models.decisions import Decision
from beloftemeter.sources.decision_reading import read_decision

log = logging.getLogger(__name__)

SEARCH_PATH = "/news-items/search"
PAGE_SIZE = 100

try:  # tz database from the system; without it, fall back to a fixed winter offset
    from zoneinfo import ZoneInfo

    BRUSSELS: Any = ZoneInfo("Europe/Brussels")
except Exception:  # pragma: no cover - depends on the machine
    from datetime import timezone

    BRUSSELS = timezone(timedelta(hours=1))


class TransientError(Exception):
    """A failure worth retrying (server error, timeout, truncated answer)."""

    def __init__(self, message: str, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _retry_after(response: httpx.Response) -> float:
    """Seconds asked for in a Retry-After header (only the number-of-seconds form)."""
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return 0.0


@dataclass(frozen=True)
class ApiPage:
    count: int
    resources: tuple[dict[str, Any], ...]


# The json module's messages, in Dutch (the rest are summed up as "onverwacht teken").
_JSON_REASONS = {
    "Expecting value": "waarde verwacht",
    "Extra data": "extra tekens na de JSON-waarde",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Expecting property name enclosed in double quotes": "naam tussen dubbele aanhalingstekens"
    " verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbelpunt verwacht",
    "Invalid control character at": "ongeldig stuurteken",
    "Invalid \\escape": "ongeldige escape",
}


def json_error_reason(exc: json.JSONDecodeError, *, line: bool = True) -> str:
    """A Dutch one-line reason for a JSON error: what was wrong and where (without the line
    number for a document that is one line of a larger file)."""
    reason = _JSON_REASONS.get(exc.msg, "onverwacht teken")
    where = f"regel {exc.lineno}, kolom {exc.colno}" if line else f"kolom {exc.colno}"
    return f"{reason}, {where}"


def _network_reason(exc: httpx.HTTPError) -> str:
    """A Dutch reason for a failed request (httpx's own messages are English)."""
    if isinstance(exc, httpx.TimeoutException):
        return "time-out"
    if isinstance(exc, httpx.ConnectError):
        return "geen verbinding met de server"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "verbinding verbroken of onvolledig antwoord"
    return f"netwerkfout ({type(exc).__name__})"


# --- converting one resource ------------------------------------------------------------


def html_to_text(html: str) -> str:
    """Clean plain text from the API's HTML: paragraphs kept, whitespace tidied."""
    if not html or not html.strip():
        return ""
    text = html if "<" not in html else get_text(html)
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def local_meeting_date(value: str) -> str:
    """The Brussels calendar date of an ISO date or datetime ("2021-12-02T23:00:00Z")."""
    value = (value or "").strip()
    if not value:
        raise ValueError("meetingDate ontbreekt")
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:  # its own message is English ("Invalid isoformat string")
        raise ValueError(f"meetingDate is geen geldige datum: {value!r}") from None
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.astimezone(BRUSSELS).date().isoformat()


def decision_from_resource(resource: dict[str, Any]) -> Decision:
    """A Decision from one JSON:API resource; ValueError (Dutch) when it cannot be read."""
    if not isinstance(resource, dict):
        raise ValueError("geen JSON-object")
    attributes = resource.get("attributes")
    if not isinstance(attributes, dict):
        raise ValueError("'attributes' ontbreekt")
    decision_id = resource.get("id") or attributes.get("uuid")
    if not isinstance(decision_id, str) or not decision_id.strip():
        raise ValueError("'id' ontbreekt")
    title = attributes.get("title") or ""
    alternative = attributes.get("alternativeTitle") or ""
    html = attributes.get("htmlContent") or ""
    if not all(isinstance(v, str) for v in (title, alternative, html)):
        raise ValueError("title, alternativeTitle en htmlContent moeten tekst zijn")
    body = html_to_text(html)
    parts = [" ".join(title.split()), " ".join(alternative.split()), body]
    text = "\n\n".join(p for p in parts if p)
    if not text:
        raise ValueError("geen titel en geen tekst")
    return read_decision(
        id=decision_id.strip(),
        meeting_date=local_meeting_date(str(attributes.get("meetingDate") or "")),
        item_type=str(attributes.get("agendaitemType") or "nota"),
        title=title,
        alternative_title=alternative,
        text=text,
    )


# --- the client ---------------------------------------------------------------------------


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
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.retries = max(0, retries)
        self.min_interval = 1.0 / requests_per_second if requests_per_second > 0 else 0.0
        self.backoff_seconds = backoff_seconds
        self.backoff_max_seconds = backoff_max_seconds
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

    def _get_once(self, params: dict[str, Any]) -> ApiPage:
        self._pause()
        self.requests_sent += 1
        url = self.base_url + SEARCH_PATH
        try:
            response = self._http.get(url, params=params)
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            log.info("verzoek mislukt (%s), nieuwe poging", type(exc).__name__)
            raise TransientError(_network_reason(exc)) from exc
        if response.status_code >= 500 or response.status_code == 429:
            log.info("server antwoordde %s, nieuwe poging", response.status_code)
            raise TransientError(f"HTTP {response.status_code}", _retry_after(response))
        if response.status_code >= 400:
            raise SourceError(
                f"De beslissingen-API weigerde het verzoek: HTTP {response.status_code}"
                f" voor {response.url}"
            )
        try:
            payload = json.loads(response.content)
        except json.JSONDecodeError as exc:
            log.info("onleesbare JSON (%s), nieuwe poging", json_error_reason(exc))
            raise TransientError(f"onleesbare JSON ({json_error_reason(exc)})") from exc
        except UnicodeDecodeError as exc:
            log.info("antwoord is geen UTF-8, nieuwe poging")
            raise TransientError("antwoord is geen geldige UTF-8") from exc
        return parse_page(payload)

    def _wait(self, state: RetryCallState) -> float:
        """Exponential backoff, or longer when the server asked for it (Retry-After)."""
        backoff = wait_exponential(multiplier=self.backoff_seconds, max=self.backoff_max_seconds)
        error = state.outcome.exception() if state.outcome else None
        asked = error.retry_after if isinstance(error, TransientError) else 0.0
        return max(backoff(state), min(asked, self.backoff_max_seconds))

    def fetch_page(self, first: date, last: date, number: int, size: int = PAGE_SIZE) -> ApiPage:
        """Page `number` (from 0) of the items with meeting dates from `first` to `last`."""
        start, end = day_bounds_utc(first, last)
        params = {
            "page[size]": size,
            "page[number]": number,
            "filter[:gte,lte:meetingDate]": f"{start},{end}",
            "sort[meetingDate]": "desc",
        }
        retrying = Retrying(
            retry=retry_if_exception_type(TransientError),
            stop=stop_after_attempt(self.retries + 1),
            wait=self._wait,
            reraise=False,
        )
        try:
            return retrying(self._get_once, params)
        except RetryError as exc:
            cause = exc.last_attempt.exception()
            raise SourceError(
                f"De beslissingen-API ({self.base_url}) faalde {self.retries + 1} keer na"
                f" elkaar ({cause}); opnieuw starten gaat verder waar de sync stopte."
            ) from None


def parse_page(payload: Any) -> ApiPage:
    """Check the JSON:API page shape; a page that is not one is a transient failure."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise TransientError("antwoord zonder 'data'-lijst")
    count = payload.get("count")
    if not isinstance(count, int):
        meta = payload.get("meta") or {}
        count = meta.get("count") if isinstance(meta, dict) else None
    if not isinstance(count, int):
        count = -1
    return ApiPage(count=count, resources=tuple(payload["data"]))
