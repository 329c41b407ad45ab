import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS_DIR, openDatabase } from '../../../server/db/connection';
import { hasColumn } from '../../../server/db/repos/screening';
import * as screening from '../../../server/services/screening';
import { seedScreeningProject } from '../../support/screening';

/**
 * Screening reads records.duplicate_of when deduplication's migration has added it and
 * must work without it (a database built by the migrations without that column).
 */
describe('screening without the duplicate_of column', () => {
  it('queues, decides and counts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-migrations-'));
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .filter((f) => !fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8').includes('duplicate_of'));
    files.forEach((f, i) =>
      fs.copyFileSync(
        path.join(MIGRATIONS_DIR, f),
        path.join(dir, `${String(i + 1).padStart(4, '0')}${f.slice(4)}`),
      ),
    );
    const db = openDatabase(':memory:', { migrationsDir: dir });
    expect(hasColumn(db, 'records', 'duplicate_of')).toBe(false);
    const p = seedScreeningProject(db, 3);
    const deps = { db, clock: () => new Date('2026-01-01T00:00:00Z') };
    screening.decide(deps, p.projectId, p.alice, {
      recordId: p.recordIds[0]!,
      stage: 'title_abstract',
      decision: 'include',
    });
    screening.decide(deps, p.projectId, p.bob, {
      recordId: p.recordIds[0]!,
      stage: 'title_abstract',
      decision: 'include',
    });
    expect(screening.queue(db, p.projectId, p.alice, 'title_abstract')).toMatchObject({ remaining: 2 });
    expect(screening.screeningStatus(db, p.projectId).titleAbstract).toMatchObject({
      total: 3,
      included: 1,
      awaiting: 2,
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
