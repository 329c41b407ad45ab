-- Prioritised screening: the latest relevance score of every record, and one row per project
-- describing the model that wrote them. Scores are replaced wholesale on each retrain.

CREATE TABLE ranking_scores (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  -- predicted probability of inclusion, 0..1
  score REAL NOT NULL,
  model_version TEXT NOT NULL,
  trained_at TEXT NOT NULL,
  PRIMARY KEY (project_id, record_id)
);
CREATE INDEX ranking_scores_order ON ranking_scores(project_id, score DESC);

CREATE TABLE ranking_models (
  project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  model_version TEXT NOT NULL,
  trained_at TEXT NOT NULL,
  includes INTEGER NOT NULL,
  excludes INTEGER NOT NULL,
  records INTEGER NOT NULL,
  duration_ms REAL NOT NULL
);
