-- Editorial review (issue 19): accounts, sessions, the editors' verdicts per promise, the
-- append-only audit of every action, and the error reports of readers.

CREATE TABLE users (
    name                TEXT PRIMARY KEY,      -- login name
    role                TEXT NOT NULL CHECK (role IN ('redacteur', 'beheerder')),
    password_hash       TEXT NOT NULL,         -- argon2id; never shown, logged or exported
    blocked             INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

-- The cookie carries a random token (signed); only its hash is kept here.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_name);

-- Failed logins, to slow down guessing per account and per address (a keyed hash of it).
CREATE TABLE login_failures (
    id        INTEGER PRIMARY KEY,
    user_name TEXT NOT NULL,
    address   TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(user_name, at);
CREATE INDEX login_failures_address ON login_failures(address, at);

-- The editor's decision on one promise. Its status is the published one: re-analysis never
-- changes it (see pipeline.review and analysis.assessor).
CREATE TABLE reviews (
    promise_id    TEXT PRIMARY KEY,
    version       INTEGER NOT NULL,            -- 1 at the first save, +1 at every save
    status        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    status_source TEXT NOT NULL CHECK (status_source IN ('editor', 'ladder')),
    note          TEXT NOT NULL DEFAULT '',     -- public note beside the verdict
    evidence_seen TEXT NOT NULL DEFAULT '',     -- the machine's evidence ids at the save
    recheck       TEXT,                         -- why to look again (Dutch); NULL: no need
    reviewed_by   TEXT NOT NULL,
    reviewed_at   TEXT NOT NULL
);
CREATE INDEX reviews_recheck ON reviews(recheck) WHERE recheck IS NOT NULL;

CREATE TABLE review_links (
    promise_id  TEXT NOT NULL,
    decision_id TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    verdict     TEXT NOT NULL CHECK (verdict IN ('confirmed', 'rejected', 'added')),
    PRIMARY KEY (promise_id, decision_id)
);

CREATE TABLE editorial_events (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    promise_id TEXT,
    before     TEXT NOT NULL DEFAULT '{}',     -- JSON
    after      TEXT NOT NULL DEFAULT '{}',     -- JSON
    reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX editorial_events_promise ON editorial_events(promise_id, id);
CREATE INDEX editorial_events_action ON editorial_events(action, id);
CREATE TRIGGER editorial_events_append_only_update BEFORE UPDATE ON editorial_events
BEGIN
    SELECT RAISE(ABORT, 'editorial_events is append-only');
END;
CREATE TRIGGER editorial_events_append_only_delete BEFORE DELETE ON editorial_events
BEGIN
    SELECT RAISE(ABORT, 'editorial_events is append-only');
END;

-- "Klopt dit niet?": the report and its time, nothing about who sent it.
CREATE TABLE reader_reports (
    id           INTEGER PRIMARY KEY,
    promise_id   TEXT NOT NULL,
    message      TEXT NOT NULL,
    decision_url TEXT,
    created_at   TEXT NOT NULL,
    handled_at   TEXT,
    handled_by   TEXT
);
CREATE INDEX reader_reports_open ON reader_reports(promise_id) WHERE handled_at IS NULL;

-- The machine's own verdict beside the published one: the role it gave each linked decision
-- (NULL: added by an editor; a rejected decision keeps its row with role 'rejected') and the
-- status it reached alone.
ALTER TABLE assessment_evidence ADD COLUMN machine_role TEXT;
UPDATE assessment_evidence SET machine_role = role;
ALTER TABLE promise_assessments ADD COLUMN machine_status TEXT;
UPDATE promise_assessments SET machine_status = status;
-- The promise's distinctive terms as the machine found them: an editor's save re-applies the
-- stage ladder without the search engine (empty for verdicts stored before this migration).
ALTER TABLE promise_assessments ADD COLUMN distinctive_terms TEXT NOT NULL DEFAULT '';
