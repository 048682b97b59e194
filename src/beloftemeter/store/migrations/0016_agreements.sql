-- Several agreements side by side (issue 20): each has an id, a slug ("vlaanderen-2019-2024")
-- and its government's term; its tree, statements and verdicts carry its id, so section keys
-- stay readable and stable within an agreement ("onderwijs/1.2.1" in both 2019 and 2024).
-- Promise ids stay unique across agreements (models.promises.promise_ids), so everything keyed
-- by a promise id (reviews, history, reader reports, redirects) needs no agreement column.
--
-- A store from before this migration held exactly one agreement, in a table that allowed
-- only one row: the Flemish agreement 2019-2024, the only one the program could read. It
-- becomes agreement 1 with that slug and the term of the Jambon government.

CREATE TABLE agreements (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,      -- in URLs and `--akkoord`: "vlaanderen-2019-2024"
    title       TEXT NOT NULL,
    source      TEXT NOT NULL,             -- path or URL it was imported from
    sha256      TEXT NOT NULL,             -- of the PDF bytes
    page_count  INTEGER NOT NULL,
    term_start  TEXT NOT NULL,             -- ISO date the government took office
    term_end    TEXT,                      -- ISO date its term ended; NULL: still in office
    imported_at TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (term_end IS NULL OR term_end >= term_start)
);
-- Numbered by the table (1, as the rows below assume): PostgreSQL's identity would not count
-- past an id given outright.
INSERT INTO agreements (slug, title, source, sha256, page_count, term_start, term_end,
                        imported_at)
    SELECT 'vlaanderen-2019-2024', title, source, sha256, page_count, '2019-10-02',
           '2024-09-30', imported_at FROM agreement;

CREATE TABLE agreement_nodes_new (
    agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,            -- stable within its agreement: "onderwijs/1.2.1"
    parent_key   TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('part', 'chapter', 'section')),
    ordinal      INTEGER NOT NULL,         -- position in document order
    depth        INTEGER NOT NULL,         -- 0 part, 1 chapter, 2 "1.1", 3 "1.1.1", ...
    part         TEXT NOT NULL,            -- title of the part it belongs to
    chapter      TEXT,                     -- "1 — Onderwijs" (NULL for parts)
    number       TEXT,                     -- "1.2.1" (chapter number for chapters)
    title        TEXT NOT NULL,
    first_page   INTEGER NOT NULL,
    last_page    INTEGER NOT NULL,
    text         TEXT NOT NULL,            -- the node's own body text (not its children's)
    PRIMARY KEY (agreement_id, key),
    FOREIGN KEY (agreement_id, parent_key) REFERENCES agreement_nodes_new(agreement_id, key)
        ON DELETE CASCADE
);
INSERT INTO agreement_nodes_new (agreement_id, key, parent_key, kind, ordinal, depth, part,
                                 chapter, number, title, first_page, last_page, text)
    SELECT 1, key, parent_key, kind, ordinal, depth, part, chapter, number, title, first_page,
           last_page, text FROM agreement_nodes ORDER BY ordinal;

CREATE TABLE agreement_statements_new (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL,
    node_key     TEXT NOT NULL,
    ordinal      INTEGER NOT NULL,
    page         INTEGER NOT NULL,
    text         TEXT NOT NULL,
    is_promise   INTEGER NOT NULL CHECK (is_promise IN (0, 1)),
    promise_id   TEXT,                     -- unique across agreements; NULL: not a promise
    UNIQUE (agreement_id, node_key, ordinal),
    FOREIGN KEY (agreement_id, node_key) REFERENCES agreement_nodes_new(agreement_id, key)
        ON DELETE CASCADE
);
-- Without the old ids: PostgreSQL's identity would not count past copied ones.
INSERT INTO agreement_statements_new (agreement_id, node_key, ordinal, page, text, is_promise,
                                      promise_id)
    SELECT 1, node_key, ordinal, page, text, is_promise, promise_id FROM agreement_statements
    ORDER BY id;

