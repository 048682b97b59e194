-- The promise list at 100,000 promises (bench.promise_list): what it needs per promise (its
-- facet values and its place in each sort order) is kept here, built once per change of the
-- data, so a fresh process reads one row instead of grouping every promise again (0.3-0.5 s).

-- Counts every write to what the list and the promise pages show; triggers keep it, so no
-- writer can forget to. It starts at a random number so two stores never share a version.
CREATE TABLE promise_list_changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    changes INTEGER NOT NULL
);
INSERT INTO promise_list_changes (id, changes) VALUES (1, random() & 281474976710655);

CREATE TRIGGER agreement_insert_counted AFTER INSERT ON agreement
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreement_update_counted AFTER UPDATE ON agreement
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER agreement_delete_counted AFTER DELETE ON agreement
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
CREATE TRIGGER promise_history_insert_counted AFTER INSERT ON promise_history
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER promise_history_update_counted AFTER UPDATE ON promise_history
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER promise_history_delete_counted AFTER DELETE ON promise_history
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_documents_insert_counted AFTER INSERT ON policy_documents
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_documents_update_counted AFTER UPDATE ON policy_documents
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_documents_delete_counted AFTER DELETE ON policy_documents
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_actions_insert_counted AFTER INSERT ON policy_actions
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_actions_update_counted AFTER UPDATE ON policy_actions
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_actions_delete_counted AFTER DELETE ON policy_actions
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_promise_links_insert_counted AFTER INSERT ON policy_promise_links
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_promise_links_update_counted AFTER UPDATE ON policy_promise_links
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER policy_promise_links_delete_counted AFTER DELETE ON policy_promise_links
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;

-- The list's snapshot at `version` (promise_list_changes.changes when it was built), written by
-- the first reader after a change (pipeline.promise_snapshot): `ids` the promise ids in
-- agreement order, one a line; `columns` (JSON) the distinct values of each facet column;
-- `arrays` (numpy .npz, no pickles) per promise the code of its value in each column, and the
-- promises in each sort order.
CREATE TABLE promise_list_snapshot (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    ids     TEXT NOT NULL,
    columns TEXT NOT NULL,
    arrays  BLOB NOT NULL
);
