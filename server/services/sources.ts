import type { Db } from '../db/connection';
import { requireProjectExists } from '../db/repos/projects';
import { countRecordsBySource } from '../db/repos/records';
import { listSources, type Source } from '../db/repos/sources';

/** A project's sources (searches and their files), each with the records it holds now. */
export function sourcesWithCounts(db: Db, projectId: number): { source: Source; records: number }[] {
  requireProjectExists(db, projectId);
  const counts = countRecordsBySource(db, projectId);
  return listSources(db, projectId).map((source) => ({ source, records: counts.get(source.id) ?? 0 }));
}
