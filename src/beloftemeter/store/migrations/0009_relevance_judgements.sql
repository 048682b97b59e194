-- A language model's verdict on whether a decision carries a promise out (the optional
-- relevance judge): asked once per promise, decision content and model, then reused.
CREATE TABLE relevance_judgements (
    promise_hash TEXT NOT NULL,           -- sha256 of the section title and promise text
    decision_id  TEXT NOT NULL,
    content_hash TEXT NOT NULL,           -- decisions.content_hash when judged
    judge        TEXT NOT NULL,           -- judge tag: model and prompt version
    carries_out  INTEGER NOT NULL,        -- 1: carries the promise out, 0: does not
    judged_at    TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (promise_hash, decision_id, judge)
);
