-- Deduplication: clusters of records that report the same work, the evidence that joined them,
-- and an append-only log of every decision (automatic or a reviewer's), so any merge can be undone.
-- Nothing is deleted: a duplicate keeps its row, its source and its raw fields; it only points
-- at the record it was merged into.

ALTER TABLE records ADD COLUMN duplicate_of INTEGER REFERENCES records(id);
CREATE INDEX records_duplicate_of ON records(project_id, duplicate_of);

-- One row per `sift dedup` / POST dedup/run; max_record_id marks which records it has seen,
-- so the next run compares only newer records (against all earlier ones).
CREATE TABLE dedup_runs (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  max_record_id INTEGER NOT NULL,
  new_records INTEGER NOT NULL,
  comparisons INTEGER NOT NULL,
  merged_records INTEGER NOT NULL,
  review_clusters INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  ran_at TEXT NOT NULL
);
CREATE INDEX dedup_runs_project ON dedup_runs(project_id, id);

-- status: merged (members point at the primary), review (waits for a reviewer),
-- not-duplicate (a reviewer kept them apart), related (preprint and published version: linked, never merged),
-- absorbed (folded into a larger cluster by a reviewer's merge; comes back on undo).
CREATE TABLE dedup_clusters (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('merged', 'review', 'not-duplicate', 'related', 'absorbed')),
  primary_record_id INTEGER REFERENCES records(id),
  rule TEXT NOT NULL,
  score REAL NOT NULL,
  -- [{a, b, outcome, rule, score, similarities}] for every compared pair inside the cluster
  evidence_json TEXT NOT NULL DEFAULT '[]',
  run_id INTEGER REFERENCES dedup_runs(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX dedup_clusters_project ON dedup_clusters(project_id, status);

CREATE TABLE dedup_cluster_members (
  cluster_id INTEGER NOT NULL REFERENCES dedup_clusters(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  PRIMARY KEY (cluster_id, record_id)
);
CREATE INDEX dedup_cluster_members_record ON dedup_cluster_members(record_id);

-- Append-only. before_json is what the decision changed, as it was before
-- ({clusters: [{id, status, primaryRecordId, memberIds}], duplicateOf: [[recordId, value]]}),
-- so undo restores it exactly; undone_by points at the undo that reversed this row.
CREATE TABLE dedup_decisions (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  cluster_id INTEGER NOT NULL REFERENCES dedup_clusters(id) ON DELETE CASCADE,
  decision TEXT NOT NULL CHECK (decision IN ('auto-merge', 'merge', 'not-duplicate', 'undo')),
  primary_record_id INTEGER REFERENCES records(id),
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  before_json TEXT NOT NULL,
  undone_by INTEGER REFERENCES dedup_decisions(id),
  decided_at TEXT NOT NULL
);
CREATE INDEX dedup_decisions_cluster ON dedup_decisions(cluster_id, id);
