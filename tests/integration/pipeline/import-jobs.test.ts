import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { DEFAULT_IMPORT_BUDGET, type ImportBudget } from '../../../server/services/import-budget';
import { ImportPool } from '../../../server/services/import-pool';
import { addMember, authHeader, bearer, createMember } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';
import { FIXTURES } from './fixtures';

/**
 * Issue 15: uploads are read in worker threads within a budget. POST …/sources keeps answering
 * with the import's result; POST …/imports answers at once with a job the browser follows and
 * may cancel. A file over budget, and a cancelled import, are refused whole.
 */
const clock = () => new Date('2026-07-01T12:00:00Z');
const EMBASE = fs.readFileSync(path.join(FIXTURES, 'embase.ris'));

/** A large, valid RIS file: the Embase export repeated (6 records a copy). */
function bigRis(copies: number): Buffer {
  const text = EMBASE.toString('utf8').replace(/^\uFEFF/, '');
  return Buffer.from(Array.from({ length: copies }, () => text).join('\n'));
}

interface Setup {
  db: Db;
  app: ReturnType<typeof createApp>;
  projectId: number;
  ownerId: number;
  owner: [string, string];
  pool: ImportPool;
}

const pools: ImportPool[] = [];
afterAll(() => Promise.all(pools.map((pool) => pool.close())));

function setup(budget: Partial<ImportBudget> = {}): Setup {
  const db = openTestDb();
  const pool = new ImportPool({ ...DEFAULT_IMPORT_BUDGET, ...budget });
  pools.push(pool);
  const projectId = seedProject(db);
  const ownerId = createMember(db, projectId, 'owner', 'owner');
  return {
    db,
    app: createApp({ db, clock, imports: pool }),
    projectId,
    ownerId,
    owner: authHeader(bearer(db, 'owner')),
    pool,
  };
}

const count = (db: Db, table: 'sources' | 'records') =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

function upload(s: Setup, route: 'sources' | 'imports', file: Buffer, name = 'embase.ris') {
  return request(s.app)
    .post(`/api/projects/${s.projectId}/${route}`)
    .set(...s.owner)
    .field('name', 'Embase')
    .attach('files', file, name);
}

