import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../../server/db/connection';
import { backupDatabase } from '../../../server/services/backup';
import { seedProject } from '../../support/db';
import { sift, tempDir } from '../pipeline/cli-support';

const NOW = '2026-01-01T00:00:00.000Z';
const RAW = JSON.stringify([['AB', 'x'.repeat(1500)]]);

/** One "import": a source and its records in one transaction, so record_count must match. */
function writeSource(db: Db, projectId: number, records: number): void {
  db.transaction(() => {
    const sourceId = Number(
      db
        .prepare(
          `INSERT INTO sources (project_id, name, kind, record_count, imported_at) VALUES (?, 'burst', 'database', ?, ?)`,
        )
        .run(projectId, records, NOW).lastInsertRowid,
    );
    const insert = db.prepare(
      `INSERT INTO records (project_id, source_id, position, title, raw_json, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 1; i <= records; i++) insert.run(projectId, sourceId, i, `Record ${i}`, RAW, NOW);
  })();
}

function inconsistentSources(db: Database.Database): unknown[] {
  return db
    .prepare(
      `SELECT s.id, s.record_count, (SELECT COUNT(*) FROM records r WHERE r.source_id = s.id) AS n
       FROM sources s WHERE n != s.record_count`,
    )
    .all();
}

describe('sift backup', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies a database that another connection keeps writing to, into a consistent snapshot', async () => {
    const file = path.join(dir, 'live.db');
    const writer = openDatabase(file);
    const projectId = seedProject(writer);
    for (let i = 0; i < 40; i++) writeSource(writer, projectId, 25);

    // The "server": a second connection writing whole imports between the backup's steps.
    let writes = 0;
    let writing = true;
    const loop = (): void => {
      if (!writing || writes >= 2000) return;
      writeSource(writer, projectId, 25);
      writes += 1;
      setImmediate(loop);
    };
    const reader = openDatabase(file);
    setImmediate(loop);
    const out = path.join(dir, 'copy.db');
    let result;
    let writesDuringBackup;
    try {
      result = await backupDatabase(reader, out, { pagesPerStep: 8 });
      writesDuringBackup = writes;
    } finally {
      writing = false;
      reader.close();
      writer.close();
    }

    // several steps, with whole imports written between them (each restarted the copy)
    expect(result!.steps).toBeGreaterThanOrEqual(2);
    expect(writesDuringBackup).toBeGreaterThan(0);
    const copy = new Database(out, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(inconsistentSources(copy)).toEqual([]);
      const sources = (copy.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number }).n;
      expect(sources).toBeGreaterThanOrEqual(40);
      expect(sources).toBeLessThanOrEqual(40 + writesDuringBackup!);
      expect(fs.existsSync(`${out}.partial`)).toBe(false);
    } finally {
      copy.close();
    }
  });

  it('runs from the CLI, refuses to overwrite without --force and never creates a missing database', async () => {
    const file = path.join(dir, 'review.db');
    const db = openDatabase(file);
    writeSource(db, seedProject(db), 3);
    db.close();
    const out = path.join(dir, 'backup.db');
    const first = await sift(['backup', '--db', file, '--out', out]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/integrity ok/);
    const restored = openDatabase(out);
    expect(restored.prepare('SELECT COUNT(*) AS n FROM records').get()).toEqual({ n: 3 });
    restored.close();

    const again = await sift(['backup', '--db', file, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect((await sift(['backup', '--db', file, '--out', out, '--force'])).code).toBe(0);

    const missing = await sift([
      'backup',
      '--db',
      path.join(dir, 'nope.db'),
      '--out',
      path.join(dir, 'x.db'),
    ]);
    expect(missing.code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'nope.db'))).toBe(false);
  });
});
