import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../../server/db/connection';
import { schemaTables } from '../../../server/db/repos/archive';
import { findProjectByName } from '../../../server/db/repos/projects';
import { verifyPassword } from '../../../server/domain/auth/password-hash';
import {
  ARCHIVED_TABLES,
  exportArchive,
  importArchive,
  SKIPPED_TABLES,
  type ProjectArchive,
} from '../../../server/services/archive';
import { buildDemo, DEMO_PROJECT } from '../../../server/services/demo';
import { retrainProject, screeningDecisions } from '../../../server/services/ranking';
import { prismaJson } from '../../../server/services/prisma-export';
import { projectPrisma } from '../../../server/services/prisma';
import { createApp } from '../../../server/app';
import { addMember, createUser, loginAgent } from '../../support/auth';
import { sift, tempDir } from '../../support/cli';

const clock = () => new Date('2026-06-01T00:00:00Z');

function readArchive(file: string): ProjectArchive {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ProjectArchive;
}

/** What a reader of the review sees, from the three outputs the issue names. */
async function views(dbFile: string, db: Db, projectName: string) {
  const project = findProjectByName(db, projectName)!;
  const prisma = prismaJson(projectPrisma(db, project.id));
  const synthesis = await sift(['synthesis', '--db', dbFile, '--project', projectName, '--json']);
  const status = await sift(['screening', 'status', '--db', dbFile, '--project', projectName, '--json']);
  expect(synthesis.code).toBe(0);
  expect(status.code).toBe(0);
  return {
    // Both databases are fresh, so the record ids in the trace line up too.
    prisma: JSON.parse(JSON.stringify(prisma)) as unknown,
    synthesis: JSON.parse(synthesis.stdout) as unknown,
    status: JSON.parse(status.stdout) as unknown,
  };
}

describe('whole-project archive', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips the demo review into a fresh database with nothing changed', async () => {
    const first = path.join(dir, 'first.db');
    const second = path.join(dir, 'second.db');
    const db1 = openDatabase(first);
    buildDemo({ db: db1, clock });
    db1.close();

    const out1 = path.join(dir, 'a1.json');
    const exported = await sift(['archive', 'export', '--db', first, '--out', out1]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const imported = await sift(['archive', 'import', '--db', second, out1]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/created locked accounts/);
    const out2 = path.join(dir, 'a2.json');
    expect((await sift(['archive', 'export', '--db', second, '--out', out2])).code).toBe(0);

    const a1 = readArchive(out1);
    const a2 = readArchive(out2);
    // The archive is not trivially small: every kind of data the demo makes is in it.
    for (const table of [
      'sources',
      'records',
      'dedup_clusters',
      'dedup_decisions',
      'screening_events',
      'screening_state',
      'fulltext_reports',
      'codes',
      'code_applications',
      'extraction_values',
    ]) {
      expect(a1.tables[table]!.length).toBeGreaterThan(0);
    }
    expect(a1.members.length).toBeGreaterThan(0);
    // Archive ids are positions, so the two archives are equal except for when they were made.
    expect({ ...a2, exportedAt: '' }).toEqual({ ...a1, exportedAt: '' });

    const db1r = openDatabase(first);
    const db2 = openDatabase(second);
    try {
      expect(await views(second, db2, DEMO_PROJECT.name)).toEqual(
        await views(first, db1r, DEMO_PROJECT.name),
      );
      // Raw fields are byte-identical, not only equal once parsed.
      const raw = (db: Db) =>
        db.prepare('SELECT raw_json, authors_json FROM records ORDER BY id').all() as unknown[];
      expect(raw(db2)).toEqual(raw(db1r));
      // Accounts the import had to create cannot log in.
      const locked = db2.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
      for (const u of locked)
        expect(await verifyPassword('correct horse battery staple', u.password_hash)).toBe(false);
      expect(db2.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db2.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db1r.close();
      db2.close();
    }
  });

  it('imports next to the original under a new name, and refuses a taken name without a change', () => {
    const db = openDatabase(':memory:');
    const { projectId } = buildDemo({ db, clock });
    // The demo has no ranking model; train one so its scores travel too.
    expect(retrainProject({ db, clock }, projectId, screeningDecisions).trained).toBe(true);
    const archive = exportArchive({ db, clock }, projectId);
    expect(archive.tables.ranking_models).toHaveLength(1);
    expect(archive.tables.ranking_scores!.length).toBeGreaterThan(0);
    const tablesBefore = JSON.stringify(exportArchive({ db, clock }, projectId));
    expect(() => importArchive({ db, clock }, { archive })).toThrow(/already exists/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM projects').get()).toEqual({ n: 1 });
    const copy = importArchive({ db, clock }, { archive, name: 'Copy' });
    expect(copy.createdUsers).toEqual([]);
    const again = exportArchive({ db, clock }, copy.project.id);
    expect({ ...again, project: { ...again.project, name: DEMO_PROJECT.name } }).toEqual(archive);
    expect(JSON.stringify(exportArchive({ db, clock }, projectId))).toBe(tablesBefore);
    db.close();
  });

  it('refuses a broken archive in one piece', () => {
    const db = openDatabase(':memory:');
    const { projectId } = buildDemo({ db, clock });
    const archive = exportArchive({ db, clock }, projectId);
    const target = openDatabase(':memory:');
    expect(() => importArchive({ db: target, clock }, { archive: { ...archive, format: 'other' } })).toThrow(
      /not a Sift project archive/,
    );
    expect(() => importArchive({ db: target, clock }, { archive: { ...archive, version: 99 } })).toThrow(
      /version 99/,
    );
    // A decision pointing at a record that is not in the archive: nothing at all is kept.
    const broken = structuredClone(archive);
    broken.tables.screening_events![0]!.record_id = 999999;
    expect(() => importArchive({ db: target, clock }, { archive: broken })).toThrow(/records row 999999/);
    expect(
      target
        .prepare(
          'SELECT (SELECT COUNT(*) FROM projects) + (SELECT COUNT(*) FROM records) + (SELECT COUNT(*) FROM users) AS n',
        )
        .get(),
    ).toEqual({ n: 0 });
    db.close();
    target.close();
  });

  it('archives every table of the schema or names why not', () => {
    const db = openDatabase(':memory:');
    const covered = new Set([...ARCHIVED_TABLES.map((t) => t.table), ...Object.keys(SKIPPED_TABLES)]);
    expect(schemaTables(db).filter((t) => !covered.has(t))).toEqual([]);
    db.close();
  });

  it('serves GET /api/projects/:id/archive.json to owners only', async () => {
    const db = openDatabase(':memory:');
    const { projectId } = buildDemo({ db, clock });
    const app = createApp({ db, clock });
    createUser(db, 'owner1');
    createUser(db, 'reviewer1');
    addMember(
      db,
      projectId,
      db.prepare('SELECT id FROM users WHERE username = ?').pluck().get('owner1') as number,
      'owner',
    );
    addMember(
      db,
      projectId,
      db.prepare('SELECT id FROM users WHERE username = ?').pluck().get('reviewer1') as number,
      'reviewer',
    );
    const owner = await loginAgent(app, 'owner1');
    const res = await owner.agent.get(`/api/projects/${projectId}/archive.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="?project-\d+-archive\.json"?$/,
    );
    expect({ ...res.body, exportedAt: '' }).toEqual({
      ...exportArchive({ db, clock }, projectId),
      exportedAt: '',
    });
    const reviewer = await loginAgent(app, 'reviewer1');
    expect((await reviewer.agent.get(`/api/projects/${projectId}/archive.json`)).status).toBe(403);
    db.close();
  });
});
