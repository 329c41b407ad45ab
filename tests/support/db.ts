import { openDatabase, type Db } from '../../server/db/connection';

/** A fresh, fully migrated in-memory database: the real schema, never a mock. */
export function openTestDb(): Db {
  return openDatabase(':memory:');
}

const NOW = '2026-01-01T00:00:00.000Z';

/** Inserts a project row directly (for tests of layers below the projects repository). */
export function seedProject(db: Db, name = 'Test review'): number {
  return Number(db.prepare('INSERT INTO projects (name, created_at) VALUES (?, ?)').run(name, NOW).lastInsertRowid);
}

export interface SeedSourceOptions {
  name?: string;
  kind?: 'database' | 'register' | 'other';
}

/** Inserts a source (one search) for a project and returns its id. */
export function seedSource(db: Db, projectId: number, options: SeedSourceOptions = {}): number {
  const info = db
    .prepare('INSERT INTO sources (project_id, name, kind, imported_at) VALUES (?, ?, ?, ?)')
    .run(projectId, options.name ?? 'Scopus', options.kind ?? 'database', NOW);
  return Number(info.lastInsertRowid);
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

/** Inserts records into one source (in order) and returns their ids. */
export function seedRecords(db: Db, projectId: number, sourceId: number, records: SeedRecord[]): number[] {
  const insert = db.prepare(
    `INSERT INTO records (project_id, source_id, position, source_record_id, title, authors_json, year, journal,
       volume, issue, pages, doi, pmid, abstract, keywords_json, raw_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)`,
  );
  const ids: number[] = [];
  db.transaction(() => {
    records.forEach((r, i) => {
      const info = insert.run(
        projectId,
        sourceId,
        i + 1,
        r.sourceRecordId ?? null,
        r.title ?? null,
        JSON.stringify(r.authors ?? []),
        r.year ?? null,
        r.journal ?? null,
        r.volume ?? null,
        r.issue ?? null,
        r.pages ?? null,
        r.doi ?? null,
        r.pmid ?? null,
        r.abstract ?? null,
        JSON.stringify(r.keywords ?? []),
        NOW,
      );
      ids.push(Number(info.lastInsertRowid));
    });
  })();
  return ids;
}
