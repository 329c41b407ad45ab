-- The records workspace (issue 16): full-text search and sorting over a project's records,
-- labels and team notes, records removed before screening by a bulk exclusion, and the
-- project's history of bulk actions and source corrections (each undoable or recorded).

-- ---------- full-text search ----------

-- An external-content FTS5 index over the searchable text of records: the text stays in
-- `records`, the index holds only tokens. Authors and keywords are indexed as their JSON text
-- (the tokenizer reads the names and words between the quotes). Triggers keep it in step with
-- every insert, delete and change of these columns; deduplication's updates of duplicate_of
-- touch none of them, so they cost nothing here.
CREATE VIRTUAL TABLE records_fts USING fts5(
  title, abstract, authors_json, keywords_json, doi, journal,
  content = 'records', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
  INSERT INTO records_fts (rowid, title, abstract, authors_json, keywords_json, doi, journal)
  VALUES (new.id, new.title, new.abstract, new.authors_json, new.keywords_json, new.doi, new.journal);
END;

CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
  INSERT INTO records_fts (records_fts, rowid, title, abstract, authors_json, keywords_json, doi, journal)
  VALUES ('delete', old.id, old.title, old.abstract, old.authors_json, old.keywords_json, old.doi, old.journal);
END;

CREATE TRIGGER records_fts_update AFTER UPDATE OF title, abstract, authors_json, keywords_json, doi, journal ON records BEGIN
  INSERT INTO records_fts (records_fts, rowid, title, abstract, authors_json, keywords_json, doi, journal)
  VALUES ('delete', old.id, old.title, old.abstract, old.authors_json, old.keywords_json, old.doi, old.journal);
  INSERT INTO records_fts (rowid, title, abstract, authors_json, keywords_json, doi, journal)
  VALUES (new.id, new.title, new.abstract, new.authors_json, new.keywords_json, new.doi, new.journal);
END;

-- Records imported before this migration.
INSERT INTO records_fts (records_fts) VALUES ('rebuild');

-- ---------- sorting and filtering ----------

-- Each sort order of the records list is one index range, so a page of 50 is read in order
-- without sorting the project (the expressions are the ones server/db/repos/record-query.ts
-- orders by; SQLite uses an index on an expression only for that exact expression).
-- The year filters use it too (a record without a year matches no year filter).
CREATE INDEX records_sort_year ON records (project_id, ifnull(year, 0), id);
CREATE INDEX records_sort_title ON records (project_id, ifnull(title, '') COLLATE NOCASE, id);
-- By author: the stored list's text (it starts with the first author's name), not json_extract,
-- which would refuse to write, or to index, a row whose JSON is damaged.
CREATE INDEX records_sort_author ON records (project_id, substr(authors_json, 1, 100) COLLATE NOCASE, id);
CREATE INDEX records_sort_source ON records (project_id, source_id, id);
CREATE INDEX records_type ON records (project_id, type, id);
-- Import order with the source and type beside each id: a page by id filtered by source, source
-- kind or type reads this index alone, not the wide rows it passes over. It begins as
-- records_project (0001) does, and serves all that one did.
CREATE INDEX records_in_order ON records (project_id, id, source_id, type);
DROP INDEX records_project;
-- Outcomes by stage, for the status filters (screening_state_status has no outcome).
CREATE INDEX screening_state_outcome ON screening_state (project_id, stage, outcome, record_id);
-- "My vote": a member's votes of one kind at a stage are one range (screening_votes_user has no decision).
CREATE INDEX screening_votes_decision ON screening_votes (project_id, stage, user_id, decision, record_id);

-- ---------- the project's history ----------

-- One row per bulk action or source correction: who, when, what (a readable summary and the
-- details: the filter, the label or reason, before and after values, what a deletion lost).
-- A bulk action is undone as one step: undone_at/undone_by are set and its effects reversed.
CREATE TABLE project_actions (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('bulk_label', 'bulk_exclude', 'bulk_merge', 'source_edit', 'source_delete')),
  -- NULL: the command line
  user_id INTEGER REFERENCES users(id),
  summary TEXT NOT NULL,
  details_json TEXT NOT NULL DEFAULT '{}',
  -- how many records (or clusters, for bulk_merge) the action touched
  touched INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  undone_at TEXT,
  undone_by INTEGER REFERENCES users(id)
);
CREATE INDEX project_actions_project ON project_actions (project_id, id);

-- ---------- labels ----------

CREATE TABLE labels (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  -- #rrggbb
  colour TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (project_id, name)
);

-- The labels on records now. action_id: the bulk action that put it there (undo takes it off).
CREATE TABLE record_labels (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  added_by INTEGER REFERENCES users(id),
  added_at TEXT NOT NULL,
  action_id INTEGER REFERENCES project_actions(id),
  PRIMARY KEY (record_id, label_id)
) WITHOUT ROWID;
CREATE INDEX record_labels_label ON record_labels (label_id, record_id);

-- ---------- team notes ----------

