"""A local OpenAI-compatible chat server for tests: answers `POST /v1/chat/completions`
from a script of replies (text, HTTP errors, slow answers, broken JSON) and records what it
was asked. Loopback only; runs in a thread."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    text: str = ""
    status: int = 200
    delay: float = 0.0  # seconds before answering (a slow model)
    broken: bool = False  # a body that is not JSON
    gzip: bool = False  # a plain body that says it is gzip
    deep: bool = False  # JSON nested deeper than any parser's recursion limit


class LlmServer:
    def __init__(self, script: list[Reply] | None = None, default: Reply | None = None):
        self.script: deque[Reply] = deque(script or [])
        self.default = default or Reply("Oordeel: niets te melden.")
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append({"path": self.path, "body": body,
                                        "auth": self.headers.get("Authorization")})
                reply = server.script.popleft() if server.script else server.default
                if reply.delay:
                    time.sleep(reply.delay)
                if self.path.rstrip("/") != "/v1/chat/completions":
                    reply = Reply(status=404)
                if reply.status != 200:
                    payload = json.dumps({"error": {"message": "scripted failure"}}).encode()
                elif reply.broken:
                    payload = b'{"choices": [{"message": '
                elif reply.deep:
                    payload = b"[" * 100_000 + b"]" * 100_000
                else:
                    payload = json.dumps({
                        "id": "test", "object": "chat.completion", "model": body.get("model"),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply.text}}],
                    }).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    if reply.gzip:
                        self.send_header("Content-Encoding", "gzip")
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): nothing to answer

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> LlmServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


if __name__ == "__main__":  # a manual server: python -m tests.support.llm_server
    with LlmServer(default=Reply("1. **Test**: een punt [0].\n\nOordeel: getest [0].")) as s:
        print(s.base_url, flush=True)
        threading.Event().wait()
