-- Projects, the searches that fed them (sources) and the records those searches returned.

CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  settings_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);

-- One source per search (or per file of one search): the PRISMA identification box counts these.
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('database', 'register', 'other')),
  search_date TEXT,
  search_string TEXT,
  file_name TEXT,
  file_hash TEXT,
  format TEXT,
  encoding TEXT,
  record_count INTEGER NOT NULL DEFAULT 0,
  warnings_json TEXT NOT NULL DEFAULT '[]',
  imported_at TEXT NOT NULL
);
CREATE INDEX sources_project ON sources(project_id);
CREATE INDEX sources_hash ON sources(project_id, file_hash);

CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  -- 1-based position of the record in its file
  position INTEGER NOT NULL,
  -- the identifier the record had in its file (RIS ID/AN, BibTeX key, PMID, WoS UT, CSV id)
  source_record_id TEXT,
  type TEXT,
  title TEXT,
  authors_json TEXT NOT NULL DEFAULT '[]',
  year INTEGER,
  journal TEXT,
  volume TEXT,
  issue TEXT,
  pages TEXT,
  doi TEXT,
  pmid TEXT,
  isbn TEXT,
  issn TEXT,
  abstract TEXT,
  keywords_json TEXT NOT NULL DEFAULT '[]',
  language TEXT,
  url TEXT,
  -- every tagged field exactly as imported: [[tag, value], ...]
  raw_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);
CREATE INDEX records_project ON records(project_id, id);
CREATE INDEX records_source ON records(source_id);
CREATE INDEX records_doi ON records(project_id, doi);
CREATE INDEX records_pmid ON records(project_id, pmid);