-- Append-only, like screening events: a note is never edited or deleted.
CREATE TABLE record_notes (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES users(id),
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX record_notes_record ON record_notes (record_id, id);

CREATE TRIGGER record_notes_append_only BEFORE UPDATE ON record_notes
BEGIN
  SELECT RAISE(ABORT, 'record_notes is append-only');
END;

-- ---------- records removed before screening ----------

-- A bulk exclusion by an eligibility rule ("published before 2019 → outside the date range")
-- removes records nobody has screened yet from title/abstract screening; PRISMA counts them in
-- "Records removed before screening: other reasons" (docs/notes/prisma.md). One row per record
-- removed now; undoing the action deletes its rows (its history stays in record_events).
CREATE TABLE record_removals (
  record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  action_id INTEGER NOT NULL REFERENCES project_actions(id),
  reason TEXT NOT NULL,
  removed_at TEXT NOT NULL
);
CREATE INDEX record_removals_project ON record_removals (project_id, record_id);
CREATE INDEX record_removals_action ON record_removals (action_id);

-- ---------- a record's history of annotations and bulk actions ----------

-- Append-only: labels put on and taken off, records removed before screening and restored,
-- each with who and when and the bulk action it belonged to. The record page's timeline reads
-- these beside the screening events and the deduplication decisions.
CREATE TABLE record_events (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('label_added', 'label_removed', 'removed', 'restored')),
  user_id INTEGER REFERENCES users(id),
  -- the label's name then (not its id), so the history reads the same after a label is renamed or deleted
  label_name TEXT,
  reason TEXT,
  action_id INTEGER REFERENCES project_actions(id),
  created_at TEXT NOT NULL
);
CREATE INDEX record_events_record ON record_events (record_id, id);

CREATE TRIGGER record_events_append_only BEFORE UPDATE ON record_events
BEGIN
  SELECT RAISE(ABORT, 'record_events is append-only');
END;

-- ---------- where each record ended up (a projection for the status filters) ----------

-- A record's final status, stage and exclusion reason, by the rule of
-- server/domain/records/status.ts (finalStatus): duplicate; removed before screening
-- (excluded, no stage); excluded at title/abstract; not retrieved; included or excluded at full
-- text; else pending where it stands. A test holds this view and finalStatus together.
CREATE VIEW record_outcome_now AS
SELECT r.id AS record_id, r.project_id,
  CASE
    WHEN r.duplicate_of IS NOT NULL THEN 'duplicate'
    WHEN x.record_id IS NOT NULL THEN 'excluded'
    WHEN ta.outcome = 'exclude' THEN 'excluded'
    WHEN ta.outcome = 'include' THEN
      CASE
        WHEN f.status = 'not_retrievable' THEN 'not_retrieved'
        WHEN ft.outcome = 'include' THEN 'included'
        WHEN ft.outcome = 'exclude' THEN 'excluded'
        ELSE 'pending'
      END
    ELSE 'pending'
  END AS status,
  CASE
    WHEN r.duplicate_of IS NOT NULL OR x.record_id IS NOT NULL THEN NULL
    WHEN ta.outcome = 'include' THEN 'full_text'
    ELSE 'title_abstract'
  END AS stage,
  CASE
    WHEN r.duplicate_of IS NOT NULL THEN NULL
    WHEN x.record_id IS NOT NULL THEN x.reason
    WHEN ta.outcome = 'exclude' THEN ta.exclusion_reason
    WHEN ta.outcome = 'include' AND f.status IS NOT 'not_retrievable' AND ft.outcome = 'exclude' THEN ft.exclusion_reason
  END AS reason
FROM records r
LEFT JOIN record_removals x ON x.record_id = r.id
LEFT JOIN screening_state ta ON ta.record_id = r.id AND ta.stage = 'title_abstract'
LEFT JOIN fulltext_reports f ON f.record_id = r.id
LEFT JOIN screening_state ft ON ft.record_id = r.id AND ft.stage = 'full_text';

-- The view stored, one row per record, kept by the triggers below whatever writes the tables it
-- reads (screening, full text, deduplication, bulk exclusions, archive import), so a status
-- filter and its count are one index range instead of a pass over 100,000 records. Each trigger
-- is an upsert: a trigger's own OR REPLACE would give way to the conflict clause of the
-- statement that fired it.
CREATE TABLE record_outcomes (
  record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  stage TEXT,
  reason TEXT
);
CREATE INDEX record_outcomes_project ON record_outcomes (project_id, record_id);
CREATE INDEX record_outcomes_status ON record_outcomes (project_id, status, record_id);
CREATE INDEX record_outcomes_stage ON record_outcomes (project_id, stage, record_id);
CREATE INDEX record_outcomes_reason ON record_outcomes (project_id, reason, record_id) WHERE reason IS NOT NULL;

INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
SELECT record_id, project_id, status, stage, reason FROM record_outcome_now;

-- A new record has no decision yet (an import inserts thousands: no view to evaluate).
CREATE TRIGGER record_outcomes_new AFTER INSERT ON records BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  VALUES (new.id, new.project_id,
    CASE WHEN new.duplicate_of IS NULL THEN 'pending' ELSE 'duplicate' END,
    CASE WHEN new.duplicate_of IS NULL THEN 'title_abstract' END, NULL) ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_duplicate AFTER UPDATE OF duplicate_of ON records BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = new.id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_state_insert AFTER INSERT ON screening_state BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = new.record_id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_state_update AFTER UPDATE ON screening_state BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = new.record_id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_state_delete AFTER DELETE ON screening_state BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = old.record_id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_report_insert AFTER INSERT ON fulltext_reports BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = new.record_id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_report_update AFTER UPDATE ON fulltext_reports BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = new.record_id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_report_delete AFTER DELETE ON fulltext_reports BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = old.record_id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_removal_insert AFTER INSERT ON record_removals BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = new.record_id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;

CREATE TRIGGER record_outcomes_removal_delete AFTER DELETE ON record_removals BEGIN
  INSERT INTO record_outcomes (record_id, project_id, status, stage, reason)
  SELECT record_id, project_id, status, stage, reason FROM record_outcome_now WHERE record_id = old.record_id
  ON CONFLICT (record_id) DO UPDATE SET project_id = excluded.project_id, status = excluded.status,
    stage = excluded.stage, reason = excluded.reason;
END;