/** Polls a job until `done` says so (each poll is a real request; the worker runs meanwhile). */
async function pollJob(s: Setup, id: number, done: (job: { status: string; records: number }) => boolean) {
  for (;;) {
    const res = await request(s.app)
      .get(`/api/projects/${s.projectId}/imports/${id}`)
      .set(...s.owner)
      .expect(200);
    if (done(res.body.job)) return res.body.job;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const ended = (job: { status: string }) => ['done', 'failed', 'cancelled'].includes(job.status);

describe('import jobs', () => {
  it('POST …/imports answers 202 with a job that ends with what POST …/sources answers', async () => {
    const s = setup();
    const started = await upload(s, 'imports', EMBASE).expect(202);
    expect(started.headers.location).toBe(`/api/projects/${s.projectId}/imports/${started.body.job.id}`);
    expect(started.body.job).toMatchObject({
      status: 'waiting',
      files: [{ file: 'embase.ris', status: 'waiting', records: 0 }],
      result: null,
    });
    const job = await pollJob(s, started.body.job.id, ended);
    expect(job).toMatchObject({
      status: 'done',
      records: 6,
      files: [{ file: 'embase.ris', status: 'stored', records: 6 }],
      finishedAt: '2026-07-01T12:00:00.000Z',
      error: null,
      result: { records: 6, sources: [{ file: 'embase.ris', format: 'ris', records: 6 }] },
    });
    const other = setup();
    const direct = await upload(other, 'sources', EMBASE).expect(201);
    expect(job.result).toEqual(direct.body);
  });

  it('refuses an upload without a file at once (400); a file already imported fails its job with a conflict that says when, and `force` imports it again', async () => {
    const s = setup();
    await request(s.app)
      .post(`/api/projects/${s.projectId}/imports`)
      .set(...s.owner)
      .field('name', 'x')
      .expect(400);
    await upload(s, 'sources', EMBASE).expect(201);
    const started = await upload(s, 'imports', EMBASE, 'again.ris').expect(202);
    const job = await pollJob(s, started.body.job.id, ended);
    expect(job).toMatchObject({
      status: 'failed',
      error: {
        code: 'conflict',
        message: expect.stringMatching(/^again\.ris was already imported as source 1/),
        // what the browser needs to say it in its own words and to offer an import again
        details: {
          reason: 'already_imported',
          file: 'again.ris',
          sourceId: 1,
          sourceName: 'Embase',
          fileName: 'embase.ris',
          importedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        },
      },
    });
    expect(count(s.db, 'sources')).toBe(1);
    const forced = await upload(s, 'imports', EMBASE, 'again.ris').field('force', 'true').expect(202);
    expect(await pollJob(s, forced.body.job.id, ended)).toMatchObject({ status: 'done', error: null });
    expect(count(s.db, 'sources')).toBe(2);
  });

  it('cancels a job while its file is read: the worker stops, nothing is imported, a second cancel is 409', async () => {
    const s = setup();
    const started = await upload(s, 'imports', bigRis(4000), 'big.ris').expect(202);
    const id = started.body.job.id as number;
    await pollJob(s, id, (job) => job.status === 'reading' && job.records > 0);
    const cancelled = await request(s.app)
      .post(`/api/projects/${s.projectId}/imports/${id}/cancel`)
      .set(...s.owner)
      .expect(200);
    expect(cancelled.body.job.id).toBe(id);
    const job = await pollJob(s, id, ended);
    expect(job).toMatchObject({
      status: 'cancelled',
      result: null,
      error: { code: 'import_cancelled', message: 'big.ris: the import was cancelled; nothing was imported' },
    });
    expect([count(s.db, 'sources'), count(s.db, 'records')]).toEqual([0, 0]);
    await request(s.app)
      .post(`/api/projects/${s.projectId}/imports/${id}/cancel`)
      .set(...s.owner)
      .expect(409);
    // The pool replaced the terminated worker: the next import reads as usual.
    expect((await upload(s, 'sources', EMBASE).expect(201)).body.records).toBe(6);
  });

  it('answers 404 for an unknown job and for a job of another project', async () => {
    const s = setup();
    const started = await upload(s, 'imports', EMBASE).expect(202);
    await pollJob(s, started.body.job.id, ended);
    const other = seedProject(s.db, 'Other');
    addMember(s.db, other, s.ownerId, 'owner');
    await request(s.app)
      .get(`/api/projects/${s.projectId}/imports/999`)
      .set(...s.owner)
      .expect(404);
    await request(s.app)
      .get(`/api/projects/${other}/imports/${started.body.job.id}`)
      .set(...s.owner)
      .expect(404);
  });
});

describe('the import budget', () => {
  it('refuses a file that reads longer than the time limit, whole, with the limit and how to raise it', async () => {
    const s = setup({ timeMs: 5 });
    const res = await upload(s, 'sources', bigRis(4000), 'slow.ris').expect(422);
    expect(res.body.error).toEqual({
      code: 'import_over_budget',
      message:
        'slow.ris: reading the file took longer than the import time limit (0.005 s) and was stopped; nothing was imported. ' +
        'If this is a real export, raise the limit with --import-time-limit or SIFT_IMPORT_TIME_LIMIT.',
    });
    expect([count(s.db, 'sources'), count(s.db, 'records')]).toEqual([0, 0]);
  });

  it('refuses a file that needs more memory than the limit, and the next file reads as usual', async () => {
    const s = setup({ memoryMb: 64 });
    const rows = Array.from({ length: 300_000 }, (_, i) => `Title ${i},"${'word '.repeat(20)}${i}",2001`);
    const csv = Buffer.from(`Title,Abstract,Year\n${rows.join('\n')}\n`);
    const res = await upload(s, 'sources', csv, 'huge.csv').expect(422);
    expect(res.body.error.code).toBe('import_over_budget');
    expect(res.body.error.message).toMatch(
      /^huge\.csv: reading the file needed more memory than the import memory limit \(64 MB\)/,
    );
    expect([count(s.db, 'sources'), count(s.db, 'records')]).toEqual([0, 0]);
    expect((await upload(s, 'sources', EMBASE).expect(201)).body.records).toBe(6);
  });

  it('refuses a file with more records than the record limit, in a job too', async () => {
    const s = setup({ maxRecords: 5 });
    const started = await upload(s, 'imports', EMBASE).expect(202);
    const job = await pollJob(s, started.body.job.id, ended);
    expect(job).toMatchObject({
      status: 'failed',
      error: {
        code: 'import_over_budget',
        message: expect.stringMatching(
          /^embase\.ris: reading the file found more records than the import record limit \(5\)/,
        ),
      },
    });
    expect([count(s.db, 'sources'), count(s.db, 'records')]).toEqual([0, 0]);
  });

  it('reads several files at once up to the worker count, the others wait their turn', async () => {
    const s = setup({ workers: 1 });
    const first = upload(s, 'sources', bigRis(2000), 'first.ris');
    const second = upload(s, 'sources', EMBASE, 'second.ris');
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(count(s.db, 'sources')).toBe(2);
  });
});
