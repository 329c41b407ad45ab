import { createApp } from '../../../server/app';
import { decide, updateSettings } from '../../../server/services/screening';
import { prismaDocument } from '../../../server/services/prisma';
import { loginAgent } from '../../support/auth';
import { tempDir } from '../../support/cli';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

/**
 * POST …/fulltext/:recordId/not-retrievable takes the reason the report could not be obtained
 * (`{reason}`), keeps it and lists it with the report; the call without one (`{}`, `{note}`)
 * still works; PRISMA counts each such report once, reason or not.
 */
describe('marking a report not retrievable, with its reason', () => {
  async function setup() {
    const db = openTestDb();
    const p = seedScreeningProject(db, 3);
    const deps = { db, clock: () => new Date('2026-02-02T12:00:00Z') };
    const owner = { userId: p.owner.userId, role: 'owner' as const };
    updateSettings(deps, p.projectId, owner, { stages: { title_abstract: { reviewersRequired: 1 } } });
    for (const recordId of p.recordIds)
      decide(deps, p.projectId, owner, { recordId, stage: 'title_abstract', decision: 'include' });
    const app = createApp({ ...deps, uploadsDir: tempDir('sift-not-retrievable-') });
    const { agent } = await loginAgent(app, p.owner.username);
    return { ...p, db, agent, owner, base: `/api/projects/${p.projectId}/fulltext` };
  }

  it('keeps the reason given, lists it with the report, and still takes the old bodies', async () => {
    const s = await setup();
    const [withReason, withNote, bare] = s.recordIds as [number, number, number];
    await s.agent
      .post(`${s.base}/${withReason}/not-retrievable`)
      .send({ reason: '  Paywalled; no reply from the authors ' })
      .expect(200, {
        recordId: withReason,
        status: 'not_retrievable',
      });
    await s.agent
      .post(`${s.base}/${withNote}/not-retrievable`)
      .send({ note: 'asked the library' })
      .expect(200);
    await s.agent.post(`${s.base}/${bare}/not-retrievable`).expect(200);

    const { body } = await s.agent.get(s.base).expect(200);
    const byId = new Map(body.reports.map((r: { recordId: number }) => [r.recordId, r]));
    expect(byId.get(withReason)).toMatchObject({
      status: 'not_retrievable',
      reason: 'Paywalled; no reply from the authors',
      note: null,
    });
    expect(byId.get(withNote)).toMatchObject({
      status: 'not_retrievable',
      reason: null,
      note: 'asked the library',
    });
    expect(byId.get(bare)).toMatchObject({ status: 'not_retrievable', reason: null, note: null });

    const { model } = prismaDocument(s.db, s.projectId, s.owner);
    expect(model.dbr_notretrieved_reports).toBe(3);
  });

  it('refuses a reason longer than 2,000 characters', async () => {
    const s = await setup();
    await s.agent
      .post(`${s.base}/${s.recordIds[0]}/not-retrievable`)
      .send({ reason: 'x'.repeat(2001) })
      .expect(400);
  });

  it('forgets the reason once the report is retrieved after all', async () => {
    const s = await setup();
    const [recordId] = s.recordIds as [number];
    await s.agent.post(`${s.base}/${recordId}/not-retrievable`).send({ reason: 'no copy' }).expect(200);
    await s.agent
      .post(`${s.base}/${recordId}/link`)
      .send({ url: 'https://example.org/found.pdf' })
      .expect(200);
    const { body } = await s.agent.get(s.base).expect(200);
    expect(body.reports.find((r: { recordId: number }) => r.recordId === recordId)).toMatchObject({
      status: 'retrieved',
      reason: null,
    });
  });
});
