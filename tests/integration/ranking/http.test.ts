import { createApp } from '../../../server/app';
import { rankingIdle } from '../../../server/services/ranking';
import { createMember, loginAgent } from '../../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource } from '../../support/db';

const TOPIC = 'nudge default option physicians prescribing';
const OTHER = 'soil erosion river sediment transport';

async function setup() {
  const db = openTestDb();
  const projectId = seedProject(db);
  const sourceId = seedSource(db, projectId);
  // Topic records are the LAST ones, so an id-ordered queue would show them last.
  const recordIds = seedRecords(
    db,
    projectId,
    sourceId,
    Array.from({ length: 30 }, (_, i) => ({
      title: i >= 24 ? `Study ${i}: ${TOPIC}` : `Study ${i}: ${OTHER}`,
      abstract: i >= 24 ? `A ${TOPIC} trial.` : `Measurements of ${OTHER} in basin ${i}.`,
    })),
  );
  createMember(db, projectId, 'owner', 'owner');
  createMember(db, projectId, 'alice', 'reviewer');
  const app = createApp({ db, clock: () => new Date('2026-02-02T12:00:00Z') });
  const owner = (await loginAgent(app, 'owner')).agent;
  const alice = (await loginAgent(app, 'alice')).agent;
  return { db, projectId, recordIds, owner, alice, base: `/api/projects/${projectId}` };
}

describe('prioritised screening over HTTP', () => {
  it('the owner turns it on; settled decisions retrain in the background; the queue follows the model', async () => {
    const s = await setup();
    const ids = s.recordIds;
    await s.alice.put(`${s.base}/ranking/settings`).send({ enabled: true }).expect(403);
    await s.owner.put(`${s.base}/ranking/settings`).send({ enabled: true, bogus: 1 }).expect(400);
    const on = await s.owner
      .put(`${s.base}/ranking/settings`)
      .send({ enabled: true, keywords: ['nudge'] })
      .expect(200);
    expect(on.body).toEqual({ enabled: true, keywords: ['nudge'], model: 'sift' });
    // One reviewer, not blind: the model learns from other reviewers' votes, so a blinded reviewer
    // gets neither its order nor its relevance (docs/notes/screening.md).
    await s.owner
      .patch(`${s.base}/settings`)
      .send({ stages: { title_abstract: { reviewersRequired: 1, blind: false } } })
      .expect(200);

    await rankingIdle(s.db);

    // Cold start: no include and exclude yet, so records mentioning the keyword come first,
    // with no relevance shown (the order is not a prediction).
    const before = await s.alice.get(`${s.base}/queue?limit=6`).expect(200);
    expect(before.body.prioritised).toBe(true);
    const first = before.body.records as { id: number; relevance: number | null }[];
    expect(new Set(first.map((r) => r.id))).toEqual(new Set(ids.slice(24, 30)));
    for (const r of first) expect(r.relevance).toBeNull();

    await s.alice.post(`${s.base}/decisions`).send({ recordId: ids[29], decision: 'include' }).expect(201);
    await s.alice
      .post(`${s.base}/decisions`)
      .send({ recordId: ids[0], decision: 'exclude', reason: 'Off topic' })
      .expect(201);
    await rankingIdle(s.db);

    const after = await s.alice.get(`${s.base}/queue?limit=5`).expect(200);
    const top = after.body.records as { id: number; relevance: number }[];
    // the five remaining topic records (ids[24..28]) now come first, each with its score
    expect(new Set(top.map((r) => r.id))).toEqual(new Set(ids.slice(24, 29)));
    for (const r of top) expect(r.relevance).toBeGreaterThan(0.5);

    const dashboard = await s.alice.get(`${s.base}/ranking?consecutiveExcludes=1`).expect(200);
    expect(dashboard.body.model).toMatchObject({ includes: 1, excludes: 1, records: 30 });
    expect(dashboard.body.stopping).toMatchObject({ screened: 2, totalRecords: 30, relevantFound: 1 });
    expect(dashboard.body.stopping.consecutive).toEqual({
      consecutiveExcludes: 1,
      threshold: 1,
      met: true,
      reason: null,
    });
    expect(dashboard.body.stopping.hypergeometric.met).toBe(false);
    await s.alice.get(`${s.base}/ranking?recallTarget=2`).expect(400);
  });

  it('with prioritisation off the queue keeps id order and carries no scores', async () => {
    const s = await setup();
    const q = await s.alice.get(`${s.base}/queue?limit=3`).expect(200);
    expect(q.body.prioritised).toBe(false);
    expect(q.body.records.map((r: { id: number }) => r.id)).toEqual(s.recordIds.slice(0, 3));
  });

  it('a non-member gets 404 from the dashboard', async () => {
    const s = await setup();
    createMember(s.db, seedProject(s.db, 'Other'), 'mallory', 'owner');
    const app = createApp({ db: s.db });
    const mallory = (await loginAgent(app, 'mallory')).agent;
    await mallory.get(`${s.base}/ranking`).expect(404);
  });
});
