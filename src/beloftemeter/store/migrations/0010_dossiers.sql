-- Dossiers: the decisions that are stages of one file (principle approval, final approval,
-- ratification), as analysis.dossiers groups them. Derived data: the index step replaces it
-- all at once, so it can always be recomputed from the decisions.
CREATE TABLE dossiers (
    key            TEXT PRIMARY KEY,      -- act, first words of the subject, hash of the first step's id
    instrument     TEXT NOT NULL,         -- decreet | besluit | samenwerkingsakkoord | verdrag | the decision's own
    subject        TEXT NOT NULL,         -- readable subject (short title without stage words)
    formal_subject TEXT NOT NULL DEFAULT '',  -- formal title from its connective on ("over ...")
    plural         INTEGER NOT NULL DEFAULT 0  -- 1: several acts at once ("Twee ontwerpbesluiten ...")
);
CREATE TABLE decision_dossiers (
    decision_id TEXT PRIMARY KEY REFERENCES decisions(id) ON DELETE CASCADE,
    dossier_key TEXT NOT NULL REFERENCES dossiers(key) ON DELETE CASCADE,
    step        INTEGER NOT NULL          -- 0-based place in the dossier: by meeting date, then ladder rung
);
CREATE INDEX decision_dossiers_key ON decision_dossiers(dossier_key, step);
