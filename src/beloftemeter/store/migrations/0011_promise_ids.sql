-- Promises as units (issue 18): a stable id per promise, redirects for ids that changed, the
-- history of every status or evidence change, and what the filtered list reads per promise.

-- "p-" + 10 hex of a hash over the section key and the normalised sentence (see
-- models.promises.promise_ids); NULL for statements that are not promises. Filled when the
-- agreement is imported (also when an older store's unchanged agreement is imported again).
ALTER TABLE agreement_statements ADD COLUMN promise_id TEXT;
CREATE UNIQUE INDEX agreement_statements_promise_id ON agreement_statements(promise_id)
    WHERE promise_id IS NOT NULL;

-- An id that a re-import changed (the sentence was edited slightly) points to its successor.
CREATE TABLE promise_redirects (
    old_id     TEXT PRIMARY KEY,
    new_id     TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX promise_redirects_new ON promise_redirects(new_id);

-- Append-only: one row per assessment that changed a promise's status or evidence.
CREATE TABLE promise_history (
    id              INTEGER PRIMARY KEY,
    promise_id      TEXT NOT NULL,
    at              TEXT NOT NULL,          -- ISO datetime (UTC) of the run
    before_status   TEXT,                   -- NULL: the promise's first assessment
    after_status    TEXT NOT NULL,
    before_evidence TEXT NOT NULL DEFAULT '',  -- decision ids, space separated
    after_evidence  TEXT NOT NULL DEFAULT '',
    cause           TEXT NOT NULL,          -- Dutch: which decisions or which rule change
    decision_ids    TEXT NOT NULL DEFAULT '',  -- decisions that became evidence in this change
    rules_version   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX promise_history_promise ON promise_history(promise_id, id);
CREATE INDEX promise_history_at ON promise_history(at);

-- What the list filters and sorts on, kept beside the verdict so a page of 100,000 promises
-- needs no aggregate over the linked decisions.
ALTER TABLE promise_assessments ADD COLUMN evidence_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE promise_assessments ADD COLUMN candidate_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE promise_assessments ADD COLUMN latest_stage TEXT;
UPDATE promise_assessments SET
    evidence_count = (SELECT COUNT(*) FROM assessment_evidence e WHERE e.node_key =
        promise_assessments.node_key AND e.ordinal = promise_assessments.ordinal
        AND e.role = 'evidence'),
    candidate_count = (SELECT COUNT(*) FROM assessment_evidence e WHERE e.node_key =
        promise_assessments.node_key AND e.ordinal = promise_assessments.ordinal
        AND e.role = 'candidate'),
    latest_stage = (SELECT e.stage FROM assessment_evidence e JOIN decisions d
        ON d.id = e.decision_id WHERE e.node_key = promise_assessments.node_key
        AND e.ordinal = promise_assessments.ordinal AND e.role = 'evidence'
        ORDER BY d.meeting_date DESC, d.id DESC LIMIT 1);
CREATE INDEX promise_assessments_last_date ON promise_assessments(last_date);
