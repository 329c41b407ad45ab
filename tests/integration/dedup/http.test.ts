import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { createMember, createUser, loginAgent, type LoggedIn } from '../../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource } from '../../support/db';

const WORK = {
  title: 'Intrapleural tissue plasminogen activator and DNase in pleural infection',
  authors: ['Rahman, N. M.', 'Maskell, N. A.'],
  year: 2011,
  journal: 'New England Journal of Medicine',
  volume: '365',
  pages: '518-526',
};

interface ClusterBody {
  id: number;
  status: string;
  primaryRecordId: number | null;
  rule: string;
  score: number;
  evidence: {
    a: number;
    b: number;
    rule: string;
    score: number;
    similarities: Record<string, number | null>;
  }[];
  records: { id: number; title: string; sourceName: string }[];
  differingFields: string[];
  decisions: { decision: string; username: string | null; undone: boolean }[];
}

describe('dedup API', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let projectId: number;
  let owner: LoggedIn;
  let ids: number[];

  beforeEach(async () => {
    db = openTestDb();
    app = createApp({ db, clock: () => new Date('2026-02-01T10:00:00Z') });
    projectId = seedProject(db, 'Review A');
    createMember(db, projectId, 'owner', 'owner');
    createMember(db, projectId, 'alice', 'reviewer');
    createMember(db, projectId, 'victor', 'viewer');
    createUser(db, 'stranger');
    ids = seedRecords(db, projectId, seedSource(db, projectId), [
      WORK,
      { ...WORK, journal: 'N Engl J Med' },
      { ...WORK, volume: null, pages: '2205-2210' },
    ]);
    owner = await loginAgent(app, 'owner');
  });
  afterEach(() => db.close());

  const base = (id = projectId) => `/api/projects/${id}/dedup`;

  it('the owner runs deduplication; members list clusters with evidence and records side by side', async () => {
    const run = await owner.agent.post(`${base()}/run`).expect(200);
    expect(run.body).toMatchObject({ records: 3, duplicates: 1, clusters: 1, review: 1 });

    const viewer = await loginAgent(app, 'victor');
    const review = await viewer.agent.get(`${base()}/clusters?status=review`).expect(200);
    expect(review.body.summary).toEqual({ records: 3, duplicates: 1, clusters: 1, review: 1 });
    const [cluster] = review.body.clusters as ClusterBody[];
    expect(cluster!.status).toBe('review');
    expect(cluster!.differingFields).toContain('pages');
    expect(cluster!.records.map((r) => r.id)).toContain(ids[2]);
    expect(cluster!.evidence[0]!.similarities).toMatchObject({ title: 1, pages: 0 });

    const merged = await viewer.agent.get(`${base()}/clusters?status=merged`).expect(200);
    expect((merged.body.clusters as ClusterBody[])[0]).toMatchObject({
      status: 'merged',
      rule: expect.any(String),
    });
    const all = await viewer.agent.get(`${base()}/clusters?status=all`).expect(200);
    expect(all.body.clusters).toHaveLength(2);
  });

  it('the owner decides and undoes; the decision log names the reviewer', async () => {
    await owner.agent.post(`${base()}/run`).expect(200);
    const clusterId = (
      (await owner.agent.get(`${base()}/clusters`).expect(200)).body.clusters as ClusterBody[]
    )[0]!.id;

    const decided = await owner.agent
      .post(`${base()}/clusters/${clusterId}/decision`)
      .send({ decision: 'not-duplicate' })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'not-duplicate',
      decisions: [{ decision: 'not-duplicate', username: 'owner', undone: false }],
    });

    const undone = await owner.agent.post(`${base()}/clusters/${clusterId}/undo`).expect(200);
    expect(undone.body.status).toBe('review');

    const merged = await owner.agent
      .post(`${base()}/clusters/${clusterId}/decision`)
      .send({ decision: 'merge', primaryId: ids[2] })
      .expect(200);
    expect(merged.body).toMatchObject({ status: 'merged', primaryRecordId: ids[2] });
    const pointers = db.prepare('SELECT COUNT(*) AS n FROM records WHERE duplicate_of IS NOT NULL').get();
    expect(pointers).toEqual({ n: 2 });
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    await owner.agent.post(`${base()}/run`).expect(200);
    const clusterId = (
      (await owner.agent.get(`${base()}/clusters`).expect(200)).body.clusters as ClusterBody[]
    )[0]!.id;
    const bad = await owner.agent
      .post(`${base()}/clusters/${clusterId}/decision`)
      .send({ decision: 'maybe' })
      .expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    await owner.agent
      .post(`${base()}/clusters/${clusterId}/decision`)
      .send({ decision: 'merge', primaryId: 99999 })
      .expect(400);
    await owner.agent.post(`${base()}/clusters/99999/decision`).send({ decision: 'merge' }).expect(404);
    await owner.agent.post(`${base()}/clusters/${clusterId}/undo`).expect(409);
    await owner.agent.get(`${base()}/clusters?status=nonsense`).expect(400);
    const again = (await owner.agent.get(`${base()}/clusters`).expect(200)).body.clusters as ClusterBody[];
    expect(again[0]).toMatchObject({ id: clusterId, status: 'review', decisions: [] });
  });

  it('guards: anonymous 401, stranger 404, reviewer and viewer may read but not decide', async () => {
    await request(app).get(`${base()}/clusters`).expect(401);
    const stranger = await loginAgent(app, 'stranger');
    await stranger.agent.get(`${base()}/clusters`).expect(404);
    const reviewer = await loginAgent(app, 'alice');
    await reviewer.agent.get(`${base()}/clusters`).expect(200);
    await reviewer.agent.post(`${base()}/run`).expect(403);
    const viewer = await loginAgent(app, 'victor');
    await viewer.agent.post(`${base()}/clusters/1/undo`).expect(403);
    expect(db.prepare('SELECT COUNT(*) AS n FROM dedup_runs').get()).toEqual({ n: 0 });
  });
});