CREATE TABLE promise_assessments_new (
    agreement_id      INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    node_key          TEXT NOT NULL,       -- agreement_statements.node_key
    ordinal           INTEGER NOT NULL,    -- agreement_statements.ordinal
    page              INTEGER NOT NULL,
    promise           TEXT NOT NULL,
    status            TEXT NOT NULL,       -- one of the statuses of the published scale
    reason            TEXT NOT NULL,       -- short Dutch reason naming the decisive decisions
    rung              INTEGER NOT NULL,    -- stage ladder rung 0-4
    rung_label        TEXT NOT NULL,
    reached_on        TEXT,                -- date the top rung was reached
    first_date        TEXT,                -- first and last evidence decision
    last_date         TEXT,
    fingerprint       TEXT NOT NULL,       -- hash of candidates, content hashes, settings
    assessed_at       TEXT NOT NULL,
    evidence_count    INTEGER NOT NULL DEFAULT 0,
    candidate_count   INTEGER NOT NULL DEFAULT 0,
    latest_stage      TEXT,
    machine_status    TEXT,
    distinctive_terms TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, node_key, ordinal)
);
INSERT INTO promise_assessments_new
    SELECT 1, node_key, ordinal, page, promise, status, reason, rung, rung_label, reached_on,
           first_date, last_date, fingerprint, assessed_at, evidence_count, candidate_count,
           latest_stage, machine_status, distinctive_terms FROM promise_assessments;

CREATE TABLE assessment_evidence_new (
    agreement_id INTEGER NOT NULL,
    node_key     TEXT NOT NULL,
    ordinal      INTEGER NOT NULL,
    decision_id  TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    role         TEXT NOT NULL,            -- evidence, candidate, context, rejected
    score        REAL NOT NULL,
    rank         INTEGER NOT NULL,         -- fused search rank
    passage      TEXT NOT NULL,            -- the matching passage of the decision's text
    stage        TEXT,
    shared_terms TEXT NOT NULL DEFAULT '', -- distinctive promise terms in the title
    machine_role TEXT,
    PRIMARY KEY (agreement_id, node_key, ordinal, decision_id),
    FOREIGN KEY (agreement_id, node_key, ordinal)
        REFERENCES promise_assessments_new(agreement_id, node_key, ordinal) ON DELETE CASCADE
);
INSERT INTO assessment_evidence_new
    SELECT 1, node_key, ordinal, decision_id, role, score, rank, passage, stage, shared_terms,
           machine_role FROM assessment_evidence;

-- Children first: dropping a parent must find no old child to cascade into.
DROP TABLE assessment_evidence;
DROP TABLE promise_assessments;
DROP TABLE agreement_statements;
DROP TABLE agreement_nodes;
DROP TABLE agreement;
ALTER TABLE agreement_nodes_new RENAME TO agreement_nodes;
ALTER TABLE agreement_statements_new RENAME TO agreement_statements;
ALTER TABLE promise_assessments_new RENAME TO promise_assessments;
ALTER TABLE assessment_evidence_new RENAME TO assessment_evidence;

CREATE INDEX agreement_nodes_parent ON agreement_nodes(agreement_id, parent_key);
CREATE INDEX agreement_nodes_order ON agreement_nodes(agreement_id, ordinal);
CREATE UNIQUE INDEX agreement_statements_promise_id ON agreement_statements(promise_id)
    WHERE promise_id IS NOT NULL;
CREATE INDEX agreement_statements_list
    ON agreement_statements(agreement_id, node_key, ordinal, promise_id) WHERE is_promise = 1;
CREATE INDEX promise_assessments_status ON promise_assessments(status);
CREATE INDEX promise_assessments_last_date ON promise_assessments(last_date);
CREATE INDEX promise_assessments_list ON promise_assessments(
    agreement_id, node_key, ordinal, status, evidence_count, latest_stage, last_date);
CREATE INDEX assessment_evidence_decision ON assessment_evidence(decision_id);

-- Policy notes plan the promises of one government's agreement.
ALTER TABLE policy_documents ADD COLUMN agreement_id INTEGER NOT NULL DEFAULT 1;

-- The promise list's snapshot, one per agreement (migration 0014).
DROP TABLE promise_list_snapshot;
CREATE TABLE promise_list_snapshot (
    agreement_id INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    ids          TEXT NOT NULL,
    columns      TEXT NOT NULL,
    arrays       BLOB NOT NULL
);

-- The counters of migration 0014, on the tables made anew.
CREATE TRIGGER agreements_insert_counted AFTER INSERT ON agreements
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreements_update_counted AFTER UPDATE ON agreements
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreements_delete_counted AFTER DELETE ON agreements
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreement_nodes_insert_counted AFTER INSERT ON agreement_nodes
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreement_nodes_update_counted AFTER UPDATE ON agreement_nodes
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreement_nodes_delete_counted AFTER DELETE ON agreement_nodes
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreement_statements_insert_counted AFTER INSERT ON agreement_statements
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreement_statements_update_counted AFTER UPDATE ON agreement_statements
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreement_statements_delete_counted AFTER DELETE ON agreement_statements
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER promise_assessments_insert_counted AFTER INSERT ON promise_assessments
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER promise_assessments_update_counted AFTER UPDATE ON promise_assessments
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER promise_assessments_delete_counted AFTER DELETE ON promise_assessments
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
