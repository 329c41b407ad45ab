-- Screening: append-only decision events (the truth), projections derived from them for
-- fast queues, full-text retrieval, and grouping of several reports into one study.

CREATE TABLE screening_events (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('title_abstract', 'full_text')),
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('vote', 'retract', 'resolve')),
  decision TEXT CHECK (decision IN ('include', 'exclude', 'maybe')),
  reason TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  CHECK ((kind = 'retract') = (decision IS NULL))
);
CREATE INDEX screening_events_record ON screening_events(record_id, stage, id);
CREATE INDEX screening_events_project ON screening_events(project_id, stage);

-- Nothing rewrites history; deletes happen only by cascade when a project or record goes.
CREATE TRIGGER screening_events_append_only BEFORE UPDATE ON screening_events
BEGIN
  SELECT RAISE(ABORT, 'screening_events is append-only');
END;

-- Projection: each reviewer's latest vote per record and stage (rebuilt from events at will).
CREATE TABLE screening_votes (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  -- order in which reviewers first voted on the record (first vs second reviewer)
  position INTEGER NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT,
  note TEXT,
  decided_at TEXT NOT NULL,
  -- the record's status at this stage, copied here so "my votes on records still awaiting"
  -- (a reviewer's remaining count) is one index range
  record_status TEXT NOT NULL,
  PRIMARY KEY (record_id, stage, user_id)
) WITHOUT ROWID;
CREATE INDEX screening_votes_user ON screening_votes(project_id, stage, user_id, record_status);

-- Projection: where each record stands at each stage (no row = no votes yet = awaiting).
CREATE TABLE screening_state (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('awaiting', 'agreed', 'conflict', 'resolved')),
  outcome TEXT CHECK (outcome IN ('include', 'exclude')),
  vote_count INTEGER NOT NULL,
  -- the reason that excluded the record (resolution's, else the first excluding vote's)
  exclusion_reason TEXT,
  resolved_by INTEGER REFERENCES users(id),
  resolution_reason TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (record_id, stage)
) WITHOUT ROWID;
CREATE INDEX screening_state_status ON screening_state(project_id, stage, status, record_id);

-- Full-text retrieval of records included at title/abstract (no row = sought, not yet retrieved).
CREATE TABLE fulltext_reports (
  record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('retrieved', 'not_retrievable')),
  -- server-made file name under the uploads folder; never the client's name
  pdf_file TEXT,
  pdf_original_name TEXT,
  pdf_size INTEGER,
  url TEXT,
  note TEXT,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL
);
CREATE INDEX fulltext_reports_project ON fulltext_reports(project_id, status);

-- Several reports (records) of one study.
CREATE TABLE studies (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE study_reports (
  record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE
);
CREATE INDEX study_reports_study ON study_reports(study_id);
