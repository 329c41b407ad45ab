import { openDatabase, type Db } from '../../server/db/connection';
import { createProject } from '../../server/db/repos/projects';
import { insertRecords } from '../../server/db/repos/records';
import { insertSource } from '../../server/db/repos/sources';
import { emptyRecord } from '../../server/domain/import/types';

/** A fresh, fully migrated in-memory database: the real schema, never a mock. */
export function openTestDb(): Db {
  return openDatabase(':memory:');
}

const NOW = new Date('2026-01-01T00:00:00.000Z');

/**
 * Builders over the real repository writers (never a copy of their INSERTs), so a test
 * database holds exactly what the application would have written.
 */

/** Creates a project (for tests of layers below the projects service) and returns its id. */
export function seedProject(db: Db, name = 'Test review'): number {
  return createProject(db, { name }, NOW).id;
}

export interface SeedSourceOptions {
  name?: string;
  kind?: 'database' | 'register' | 'other';
}

/** Creates a source (one search) for a project and returns its id. */
export function seedSource(db: Db, projectId: number, options: SeedSourceOptions = {}): number {
  return insertSource(db, {
    projectId,
    name: options.name ?? 'Scopus',
    kind: options.kind ?? 'database',
    searchDate: null,
    searchString: null,
    fileName: null,
    fileHash: null,
    format: null,
    encoding: null,
    recordCount: 0,
    warnings: [],
    importedAt: NOW.toISOString(),
  }).id;
}

export interface SeedRecord {
  title?: string | null;
  authors?: string[];
  year?: number | null;
  journal?: string | null;
  volume?: string | null;
  issue?: string | null;
  pages?: string | null;
  doi?: string | null;
  pmid?: string | null;
  abstract?: string | null;
  keywords?: string[];
  sourceRecordId?: string | null;
}

/** Stores records in one source (in order) through the import's writer and returns their ids. */
export function seedRecords(db: Db, projectId: number, sourceId: number, records: SeedRecord[]): number[] {
  const bibRecords = records.map(({ sourceRecordId, ...fields }) => {
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    return { ...emptyRecord(), ...given, sourceId: sourceRecordId ?? null };
  });
  return insertRecords(db, projectId, sourceId, bibRecords, NOW);
}
