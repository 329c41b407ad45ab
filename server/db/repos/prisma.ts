import type { Db } from '../connection';
import type { SourceKind } from '../../domain/prisma/types';

export interface SourceWithRecords {
  id: number;
  name: string;
  kind: SourceKind;
  recordIds: number[];
}

/** Every source of a project (in import order) with the ids of the records it returned. */
export function sourcesWithRecordIds(db: Db, projectId: number): SourceWithRecords[] {
  const sources = db
    .prepare('SELECT id, name, kind FROM sources WHERE project_id = ? ORDER BY id')
    .all(projectId) as Omit<SourceWithRecords, 'recordIds'>[];
  // One plucked query per source reads only the covering index records_source(source_id, id).
  const ids = db.prepare('SELECT id FROM records WHERE source_id = ? ORDER BY id').pluck();
  return sources.map((source) => ({ ...source, recordIds: ids.all(source.id) as number[] }));
}

export interface ProjectRef {
  id: number;
  name: string;
}

export function listProjects(db: Db): ProjectRef[] {
  return db.prepare('SELECT id, name FROM projects ORDER BY id').all() as ProjectRef[];
}

export function projectById(db: Db, projectId: number): ProjectRef | undefined {
  return db.prepare('SELECT id, name FROM projects WHERE id = ?').get(projectId) as ProjectRef | undefined;
}

export interface DrillDownRecord {
  id: number;
  sourceId: number;
  sourceName: string;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
}

/** The records with the given ids that belong to the project, in the order of `ids`. */
export function recordsByIds(db: Db, projectId: number, ids: readonly number[]): DrillDownRecord[] {
  if (ids.length === 0) return [];
  // json_each keeps the statement parameterised whatever the number of ids.
  const rows = db
    .prepare(
      `SELECT r.id, r.source_id AS sourceId, s.name AS sourceName, r.title, r.authors_json AS authorsJson,
              r.year, r.journal, r.doi, r.pmid, j.key AS position
         FROM json_each(?) j
         JOIN records r ON r.id = j.value AND r.project_id = ?
         JOIN sources s ON s.id = r.source_id
        ORDER BY j.key`,
    )
    .all(JSON.stringify(ids), projectId) as (Omit<DrillDownRecord, 'authors'> & { authorsJson: string; position: number })[];
  return rows.map(({ authorsJson, position: _position, ...row }) => ({ ...row, authors: JSON.parse(authorsJson) as string[] }));
}
