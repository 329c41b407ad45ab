import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { openDatabase, type Db } from '../../../server/db/connection';
import { ValidationError } from '../../../server/domain/errors';
import { readSection, updateSection } from '../../../server/services/project-settings';
import { getSettings, updateSettings } from '../../../server/services/screening';
import { authHeader, bearer, createMember } from '../../support/auth';
import { tempDir } from '../../support/cli';
import { openTestDb, seedProject } from '../../support/db';
import { counterSection } from '../../support/settings';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CHILD = path.join(ROOT, 'tests', 'support', 'settings-child.ts');
const clock = () => new Date('2026-02-03T04:05:06Z');

const stored = (db: Db, projectId: number) =>
  (db.prepare('SELECT settings_json FROM projects WHERE id = ?').get(projectId) as { settings_json: string })
    .settings_json;

/** Runs settings-child.ts to completion; rejects when it fails. */
function child(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-r', 'tsx/cjs', CHILD, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) =>
      code === 0 && out === 'done\n' ? resolve() : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });
}

describe('project settings: named sections, one update style', () => {
  it('each area writes its own section and leaves the others as they are', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const ownerId = createMember(db, projectId, 'owner', 'owner');
    const owner = { userId: ownerId, role: 'owner' as const };
    const app = createApp({ db, clock });
    const auth = authHeader(bearer(db, 'owner'));
    updateSettings({ db, clock }, projectId, owner, { eligibilityCriteria: 'Adults only' });
    await request(app)
      .put(`/api/projects/${projectId}/prisma/settings`)
      .set(...auth)
      .send({ previousStudies: 3 })
      .expect(200);
    await request(app)
      .put(`/api/projects/${projectId}/ranking/settings`)
      .set(...auth)
      .send({ keywords: ['badge'] })
      .expect(200);
    await request(app)
      .post(`/api/projects/${projectId}/screening/full_text/unblind`)
      .set(...auth)
      .expect(200);
    const all = JSON.parse(stored(db, projectId)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(all).sort()).toEqual(['prioritisation', 'prisma', 'screening']);
    expect(all.screening).toMatchObject({ eligibilityCriteria: 'Adults only' });
    expect(getSettings(db, projectId).stages.full_text.unblinded).toBe(true);
    expect(all.prisma).toEqual({ previousStudies: 3 });
    expect(all.prioritisation).toMatchObject({ keywords: ['badge'], enabled: false });
  });

  it('two processes updating two sections at once keep every update of both', async () => {
    const dir = tempDir('sift-settings-');
    try {
      const dbFile = path.join(dir, 'review.sqlite');
      const db = openDatabase(dbFile);
      const projectId = seedProject(db);
      const times = 150;
      await Promise.all([
        child(dbFile, String(projectId), 'left', String(times)),
        child(dbFile, String(projectId), 'right', String(times)),
      ]);
      expect(readSection(db, projectId, counterSection('left'))).toBe(times);
      expect(readSection(db, projectId, counterSection('right'))).toBe(times);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('while one update is between its read and its write, no other connection can write settings', () => {
    const dir = tempDir('sift-settings-');
    try {
      const dbFile = path.join(dir, 'review.sqlite');
      const first = openDatabase(dbFile);
      const second = openDatabase(dbFile);
      second.pragma('busy_timeout = 0');
      const projectId = seedProject(first);
      const left = counterSection('left');
      const right = counterSection('right');
      updateSection(first, projectId, left, (n) => {
        expect(() => updateSection(second, projectId, right, (m) => m + 1)).toThrow(/locked|busy/i);
        return n + 1;
      });
      updateSection(second, projectId, right, (m) => m + 1);
      expect([readSection(first, projectId, left), readSection(first, projectId, right)]).toEqual([1, 1]);
      first.close();
      second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a section's domain refusing a change leaves the database as it was", () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const owner = { userId: createMember(db, projectId, 'owner', 'owner'), role: 'owner' as const };
    updateSettings({ db, clock }, projectId, owner, { eligibilityCriteria: 'Adults only' });
    const before = stored(db, projectId);
    expect(() =>
      updateSettings({ db, clock }, projectId, owner, {
        eligibilityCriteria: 'Children',
        stages: { full_text: { reasonRequired: false } },
      }),
    ).toThrow(ValidationError);
    expect(() =>
      updateSection(db, projectId, counterSection('left'), () => {
        throw new ValidationError('refused');
      }),
    ).toThrow('refused');
    expect(stored(db, projectId)).toBe(before);
  });

  describe('an unreadable settings_json', () => {
    let warn: jest.SpyInstance;
    beforeEach(() => {
      warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => warn.mockRestore());

    it('reads as defaults in every area (logged, never a 500) and the next write repairs it', async () => {
      const db = openTestDb();
      const projectId = seedProject(db);
      createMember(db, projectId, 'owner', 'owner');
      const app = createApp({ db, clock });
      const auth = authHeader(bearer(db, 'owner'));
      db.prepare(`UPDATE projects SET settings_json = '{oops' WHERE id = ?`).run(projectId);
      const get = (suffix: string) =>
        request(app)
          .get(`/api/projects/${projectId}${suffix}`)
          .set(...auth);
      expect((await get('/settings').expect(200)).body.stages.title_abstract.reviewersRequired).toBe(2);
      expect((await get('/prisma/settings').expect(200)).body).toEqual({});
      expect((await get('/ranking').expect(200)).body.settings).toEqual({
        enabled: false,
        keywords: [],
        model: 'sift', // the default model since issue 18
      });
      await get('').expect(200);
      expect(warn).toHaveBeenCalledWith(
        `projects.settings_json of project ${projectId} is not a JSON object; read as {}`,
      );
      await request(app)
        .put(`/api/projects/${projectId}/prisma/settings`)
        .set(...auth)
        .send({ previousReports: 2 })
        .expect(200);
      expect(JSON.parse(stored(db, projectId))).toEqual({ prisma: { previousReports: 2 } });
    });
  });
});
