-- Embedded queries that are asked again and again (one per promise of the agreement), so that
-- re-running the assessment does not embed them again. Derived data, keyed like a cache.
CREATE TABLE query_vectors (
    model     TEXT NOT NULL,              -- embedder name with its version, plus ":query"
    text_hash TEXT NOT NULL,              -- sha256 of the embedded query text
    dim       INTEGER NOT NULL,
    vector    BLOB NOT NULL,              -- little-endian float32
    PRIMARY KEY (model, text_hash)
);
