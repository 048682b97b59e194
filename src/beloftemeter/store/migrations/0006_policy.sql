-- Policy documents (beleidsnota's, beleidsplannen): objectives, actions with their fields, and
-- the links from actions to agreement statements and to decisions. A document is replaced as a
-- whole when it is imported again.
CREATE TABLE policy_documents (
    id          TEXT PRIMARY KEY,          -- from the file name
    title       TEXT NOT NULL,
    source      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    warnings    TEXT NOT NULL DEFAULT '',  -- what could not be read, one per line
    imported_at TEXT NOT NULL
);

CREATE TABLE policy_objectives (
    document_id TEXT NOT NULL REFERENCES policy_documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    kind        TEXT NOT NULL,             -- SD, OD or doel
    number      TEXT NOT NULL,
    title       TEXT NOT NULL,
    PRIMARY KEY (document_id, ordinal)
);

CREATE TABLE policy_actions (
    document_id      TEXT NOT NULL REFERENCES policy_documents(id) ON DELETE CASCADE,
    number           TEXT NOT NULL,
    ordinal          INTEGER NOT NULL,
    title            TEXT NOT NULL,
    objective        TEXT,
    text             TEXT NOT NULL,
    goals            TEXT NOT NULL,
    responsible      TEXT NOT NULL,
    agreement_pages  TEXT NOT NULL,
    agreement_quotes TEXT NOT NULL,        -- JSON list of quoted pieces
    timing           TEXT NOT NULL,
    budget           TEXT NOT NULL,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE policy_promise_links (
    document_id   TEXT NOT NULL,
    action_number TEXT NOT NULL,
    node_key      TEXT NOT NULL,
    ordinal       INTEGER NOT NULL,        -- the agreement statement
    method        TEXT NOT NULL,           -- citaat or zoeken
    score         REAL NOT NULL,
    evidence      TEXT NOT NULL,
    PRIMARY KEY (document_id, action_number, node_key, ordinal),
    FOREIGN KEY (document_id, action_number)
        REFERENCES policy_actions(document_id, number) ON DELETE CASCADE
);
CREATE INDEX policy_promise_links_statement ON policy_promise_links(node_key, ordinal);

CREATE TABLE policy_decision_links (
    document_id   TEXT NOT NULL,
    action_number TEXT NOT NULL,
    decision_id   TEXT NOT NULL,
    rank          INTEGER NOT NULL,
    score         REAL NOT NULL,
    PRIMARY KEY (document_id, action_number, decision_id),
    FOREIGN KEY (document_id, action_number)
        REFERENCES policy_actions(document_id, number) ON DELETE CASCADE
);
