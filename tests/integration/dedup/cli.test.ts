import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../server/db/connection';
import { sift, tempDir } from '../../support/cli';
import { seedProject, seedRecords, seedSource } from '../../support/db';

const WORK = {
  title: 'Intrapleural tissue plasminogen activator and DNase in pleural infection',
  authors: ['Rahman, N. M.', 'Maskell, N. A.'],
  year: 2011,
  journal: 'New England Journal of Medicine',
  volume: '365',
  pages: '518-526',
};

describe('sift dedup', () => {
  let dir: string;
  let dbFile: string;
  beforeEach(() => {
    dir = tempDir('sift-dedup-cli-');
    dbFile = path.join(dir, 'review.sqlite');
    const db = openDatabase(dbFile);
    const projectId = seedProject(db, 'Pleural infection');
    const source = seedSource(db, projectId);
    seedRecords(db, projectId, source, [
      WORK,
      { ...WORK, journal: 'N Engl J Med' },
      { ...WORK, volume: null, pages: '2205-2210' },
      { title: 'Talc pleurodesis in malignant effusion', year: 2005 },
    ]);
    db.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--json prints exactly {records, duplicates, clusters, review}', async () => {
    const result = await sift(['dedup', '--db', dbFile, '--project', 'Pleural infection', '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['records', 'duplicates', 'clusters', 'review']);
    expect(parsed).toEqual({ records: 4, duplicates: 1, clusters: 1, review: 1 });
    expect(result.stdout.endsWith('}\n')).toBe(true);
  });

  it('uses the only project when --project is left out, and is idempotent', async () => {
    await sift(['dedup', '--db', dbFile]);
    const again = await sift(['dedup', '--db', dbFile, '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ records: 4, duplicates: 1, clusters: 1, review: 1 });
    const db = openDatabase(dbFile);
    const pointers = db.prepare('SELECT COUNT(*) AS n FROM records WHERE duplicate_of IS NOT NULL').get();
    db.close();
    expect(pointers).toEqual({ n: 1 });
  });

  it('prints a readable summary without --json', async () => {
    const result = await sift(['dedup', '--db', dbFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /4 records: 1 duplicates merged into 1 clusters, 1 clusters waiting for a reviewer/,
    );
  });

  it('names the problem for a missing database, an unknown project or a missing flag', async () => {
    expect(await sift(['dedup', '--db', path.join(dir, 'nope.sqlite')])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no database at/),
    });
    expect(await sift(['dedup', '--db', dbFile, '--project', 'Other'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no project named "Other"/),
    });
    expect(await sift(['dedup'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--db is required/),
    });
  });
});
