-- Assessment: a status per promise (agreement statement) and the decisions linked to it.
-- Derived data: a promise is redone when its evidence fingerprint changes.
CREATE TABLE promise_assessments (
    node_key     TEXT NOT NULL,            -- agreement_statements.node_key
    ordinal      INTEGER NOT NULL,         -- agreement_statements.ordinal
    page         INTEGER NOT NULL,
    promise      TEXT NOT NULL,
    status       TEXT NOT NULL,            -- one of the seven statuses of the published scale
    reason       TEXT NOT NULL,            -- short Dutch reason naming the decisive decisions
    rung         INTEGER NOT NULL,         -- stage ladder rung 0-4
    rung_label   TEXT NOT NULL,
    reached_on   TEXT,                     -- date the top rung was reached
    first_date   TEXT,                     -- first and last evidence decision
    last_date    TEXT,
    fingerprint  TEXT NOT NULL,            -- hash of candidates, content hashes, engine settings
    assessed_at  TEXT NOT NULL,
    PRIMARY KEY (node_key, ordinal)
);
CREATE INDEX promise_assessments_status ON promise_assessments(status);

CREATE TABLE assessment_evidence (
    node_key     TEXT NOT NULL,
    ordinal      INTEGER NOT NULL,
    decision_id  TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    role         TEXT NOT NULL,            -- "evidence" or "context" (verwant)
    score        REAL NOT NULL,
    rank         INTEGER NOT NULL,         -- fused search rank
    passage      TEXT NOT NULL,            -- the matching passage of the decision's text
    stage        TEXT,
    shared_terms TEXT NOT NULL DEFAULT '', -- distinctive promise terms in the title, space separated
    PRIMARY KEY (node_key, ordinal, decision_id),
    FOREIGN KEY (node_key, ordinal) REFERENCES promise_assessments(node_key, ordinal)
        ON DELETE CASCADE
);
CREATE INDEX assessment_evidence_decision ON assessment_evidence(decision_id);
