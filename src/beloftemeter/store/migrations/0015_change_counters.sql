-- Web workers (issue 20) each keep the agreement, the verdicts and the search index in memory
-- and reload them when another process writes: they watch counters that triggers keep, on
-- SQLite and PostgreSQL alike (SQLite's PRAGMA data_version has no PostgreSQL twin).

-- The editors' verdicts count as changes to what the promise pages show (migration 0014's
-- counter): a save writes its published verdict as well, but a review alone must count too.
CREATE TRIGGER reviews_insert_counted AFTER INSERT ON reviews
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER reviews_update_counted AFTER UPDATE ON reviews
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER reviews_delete_counted AFTER DELETE ON reviews
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER review_links_insert_counted AFTER INSERT ON review_links
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER review_links_update_counted AFTER UPDATE ON review_links
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;
CREATE TRIGGER review_links_delete_counted AFTER DELETE ON review_links
BEGIN UPDATE promise_list_changes SET changes = changes + 1; END;

-- The search index's own counter: what a new or changed decision changes once the index step
-- has analysed it (its words) or embedded it (its vectors). Kept apart from the promise
-- counter so that indexing does not invalidate the promise list, and a verdict does not make
-- every worker rebuild its search index. Not on `decisions` itself: a decisions dump is
-- imported in one transaction, and on PostgreSQL each row's update of one counter row costs
-- more than the last within a transaction (20,000 rows: 0.5 s without, 5.8 s with); the
-- index writes in batches of at most 2,000 (0.1 s a batch).
CREATE TABLE search_changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    changes INTEGER NOT NULL
);
INSERT INTO search_changes (id, changes) VALUES (1, random() & 281474976710655);

CREATE TRIGGER search_documents_insert_counted AFTER INSERT ON search_documents
BEGIN UPDATE search_changes SET changes = changes + 1; END;
CREATE TRIGGER search_documents_update_counted AFTER UPDATE ON search_documents
BEGIN UPDATE search_changes SET changes = changes + 1; END;
CREATE TRIGGER search_documents_delete_counted AFTER DELETE ON search_documents
BEGIN UPDATE search_changes SET changes = changes + 1; END;
CREATE TRIGGER decision_vectors_insert_counted AFTER INSERT ON decision_vectors
BEGIN UPDATE search_changes SET changes = changes + 1; END;
CREATE TRIGGER decision_vectors_update_counted AFTER UPDATE ON decision_vectors
BEGIN UPDATE search_changes SET changes = changes + 1; END;
CREATE TRIGGER decision_vectors_delete_counted AFTER DELETE ON decision_vectors
BEGIN UPDATE search_changes SET changes = changes + 1; END;
