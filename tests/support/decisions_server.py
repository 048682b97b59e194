"""A local stand-in for the decisions JSON:API, serving the shared dump in the API's shape.

`GET /news-items/search?page[size]=S&page[number]=N&filter[:gte,lte:meetingDate]=A,B
&sort[meetingDate]=desc` answers `{"count": C, "data": [{"type", "id", "attributes": {title,
alternativeTitle, htmlContent, agendaitemType, meetingDate, uuid}}]}` like the real service
(mu-search: pages numbered from 0, UTC datetimes in the filter).

`htmlContent` is built from the dump text: the part after the title, one <p> per segment
(segments are separated by runs of spaces in the dump), with every seventh item's last
segment rendered as a <ul> list of its sentences. Meeting dates are given as Brussels-time
datetimes in UTC, half of them at local midnight (so the UTC date is the day before).

Faults are injected per request number (1-based, in arrival order): "500" (HTTP 500),
"503", "429" (too many requests, with Retry-After: 1), "traag" (answer only after
`slow_seconds`, beyond a client's timeout), "afgekapt" (a complete answer whose JSON stops
half-way), "onvolledig" (the connection drops half-way through the promised body),
"verbroken" (connection closed without an answer), "kort" (the page's last item left out,
`count` unchanged), "leeg" (an empty page, `count` unchanged), "zonder-aantal" (no `count`),
"gzip" (a plain body under `Content-Encoding: gzip`), "kringloop" (a redirect to itself),
"druppel" (the body one byte at a time, every `drip_seconds`), and, for the page's first
item, "slechte-datum" (meetingDate 0001-01-01T00:00:00+14:00), "genest" (a title nested 200
levels deep) and "groot-getal" (a title that is a number of 5,000 digits). `count=False`
leaves `count` out of every answer.

Standalone, for benchmarks and the web app:
    python -m tests.support.decisions_server --data ../shared/data/decisions-vr-2019-2024.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from beloftemeter.sources.decision_reading import after_title

BRUSSELS = ZoneInfo("Europe/Brussels")
SEARCH_PATH = "/news-items/search"


def _segments(text: str) -> list[str]:
    return [s for s in re.split(r"\s{2,}", text.strip()) if s.strip()]


def build_html(rest: str, as_list: bool) -> str:
    """HTML for the part of a dump text after its title."""
    parts = _segments(rest)
    blocks = []
    for index, part in enumerate(parts):
        sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", part)
        if as_list and index == len(parts) - 1 and len(sentences) >= 2:
            items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{html.escape(part)}</p>")
    return "\n".join(blocks)


def meeting_datetime(meeting_date: str, decision_id: str) -> str:
    """A UTC ISO datetime for a Brussels meeting date; half at local midnight, half at 10:00."""
    day = date.fromisoformat(meeting_date)
    hour = 0 if int(hashlib.sha1(decision_id.encode()).hexdigest(), 16) % 2 else 10
    local = datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS)
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def to_resource(record: dict[str, Any], index: int) -> dict[str, Any]:
    """One dump record as a JSON:API news item."""
    title, text = record.get("title") or "", record.get("text") or ""
    rest = after_title(title, text)
    return {
        "type": "news-items",
        "id": record["id"],
        "attributes": {
            "title": title,
            "alternativeTitle": "",
            "htmlContent": build_html(rest, as_list=index % 7 == 3),
            "agendaitemType": record.get("agenda_item_type") or "nota",
            "meetingDate": meeting_datetime(record["meeting_date"], record["id"]),
            "uuid": record["id"],
        },
    }


def load_records(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _parse_moment(value: str, end: bool) -> datetime:
    value = value.strip()
    if len(value) == 10:  # a plain date: the whole day in UTC
        moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
        return moment + timedelta(days=1, microseconds=-1) if end else moment
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass
class ServerState:
    resources: list[dict[str, Any]]
    faults: dict[int, str] = field(default_factory=dict)
    delay: float = 0.0
    slow_seconds: float = 2.0
    requests: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # request number → resources published just before that request is answered
    arrivals: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    with_count: bool = True
    drip_seconds: float = 0.2

    def search(self, params: dict[str, str]) -> dict[str, Any]:
        size = int(params.get("page[size]", "10"))
        number = int(params.get("page[number]", "0"))
        if size < 1 or number < 0:
            raise ValueError("page[size] >= 1 en page[number] >= 0")
        items = self.resources
        window = params.get("filter[:gte,lte:meetingDate]")
        if window:
            start_raw, end_raw = window.split(",", 1)
            start, end = _parse_moment(start_raw, False), _parse_moment(end_raw, True)
            items = [
                r for r in items
                if start <= _parse_moment(r["attributes"]["meetingDate"], False) <= end
            ]
        descending = params.get("sort[meetingDate]", "desc") == "desc"
        items = sorted(
            items, key=lambda r: (r["attributes"]["meetingDate"], r["id"]), reverse=descending
        )
        page = items[number * size : (number + 1) * size]
        if not self.with_count:
            return {"data": page}
        return {"count": len(items), "data": page}


HUGE_NUMBER = "__GROOT_GETAL__"  # replaced in the body: json.dumps refuses 5,000 digits


def _nested(depth: int) -> Any:
    value: Any = "diep"
    for _ in range(depth):
        value = [value]
    return value


def _spoil_first_item(answer: dict[str, Any], fault: str) -> None:
    """Make the page's first item unreadable in the way `fault` names (a copy: the served
    data itself stays as it was)."""
    if not answer["data"]:
        return
    first = json.loads(json.dumps(answer["data"][0]))
    attributes = first["attributes"]
    if fault == "slechte-datum":
        attributes["meetingDate"] = "0001-01-01T00:00:00+14:00"
    elif fault == "genest":
        attributes["title"] = _nested(200)
    else:  # groot-getal
        attributes["title"] = HUGE_NUMBER
    answer["data"][0] = first


def page_body(state: ServerState, params: dict[str, str], fault: str | None) -> bytes:
    """The JSON answer to one search, with `fault` applied to its content."""
    answer = state.search(params)
    if fault == "kort" and answer["data"]:
        answer["data"] = answer["data"][:-1]
    elif fault == "leeg":
        answer["data"] = []
    elif fault == "zonder-aantal":
        answer.pop("count", None)
    elif fault in ("slechte-datum", "genest", "groot-getal"):
        _spoil_first_item(answer, fault)
    body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    return body.replace(f'"{HUGE_NUMBER}"'.encode(), b"1" * 5000)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out separately: no 40 ms stalls

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        *,
        declared: int | None = None,
        retry_after: int = 0,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if retry_after:
            self.send_header("Retry-After", str(retry_after))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/vnd.api+json")
        self.send_header("Content-Length", str(declared if declared is not None else len(body)))
        if declared is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        state = self.server.state
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        with state.lock:
            state.requests.append(params)
            number = len(state.requests)
            state.resources.extend(state.arrivals.pop(number, []))
        fault = state.faults.get(number)
        if state.delay:
            time.sleep(state.delay)
        try:
            if url.path.rstrip("/") != SEARCH_PATH:
                self._send(404, b'{"errors": [{"title": "not found"}]}')
                return
            if fault in ("500", "503"):
                self._send(int(fault), b'{"errors": [{"title": "server error"}]}')
                return
            if fault == "429":  # too many requests: come back in 1 second
                self._send(429, b'{"errors": [{"title": "slow down"}]}', retry_after=1)
                return
            if fault == "verbroken":
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if fault == "kringloop":  # a redirect to this very address, for ever
                self._send(302, b"", headers={"Location": self.path})
                return
            if fault == "traag":
                time.sleep(state.slow_seconds)
            try:
                body = page_body(state, params, fault)
            except ValueError as exc:
                self._send(400, json.dumps({"errors": [{"title": str(exc)}]}).encode())
                return
            if fault == "afgekapt":  # a complete answer whose JSON stops half-way
                self._send(200, body[: len(body) // 2], declared=len(body) // 2)
                return
            if fault == "onvolledig":  # headers promise the whole body; the line drops half-way
                self._send(200, body[: len(body) // 2], declared=len(body))
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if fault == "gzip":  # says gzip, sends plain JSON
                self._send(200, body, headers={"Content-Encoding": "gzip"})
                return
            if fault == "druppel":
                self._drip(body, state.drip_seconds)
                return
            self._send(200, body)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True


    def _drip(self, body: bytes, seconds: float) -> None:
        """Headers at once, then the body a byte at a time: every read is within a client's
        timeout, the whole answer is not (until the client hangs up)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.api+json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        for byte in body:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: ServerState) -> None:
        super().__init__(address, _Handler)
        self.state = state

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hung up or was killed mid-connection (the soak does it on purpose)
        # is no error of the server's: no traceback for it.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class DecisionsServer:
    """The test server on 127.0.0.1 (port 0: any free port), in a background thread."""

    def __init__(
        self,
        records: Iterable[dict[str, Any]],
        *,
        port: int = 0,
        faults: dict[int, str] | None = None,
        delay: float = 0.0,
        slow_seconds: float = 2.0,
        count: bool = True,
        drip_seconds: float = 0.2,
    ) -> None:
        resources = [to_resource(r, i) for i, r in enumerate(records)]
        self.state = ServerState(resources, dict(faults or {}), delay, slow_seconds,
                                 with_count=count, drip_seconds=drip_seconds)
        self._server = _Server(("127.0.0.1", port), self.state)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> list[dict[str, str]]:
        return self.state.requests

    def set_faults(self, faults: dict[int, str]) -> None:
        """Faults counted from the next request on (1 = the next one)."""
        with self.state.lock:
            offset = len(self.state.requests)
            self.state.faults = {offset + n: kind for n, kind in faults.items()}

    def publish_later(self, request_number: int, records: Iterable[dict[str, Any]]) -> None:
        """Publish `records` just before answering request `request_number` (1-based)."""
        start = len(self.state.resources)
        resources = [to_resource(r, start + i) for i, r in enumerate(records)]
        with self.state.lock:
            self.state.arrivals.setdefault(request_number, []).extend(resources)

    def start(self) -> DecisionsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> DecisionsServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _parse_faults(spec: str) -> dict[int, str]:
    faults = {}
    for part in filter(None, spec.split(",")):
        number, kind = part.split(":", 1)
        faults[int(number)] = kind
    return faults


def main() -> None:
    parser = argparse.ArgumentParser(description="Lokale beslissingen-API voor tests en metingen.")
    parser.add_argument("--data", required=True, help="JSONL-dump met beslissingen")
    parser.add_argument("--poort", type=int, default=8765)
    parser.add_argument("--vertraging", type=float, default=0.0, help="seconden per verzoek")
    parser.add_argument("--fouten", default="", help="bv. 3:500,5:traag,8:afgekapt")
    parser.add_argument("--traag", type=float, default=2.0, help="seconden voor een traag antwoord")
    args = parser.parse_args()
    server = DecisionsServer(
        load_records(args.data),
        port=args.poort,
        faults=_parse_faults(args.fouten),
        delay=args.vertraging,
        slow_seconds=args.traag,
    )
    print(f"beslissingen-API op {server.url}{SEARCH_PATH}", flush=True)
    server.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
