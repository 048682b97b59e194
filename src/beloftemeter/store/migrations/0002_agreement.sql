-- The agreement as a tree. One agreement is held at a time; importing another replaces it.
CREATE TABLE agreement (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    title       TEXT NOT NULL,
    source      TEXT NOT NULL,          -- path or URL it was imported from
    sha256      TEXT NOT NULL,          -- of the PDF bytes (re-import compares the parsed result)
    page_count  INTEGER NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (datetime('now'))
);

-- Parts, chapters and numbered sections at every depth, in document order.
CREATE TABLE agreement_nodes (
    key         TEXT PRIMARY KEY,       -- stable, readable: "onderwijs/1.2.1"; parts: "deel-1-..."
    parent_key  TEXT REFERENCES agreement_nodes(key) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('part', 'chapter', 'section')),
    ordinal     INTEGER NOT NULL,       -- position in document order
    depth       INTEGER NOT NULL,       -- 0 part, 1 chapter, 2 "1.1", 3 "1.1.1", ...
    part        TEXT NOT NULL,          -- title of the part it belongs to
    chapter     TEXT,                   -- "1 — Onderwijs" (NULL for parts)
    number      TEXT,                   -- "1.2.1" (chapter number for chapters, NULL for parts)
    title       TEXT NOT NULL,
    first_page  INTEGER NOT NULL,
    last_page   INTEGER NOT NULL,
    text        TEXT NOT NULL           -- the node's own body text (not its children's)
);
CREATE INDEX agreement_nodes_parent ON agreement_nodes(parent_key);

-- Sentences (or short sentence groups) of a node's text, each marked promise or context.
CREATE TABLE agreement_statements (
    id          INTEGER PRIMARY KEY,
    node_key    TEXT NOT NULL REFERENCES agreement_nodes(key) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    page        INTEGER NOT NULL,
    text        TEXT NOT NULL,
    is_promise  INTEGER NOT NULL CHECK (is_promise IN (0, 1)),
    UNIQUE (node_key, ordinal)
);
CREATE INDEX agreement_statements_promises ON agreement_statements(node_key) WHERE is_promise = 1;
