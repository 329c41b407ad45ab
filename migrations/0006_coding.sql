-- Coding of included studies: a hierarchical codebook, an extraction form, code applications
-- with excerpts, extracted values and a narrative summary per theme.

CREATE TABLE codes (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
  -- short stable key used in exports and by scripts (e.g. "ambitions.career")
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (project_id, code)
);
CREATE INDEX codes_project ON codes(project_id, position);

CREATE TABLE extraction_fields (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'number', 'single', 'multiple')),
  options_json TEXT NOT NULL DEFAULT '[]',
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (project_id, key)
);

-- One code applied to one study by one coder, with the passage that supports it.
-- Removal sets removed_at, so the coding history stays auditable.
CREATE TABLE code_applications (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  excerpt TEXT NOT NULL DEFAULT '',
  page TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  removed_at TEXT
);
CREATE INDEX code_applications_project ON code_applications(project_id, record_id) WHERE removed_at IS NULL;
CREATE INDEX code_applications_code ON code_applications(code_id) WHERE removed_at IS NULL;

CREATE TABLE extraction_values (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  field_id INTEGER NOT NULL REFERENCES extraction_fields(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (record_id, field_id, user_id)
);

CREATE TABLE theme_summaries (
  code_id INTEGER PRIMARY KEY REFERENCES codes(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  summary TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
