-- Blind dual coding with consensus (issue 13): each coder marks a study done; coders see each
-- other's work on a study once both finished it (or the owner unblinds coding); the owner then
-- reconciles their codes and extraction values into the consensus coding that synthesis counts.
-- A study is coded under the lowest id of its included reports (several reports grouped as one
-- study are coded once); record_id below is that report.

CREATE TABLE coding_done (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  done_at TEXT NOT NULL,
  PRIMARY KEY (record_id, user_id)
);
CREATE INDEX coding_done_project ON coding_done(project_id);

-- The owner's reconciled codes: accepted from a coder's application (kept as from_application_id,
-- possibly edited) or written by the owner. Removal sets removed_at, so the record stays auditable.
CREATE TABLE consensus_applications (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  excerpt TEXT NOT NULL DEFAULT '',
  page TEXT,
  note TEXT NOT NULL DEFAULT '',
  from_application_id INTEGER REFERENCES code_applications(id) ON DELETE SET NULL,
  decided_by INTEGER NOT NULL,
  decided_at TEXT NOT NULL,
  removed_by INTEGER,
  removed_at TEXT
);
CREATE INDEX consensus_applications_project ON consensus_applications(project_id, record_id) WHERE removed_at IS NULL;

-- The owner's reconciled extraction value per study and field; from_user_id is the coder whose
-- value was accepted (NULL when the owner wrote it).
CREATE TABLE consensus_values (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  field_id INTEGER NOT NULL REFERENCES extraction_fields(id) ON DELETE CASCADE,
  value_json TEXT NOT NULL,
  from_user_id INTEGER,
  decided_by INTEGER NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (record_id, field_id)
);

-- Projects coded before this migration keep what they had: one coder per study, coders seeing
-- each other's work, synthesis counting every coder's codes.
UPDATE projects
   SET settings_json = json_set(settings_json, '$.coding', json('{"codersRequired":1,"blind":false,"unblinded":false}'))
 WHERE json_valid(settings_json)
   AND json_type(settings_json, '$.coding') IS NULL
   AND id IN (SELECT project_id FROM code_applications UNION SELECT project_id FROM extraction_values);
