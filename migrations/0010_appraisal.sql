-- Critical appraisal of the included studies (issue 20). A study is appraised under the lowest
-- id of its included reports, as it is coded (several reports grouped as one study are
-- appraised once); record_id below is that report. Each appraiser's answers are theirs alone
-- (blind until both finished the study, or the owner unblinds appraisal); the owner's consensus
-- is kept apart, with who decided it and when. The tool itself is data: a shipped tool lives in
-- the code (server/domain/appraisal/tools/), a project's own tool in appraisal_tools.

-- A project's own tools (made in the browser or imported as JSON), one row per tool id.
CREATE TABLE appraisal_tools (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  tool_key TEXT NOT NULL,
  tool_json TEXT NOT NULL,
  updated_by INTEGER,
  updated_at TEXT NOT NULL,
  UNIQUE (project_id, tool_key)
);

-- One appraiser on one study: the design they appraise it as (when the extraction form holds
-- none) and when they marked it done (NULL while they work on it).
CREATE TABLE appraisals (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  design TEXT,
  done_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (record_id, user_id)
);
CREATE INDEX appraisals_project ON appraisals(project_id);

-- An appraiser's answer to one criterion, with its justification and, optionally, a quote and its page.
CREATE TABLE appraisal_answers (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  criterion TEXT NOT NULL,
  answer TEXT NOT NULL,
  justification TEXT NOT NULL,
  quote TEXT,
  page TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (record_id, user_id, criterion)
);
CREATE INDEX appraisal_answers_project ON appraisal_answers(project_id);

-- The owner's reconciled design of a study (when the extraction form holds none).
CREATE TABLE appraisal_consensus (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  design TEXT,
  decided_by INTEGER NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX appraisal_consensus_project ON appraisal_consensus(project_id);

-- The owner's reconciled answer to one criterion: an appraiser's (from_user_id) or their own (NULL).
CREATE TABLE appraisal_consensus_answers (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  criterion TEXT NOT NULL,
  answer TEXT NOT NULL,
  justification TEXT NOT NULL,
  quote TEXT,
  page TEXT,
  from_user_id INTEGER,
  decided_by INTEGER NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (record_id, criterion)
);
CREATE INDEX appraisal_consensus_answers_project ON appraisal_consensus_answers(project_id);
