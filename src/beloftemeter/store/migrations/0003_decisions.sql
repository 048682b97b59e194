-- Decisions of the Flemish Government, upserted by the source's own id.
CREATE TABLE decisions (
    id                TEXT PRIMARY KEY,     -- news item id (24 hex) or UUID
    meeting_date      TEXT NOT NULL,        -- YYYY-MM-DD
    item_type         TEXT NOT NULL,        -- 'nota' | 'mededeling' | ...
    title             TEXT NOT NULL,        -- never empty: derived from the text where missing
    alternative_title TEXT NOT NULL DEFAULT '',
    text              TEXT NOT NULL,        -- plain text (HTML converted)
    url               TEXT NOT NULL,        -- public link
    source_url        TEXT NOT NULL DEFAULT '',
    instrument        TEXT,                 -- decreet, besluit, conceptnota, subsidie, ... (read from title/text)
    stage             TEXT,                 -- voorontwerp, ontwerp, bekrachtiging, ... (read from title/text)
    amounts_json      TEXT NOT NULL DEFAULT '[]',  -- euro amounts found in the text
    content_hash      TEXT NOT NULL,        -- sha256 of the fields above: search re-indexes on change
    first_seen        TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at        TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX decisions_meeting_date ON decisions(meeting_date);
CREATE INDEX decisions_instrument ON decisions(instrument);
CREATE INDEX decisions_stage ON decisions(stage);
